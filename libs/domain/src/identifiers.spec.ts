import { describe, expect, it } from 'vitest';
import { isPseudonym, maskIdentifier, normaliseIdentifier } from './identifiers';


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
