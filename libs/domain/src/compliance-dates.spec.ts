import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, wholeYearsBetween, yearOf } from './compliance-dates';
import { ValidationError } from './errors';

// Expected values are PostgreSQL's: `date + interval 'n months'`, `date - date`, `extract(year from age(to, from))`.
describe('addMonths, as PostgreSQL adds months to a date', () => {
  it.each([
    ['2025-01-15', 1, '2025-02-15'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2025-01-31', -2, '2024-11-30'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-12-31', 1, '2026-01-31'],
    ['2025-06-15', 0, '2025-06-15'],
    ['1899-12-31', 2, '1900-02-28'],
    ['1999-12-31', 2, '2000-02-29'],
    ['2024-06-15', 12, '2025-06-15'],
  ] as const)('%s + %i months = %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it('refuses a fraction of a month', () => {
    expect(() => addMonths('2025-01-01', 1.5)).toThrow(ValidationError);
  });
});

describe('daysBetween, as PostgreSQL subtracts dates', () => {
  it.each([
    ['2025-06-15', '2025-06-30', 15],
    ['2024-02-20', '2024-03-06', 15],
    ['2025-02-20', '2025-03-06', 14],
    ['2025-06-15', '2025-06-15', 0],
    ['2025-06-15', '2025-06-01', -14],
    ['2024-01-01', '2025-01-01', 366],
    ['1970-01-01', '2000-03-01', 11_017],
    ['1899-12-31', '1900-03-01', 60],
  ] as const)('from %s to %s: %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('wholeYearsBetween, reached on the anniversary', () => {
  it.each([
    ['1959-06-15', '2025-06-14', 65],
    ['1959-06-15', '2025-06-15', 66],
    ['2000-02-29', '2025-02-28', 24],
    ['2000-02-29', '2025-03-01', 25],
    ['2000-02-29', '2024-02-29', 24],
    ['2000-12-31', '2001-01-01', 0],
  ] as const)('from %s to %s: %i years', (from, to, years) => {
    expect(wholeYearsBetween(from, to)).toBe(years);
  });

  it('yearOf reads the calendar year', () => {
    expect(yearOf('2025-12-31')).toBe(2025);
  });
});

describe('dates that are not calendar dates', () => {
  it.each(['2025-02-29', '2025-13-01', '2025-04-31', '2025-1-1', '2025-06-15T00:00:00Z', ''])('%j is refused', (date) => {
    expect(() => addMonths(date, 1)).toThrow(ValidationError);
    expect(() => daysBetween(date, '2025-01-01')).toThrow(ValidationError);
  });
});
