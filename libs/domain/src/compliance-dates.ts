import { ValidationError } from './errors';

/**
 * Calendar arithmetic on 'YYYY-MM-DD' dates, as PostgreSQL does it on `date` values, so the compliance
 * rules in TypeScript and the bulk SQL agree to the day. Pure integer arithmetic: no Date, no time zone.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function parseDate(date: string): CalendarDate {
  const m = ISO_DATE.exec(date);
  const parsed = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  if (!parsed || parsed.month < 1 || parsed.month > 12 || parsed.day < 1 || parsed.day > daysInMonth(parsed.year, parsed.month)) {
    throw new ValidationError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return parsed;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
function dayNumber({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

function format({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * `date + interval 'n months'` in PostgreSQL: the same day n months later, clamped to the end of a
 * shorter month (2023-01-31 + 1 → 2023-02-28, 2024-01-31 + 1 → 2024-02-29). n may be negative.
 */
export function addMonths(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new ValidationError(`months must be a whole number: ${n}`);
  const { year, month, day } = parseDate(date);
  const index = year * 12 + (month - 1) + n;
  const toYear = Math.floor(index / 12);
  const toMonth = index - toYear * 12 + 1;
  return format({ year: toYear, month: toMonth, day: Math.min(day, daysInMonth(toYear, toMonth)) });
}

/** `to - from` in days, as PostgreSQL subtracts two dates (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(parseDate(to)) - dayNumber(parseDate(from));
}

/**
 * Whole years from `from` to `to`, reached on the anniversary: PostgreSQL
 * `extract(year from age(to, from))`. Someone born on 29 February turns a year older on 1 March in a
 * common year.
 */
export function wholeYearsBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  const beforeAnniversary = b.month < a.month || (b.month === a.month && b.day < a.day);
  return b.year - a.year - (beforeAnniversary ? 1 : 0);
}

/** The calendar year of a date. */
export function yearOf(date: string): number {
  return parseDate(date).year;
}
