import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPseudonym } from '@banca/domain';
import { pseudonymise } from './pseudonymise';

const KEY = Buffer.from('5e'.repeat(32), 'hex');

describe('pseudonymise', () => {
  it('is the hex HMAC-SHA256 of the trimmed, upper-cased id under the shared key', () => {
    // Reference: printf '11010519491231002X' | openssl dgst -sha256 -mac HMAC -macopt hexkey:5e5e…(32 bytes)
    const expected = '9d9e501a29f6b553ba7ed896eaf68ea8ce2930b53b2e01737fe3897c538d1404';
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
});

describe('the HMAC behind pseudonymise', () => {
  it('equals node:crypto HMAC-SHA256 for ids of every length around the block sizes, non-ASCII ids and long keys', () => {
    const keys = [KEY, Buffer.from('a7'.repeat(64), 'hex'), Buffer.from('3c'.repeat(100), 'hex')];
    const ids = [
      ...Array.from({ length: 140 }, (_, n) => 'X9'.repeat(70).slice(0, n + 1)),
      '张三110105194912310021',
      '身份证'.repeat(30),
      'ÄÖÜ-émoji-😀',
    ];
    for (const key of keys) {
      for (const id of ids) {
        const normalised = id.trim().toUpperCase();
        expect(pseudonymise(id, key)).toBe(createHmac('sha256', key).update(normalised, 'utf8').digest('hex'));
      }
    }
  });
});
