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
