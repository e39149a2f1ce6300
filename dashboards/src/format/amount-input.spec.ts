import { describe, expect, it } from 'vitest';
import { parseAmountInput } from './amount-input';

describe('parseAmountInput', () => {
  it.each([
    ['5000000', 5_000_000],
    ['5,000,000', 5_000_000],
    [' 200 000 ', 200_000],
    ['500万', 5_000_000],
    ['1.23万', 12_300],
    ['1.2亿', 120_000_000],
    ['50w', 500_000],
    ['-3.5', -3.5],
    ['0', 0],
    ['１２', null],
    ['', null],
    ['   ', null],
    ['5e6', null],
    ['abc', null],
    ['5万元', null],
    ['1.2.3', null],
  ])('%s → %s', (input, expected) => {
    expect(parseAmountInput(input)).toBe(expected);
  });
});
