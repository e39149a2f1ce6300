import { describe, expect, it } from 'vitest';
import {
  parseBoolean,
  parseCode,
  parseCurrency,
  parseDate,
  parseDecimal,
  parseInteger,
  parseProductRiskLevel,
  parseRiskLevel,
  parseShare,
  type ParseResult,
} from './value-parsers';

const value = <T>(r: ParseResult<T>) => (r.ok ? r.value : `rejected: ${r.reason}`);

describe('parseDecimal', () => {
  it.each([
    ['1234.56', 1234.56],
    ['  -12 ', -12],
    ['+7', 7],
    ['1,234,567.89', 1234567.89],
    ['.5', 0.5],
    ['0', 0],
    ['-0', 0],
    ['4999999.99', 4999999.99],
    ['5000000', 5_000_000],
    ['9999999999999999.99', 'rejected: number out of range'],
    ['', null],
    ['   ', null],
  ])('%j → %j', (text, expected) => {
    expect(value(parseDecimal(text))).toEqual(expected);
  });

  it.each(['abc', '1.2.3', '1e5', '¥100', '12,34', '1,2345', '--1', '.', '-', '1 000', 'NaN', 'Infinity'])(
    'rejects %j',
    (text) => {
      expect(parseDecimal(text).ok).toBe(false);
    },
  );

  it('enforces a minimum', () => {
    expect(value(parseDecimal('-0.01', { min: 0 }))).toBe('rejected: must be at least 0');
    expect(value(parseDecimal('0', { min: 0 }))).toBe(0);
  });
});

describe('parseInteger', () => {
  it('parses whole numbers within bounds', () => {
    expect(value(parseInteger(' 1980 ', { min: 1900, max: 2100 }))).toBe(1980);
    expect(value(parseInteger('1899', { min: 1900 }))).toBe('rejected: must be at least 1900');
    expect(value(parseInteger('2101', { max: 2100 }))).toBe('rejected: must be at most 2100');
    expect(parseInteger('19.5').ok).toBe(false);
    expect(value(parseInteger(''))).toBeNull();
  });
});

describe('parseDate', () => {
  it.each([
    ['2024-03-31', '2024-03-31'],
    ['2024/03/31', '2024-03-31'],
    ['2024/3/5', '2024-03-05'],
    ['20240331', '2024-03-31'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['2024-03-31T23:59:59Z', '2024-03-31'],
    ['2024-03-31 08:00', '2024-03-31'],
    ['2024-03-31T08:00:00.000+08:00', '2024-03-31'],
    [' 2024-01-01 ', '2024-01-01'],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(value(parseDate(text))).toBe(expected);
  });

  it.each(['2023-02-29', '1900-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '20241301', '31/03/2024', '2024-3-5',
    '03/31/2024', 'yesterday', '202403', '1700-01-01'])('rejects %j', (text) => {
    expect(parseDate(text).ok).toBe(false);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true], ['TRUE', true], ['1', true], ['Y', true], ['y', true], ['yes', true], ['Yes', true], ['是', true],
    ['false', false], ['False', false], ['0', false], ['N', false], ['no', false], ['NO', false], ['否', false],
    [' yes ', true], ['', null],
  ])('%j → %j', (text, expected) => {
    expect(value(parseBoolean(text))).toBe(expected);
  });

  it.each(['2', 'maybe', 't', 'ok', '是的'])('rejects %j', (text) => {
    expect(parseBoolean(text).ok).toBe(false);
  });
});

describe('parseRiskLevel', () => {
  it.each([['C1', 'C1'], ['c3', 'C3'], [' C5 ', 'C5'], ['', null]])('%j → %j', (text, expected) => {
    expect(value(parseRiskLevel(text))).toBe(expected);
  });

  it.each(['C0', 'C6', 'R3', '3', 'C 3', 'C33'])('rejects %j', (text) => {
    expect(parseRiskLevel(text).ok).toBe(false);
  });
});

describe('codes, shares, currencies and product risk levels', () => {
  it.each([
    ['Critical Illness', 'critical_illness'],
    [' investment-linked ', 'investment_linked'],
    ['ACCIDENT', 'accident'],
    ['', null],
    ['pension', 'rejected: not one of accident, medical, critical_illness'],
  ])('parseCode(%j) → %j', (text, expected) => {
    const result = value(parseCode(text, ['accident', 'medical', 'critical_illness', 'investment_linked']));
    if (typeof expected === 'string' && expected.startsWith('rejected')) expect(result).toMatch(/^rejected: not one of accident, medical, critical_illness/);
    else expect(result).toBe(expected);
  });

  it.each([
    ['0.15', 0.15],
    ['15%', 0.15],
    ['100%', 1],
    ['0', 0],
    ['1', 1],
    ['', null],
    ['1.01', 'rejected: must be between 0 and 1 (or 0% to 100%)'],
    ['-0.1', 'rejected: must be at least 0'],
    ['abc%', 'rejected: not a decimal number'],
  ])('parseShare(%j) → %j', (text, expected) => {
    expect(value(parseShare(text))).toEqual(expected);
  });

  it.each([
    ['cny', 'CNY'],
    [' HKD ', 'HKD'],
    ['', null],
    ['RMB¥', 'rejected: not a currency code (expected three letters, e.g. CNY)'],
  ])('parseCurrency(%j) → %j', (text, expected) => {
    expect(value(parseCurrency(text))).toEqual(expected);
  });

  it.each([
    ['r4', 'R4'],
    ['R1', 'R1'],
    ['', null],
    ['R6', 'rejected: not a product risk level (expected R1 to R5)'],
    ['C3', 'rejected: not a product risk level (expected R1 to R5)'],
  ])('parseProductRiskLevel(%j) → %j', (text, expected) => {
    expect(value(parseProductRiskLevel(text))).toEqual(expected);
  });
});
