import { describe, expect, it } from 'vitest';
import { addMonths, formatCalendarDate, formatDate, formatDateTime, reportingDate } from './date.format';

// 06:05 UTC is 14:05 in Beijing; 20:30 UTC on 9 March is already 10 March in Beijing.
const AFTERNOON = '2025-03-09T06:05:00.000Z';
const LATE_EVENING_UTC = '2025-03-09T20:30:00.000Z';

describe('formatDate', () => {
  it('formats in each language', () => {
    expect(formatDate(AFTERNOON, 'zh-CN')).toBe('2025年3月9日');
    expect(formatDate(AFTERNOON, 'en')).toBe('Mar 9, 2025');
  });

  it('uses China Standard Time, not the machine clock', () => {
    expect(formatDate(LATE_EVENING_UTC, 'en')).toBe('Mar 10, 2025');
  });

  it('accepts a Date', () => {
    expect(formatDate(new Date(AFTERNOON), 'en')).toBe('Mar 9, 2025');
  });

  it.each([null, undefined, '', 'not a date'])('%s → —', (value) => {
    expect(formatDate(value, 'en')).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('shows the time to the minute on a 24-hour clock', () => {
    expect(formatDateTime(AFTERNOON, 'zh-CN')).toBe('2025年3月9日 14:05');
    expect(formatDateTime(AFTERNOON, 'en')).toBe('Mar 9, 2025, 14:05');
  });

  it('shows — for a missing or invalid value', () => {
    expect(formatDateTime(null, 'zh-CN')).toBe('—');
    expect(formatDateTime('2025-13-45', 'en')).toBe('—');
  });
});

describe('reportingDate', () => {
  it('is the date in China Standard Time', () => {
    expect(reportingDate(new Date(AFTERNOON))).toBe('2025-03-09');
    expect(reportingDate(new Date(LATE_EVENING_UTC))).toBe('2025-03-10');
  });
});

describe('addMonths', () => {
  it.each([
    ['2025-03-09', -12, '2024-03-09'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2024-02-29', -12, '2023-02-28'],
    ['2024-12-15', 1, '2025-01-15'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-05-31', 0, '2025-05-31'],
  ])('%s %+d months → %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('formatCalendarDate', () => {
  it('shows the calendar date as given, whatever the time zone', () => {
    expect(formatCalendarDate('2025-03-09', 'en')).toBe('Mar 9, 2025');
    expect(formatCalendarDate('2025-03-09', 'zh-CN')).toBe('2025年3月9日');
  });

  it.each([null, undefined, '', '2025-3-9', 'yesterday'])('%s → —', (value) => {
    expect(formatCalendarDate(value, 'en')).toBe('—');
  });
});
