import { describe, expect, it } from 'vitest';
import { formatBytes, formatCny, formatCount, formatCountCompact, formatPercent, shareOf } from './number.format';

describe('formatCny', () => {
  describe('zh-CN: 元 below 10,000, then 万元 and 亿元 with up to two decimals', () => {
    it.each([
      [0, '0元'],
      [9_999, '9,999元'],
      [1_234.5, '1,234.5元'],
      [10_000, '1万元'],
      [12_345, '1.23万元'],
      [5_000_000, '500万元'],
      [99_999_999, '1亿元'],
      [100_000_000, '1亿元'],
      [123_456_789, '1.23亿元'],
      [1_234_567_890_000, '12,345.68亿元'],
      [-12_345, '-1.23万元'],
      [-500, '-500元'],
      [-0.001, '0元'],
    ])('%d → %s', (value, expected) => {
      expect(formatCny(value, 'zh-CN')).toBe(expected);
    });

    it('rounds up into the next unit instead of printing 10,000万', () => {
      expect(formatCny(9_999.999, 'zh-CN')).toBe('1万元');
    });
  });

  // en: full grouping below one million, where a reader still takes the number in at a glance; M and B above.
  describe('en: "CNY 12,345" below one million, then "CNY 1.23M" and "CNY 1.23B"', () => {
    it.each([
      [0, 'CNY 0'],
      [10_000, 'CNY 10,000'],
      [12_345, 'CNY 12,345'],
      [999_999.5, 'CNY 999,999.5'],
      [1_000_000, 'CNY 1M'],
      [1_234_567, 'CNY 1.23M'],
      [100_000_000, 'CNY 100M'],
      [999_999_999, 'CNY 1B'],
      [123_456_789_000, 'CNY 123.46B'],
      [-1_234_567, 'CNY -1.23M'],
    ])('%d → %s', (value, expected) => {
      expect(formatCny(value, 'en')).toBe(expected);
    });
  });

  it.each([null, undefined, Number.NaN, Number.POSITIVE_INFINITY])('%s → —', (value) => {
    expect(formatCny(value, 'zh-CN')).toBe('—');
    expect(formatCny(value, 'en')).toBe('—');
  });
});

describe('formatCount', () => {
  it('groups thousands in both languages', () => {
    expect(formatCount(1_234_567, 'en')).toBe('1,234,567');
    expect(formatCount(1_234_567, 'zh-CN')).toBe('1,234,567');
  });

  it('shows zero, negatives and rounds to whole units', () => {
    expect(formatCount(0, 'en')).toBe('0');
    expect(formatCount(-42, 'en')).toBe('-42');
    expect(formatCount(2.6, 'en')).toBe('3');
  });

  it.each([null, undefined, Number.NaN])('%s → —', (value) => {
    expect(formatCount(value, 'en')).toBe('—');
  });
});

describe('formatCountCompact', () => {
  it.each([
    [0, 'zh-CN', '0'],
    [9_999, 'zh-CN', '9,999'],
    [10_000, 'zh-CN', '1万'],
    [12_345, 'zh-CN', '1.2万'],
    [100_000_000, 'zh-CN', '1亿'],
    [999, 'en', '999'],
    [12_345, 'en', '12.3K'],
    [1_000_000, 'en', '1M'],
    [-12_345, 'en', '-12.3K'],
  ] as const)('%d in %s → %s', (value, language, expected) => {
    expect(formatCountCompact(value, language)).toBe(expected);
  });

  it('shows — for a missing value', () => {
    expect(formatCountCompact(null, 'zh-CN')).toBe('—');
  });
});

describe('formatPercent', () => {
  it('formats a ratio with one decimal by default', () => {
    expect(formatPercent(0.1234, 'en')).toBe('12.3%');
    expect(formatPercent(0.1234, 'zh-CN')).toBe('12.3%');
  });

  it('handles 0, 100 %, negatives and the requested precision', () => {
    expect(formatPercent(0, 'en')).toBe('0.0%');
    expect(formatPercent(1, 'en')).toBe('100.0%');
    expect(formatPercent(-0.05, 'en')).toBe('-5.0%');
    expect(formatPercent(0.12345, 'en', 2)).toBe('12.35%');
    expect(formatPercent(-0.00001, 'en')).toBe('0.0%');
  });

  it.each([null, undefined, Number.NaN])('%s → —', (value) => {
    expect(formatPercent(value, 'en')).toBe('—');
  });
});

describe('shareOf', () => {
  it('is the part over the whole, and null for an empty whole', () => {
    expect(shareOf(25, 100)).toBe(0.25);
    expect(shareOf(0, 0)).toBeNull();
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1,023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [1_048_575, '1 MB'],
    [42_152_345, '40.2 MB'],
    [5 * 1024 ** 3, '5 GB'],
  ])('%d → %s', (value, expected) => {
    expect(formatBytes(value, 'en')).toBe(expected);
  });

  it.each([null, undefined, Number.NaN, -1])('%s → —', (value) => {
    expect(formatBytes(value, 'zh-CN')).toBe('—');
  });
});
