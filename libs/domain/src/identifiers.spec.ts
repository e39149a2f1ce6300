import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256, toHex } from './hmac-sha256';
import { isPseudonym, maskIdentifier, normaliseIdentifier, pseudonymise } from './identifiers';

const KEY = Buffer.from('5e'.repeat(32), 'hex');

describe('pseudonymise', () => {
  it('is the hex HMAC-SHA256 of the trimmed, upper-cased id under the shared key', () => {
    const expected = createHmac('sha256', KEY).update('11010519491231002X').digest('hex');
    expect(pseudonymise('  11010519491231002x ', KEY)).toBe(expected);
    expect(isPseudonym(expected)).toBe(true);
  });

  it('gives the same pseudonym for the same person written differently, and different ones per key', () => {
    expect(pseudonymise('ab123', KEY)).toBe(pseudonymise(' AB123\t', KEY));
    expect(pseudonymise('ab123', KEY)).not.toBe(pseudonymise('ab123', Buffer.from('01'.repeat(32), 'hex')));
  });

  it('refuses an empty identifier', () => {
    expect(() => pseudonymise('   ', KEY)).toThrow(/empty/);
  });

  it('agrees with node:crypto on random keys and messages of every block-boundary length', () => {
    for (const keyLength of [1, 32, 63, 64, 65, 100]) {
      const key = randomBytes(keyLength);
      for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 200]) {
        const message = randomBytes(length);
        expect(toHex(hmacSha256(key, message))).toBe(createHmac('sha256', key).update(message).digest('hex'));
        expect(toHex(sha256(message))).toBe(createHash('sha256').update(message).digest('hex'));
      }
    }
  });

  it('hashes long identifiers too', () => {
    const long = 'X'.repeat(300);
    expect(pseudonymise(long, KEY)).toBe(createHmac('sha256', KEY).update(long).digest('hex'));
  });

  it('hashes non-ASCII identifiers as UTF-8', () => {
    expect(pseudonymise('客户-001', KEY)).toBe(createHmac('sha256', KEY).update('客户-001', 'utf8').digest('hex'));
  });
});

describe('identifiers', () => {
  it('normalises by trimming and upper-casing', () => {
    expect(normaliseIdentifier(' 1380013800x ')).toBe('1380013800X');
  });

  it('masks identifiers with their length only, never a character of them', () => {
    expect(maskIdentifier('13800138000')).toBe('***(11 chars)');
    expect(maskIdentifier('ZQ-77')).not.toMatch(/[ZQ7]/);
    expect(maskIdentifier('  ')).toBe('(empty)');
    expect(maskIdentifier('客户')).toBe('***(2 chars)');
  });

  it('recognises pseudonyms as 64 lower-case hex characters', () => {
    expect(isPseudonym('a'.repeat(64))).toBe(true);
    expect(isPseudonym('A'.repeat(64))).toBe(false);
    expect(isPseudonym('a'.repeat(63))).toBe(false);
  });
});
