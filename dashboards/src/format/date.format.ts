import type { Language } from '../i18n/language';
import { MISSING } from './missing';

type DateInput = string | Date | null | undefined;

/** Campaign and compliance records are kept in China Standard Time, whatever the viewer's clock says. */
export const REPORTING_TIME_ZONE = 'Asia/Shanghai';

function toDate(input: DateInput): Date | null {
  if (input === null || input === undefined || input === '') return null;
  const date = input instanceof Date ? input : new Date(input);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date: "2025年3月9日" / "Mar 9, 2025". */
export function formatDate(input: DateInput, language: Language): string {
  const date = toDate(input);
  if (!date) return MISSING;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: REPORTING_TIME_ZONE }).format(date);
}

/** A date and time to the minute, 24-hour: "2025/3/9 14:05" / "Mar 9, 2025, 14:05". */
export function formatDateTime(input: DateInput, language: Language): string {
  const date = toDate(input);
  if (!date) return MISSING;
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone: REPORTING_TIME_ZONE,
  }).format(date);
}

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time: "today" for reports. */
export function reportingDate(instant: Date): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: REPORTING_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * A YYYY-MM-DD date moved by whole months (negative: back). The day is kept, or clamped to the month's
 * last day, so 2024-02-29 minus 12 months is 2023-02-28.
 */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return isoDate;
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(Math.min(day, lastDay), 2)}`;
}

/** A YYYY-MM-DD date for reading: "2025年3月9日" / "Mar 9, 2025" (no time zone shift: it is a calendar date). */
export function formatCalendarDate(isoDate: string | null | undefined, language: Language): string {
  if (!isoDate || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return MISSING;
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return MISSING;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}
