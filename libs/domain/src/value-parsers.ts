import { PRODUCT_RISK_LEVELS, type ProductRiskLevel } from './canonical-values';

/**
 * Parsers for the cells of partner files (DATA.md). An empty cell (after trimming) is a missing value,
 * `{ ok: true, value: null }`; whether a field may be missing is the caller's decision.
 */
export type ParseResult<T> = { ok: true; value: T | null } | { ok: false; reason: string };

export const CUSTOMER_RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export type CustomerRiskLevel = (typeof CUSTOMER_RISK_LEVELS)[number];

const MISSING = { ok: true, value: null } as const;
const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): ParseResult<T> => ({ ok: false, reason });

/** numeric(18, 2) holds magnitudes below 10^16. */
const MAX_AMOUNT = 1e16;
// Plain digits, or digits grouped by thousands with commas; an optional fraction.
const DECIMAL_PATTERN = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d+)?$/;

export interface DecimalOptions {
  /** Smallest accepted value, e.g. 0 for balances. */
  min?: number;
}

/** Decimal amounts: `1234.5`, `-12`, `1,234,567.89`, `.5`; no exponents, currency signs or stray text. */
export function parseDecimal(text: string, options: DecimalOptions = {}): ParseResult<number> {
  const s = text.trim();
  if (s === '') return MISSING;
  if (!DECIMAL_PATTERN.test(s) || !/\d/.test(s)) return fail('not a decimal number');
  const value = Number(s.replace(/,/g, ''));
  if (!Number.isFinite(value) || Math.abs(value) >= MAX_AMOUNT) return fail('number out of range');
  if (options.min !== undefined && value < options.min) return fail(`must be at least ${options.min}`);
  return ok(value === 0 ? 0 : value);
}

export interface IntegerOptions {
  min?: number;
  max?: number;
}

export function parseInteger(text: string, options: IntegerOptions = {}): ParseResult<number> {
  const s = text.trim();
  if (s === '') return MISSING;
  if (!/^[+-]?\d{1,15}$/.test(s)) return fail('not a whole number');
  const value = Number(s);
  if (options.min !== undefined && value < options.min) return fail(`must be at least ${options.min}`);
  if (options.max !== undefined && value > options.max) return fail(`must be at most ${options.max}`);
  return ok(value === 0 ? 0 : value);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const SLASH_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * Dates as ISO-8601 (`2024-03-31`, a time part is ignored), `YYYY/MM/DD` (also `2024/3/5`) or `YYYYMMDD`;
 * returns `YYYY-MM-DD`. Impossible dates such as 2023-02-29 are rejected.
 */
export function parseDate(text: string): ParseResult<string> {
  const s = text.trim();
  if (s === '') return MISSING;
  const m = ISO_DATE.exec(s) ?? SLASH_DATE.exec(s) ?? COMPACT_DATE.exec(s);
  if (!m) return fail('not a date (expected YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)');
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1800 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail('not a calendar date');
  }
  return ok(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

const TRUE_WORDS = new Set(['true', '1', 'y', 'yes', '是']);
const FALSE_WORDS = new Set(['false', '0', 'n', 'no', '否']);

/** Booleans: true/false, 1/0, Y/N, yes/no (any case), 是/否. */
export function parseBoolean(text: string): ParseResult<boolean> {
  const s = text.trim().toLowerCase();
  if (s === '') return MISSING;
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return fail('not a yes/no value (expected true/false, 1/0, Y/N, yes/no, 是/否)');
}

/** A customer's risk tolerance level, C1 (conservative) to C5 (aggressive); any case. */
export function parseRiskLevel(text: string): ParseResult<CustomerRiskLevel> {
  const s = text.trim().toUpperCase();
  if (s === '') return MISSING;
  return (CUSTOMER_RISK_LEVELS as readonly string[]).includes(s)
    ? ok(s as CustomerRiskLevel)
    : fail('not a customer risk level (expected C1 to C5)');
}

/** A product's risk rating, R1 (lowest) to R5; any case. */
export function parseProductRiskLevel(text: string): ParseResult<ProductRiskLevel> {
  const s = text.trim().toUpperCase();
  if (s === '') return MISSING;
  const level = PRODUCT_RISK_LEVELS.find((l) => l === s);
  return level ? ok(level) : fail('not a product risk level (expected R1 to R5)');
}

/**
 * One code of a fixed list (a product category, a sale status): upper or lower case, spaces and hyphens read as
 * underscores (`Critical Illness` is `critical_illness`). The reason names the accepted codes.
 */
export function parseCode<T extends string>(text: string, codes: readonly T[]): ParseResult<T> {
  const s = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (s === '') return MISSING;
  const code = codes.find((c) => c === s);
  return code ? ok(code) : fail(`not one of ${codes.join(', ')}`);
}

/** A share between 0 and 1: `0.15`, or a percentage `15%`. */
export function parseShare(text: string): ParseResult<number> {
  const s = text.trim();
  if (s === '') return MISSING;
  const percent = s.endsWith('%');
  const parsed = parseDecimal(percent ? s.slice(0, -1) : s, { min: 0 });
  if (!parsed.ok || parsed.value === null) return parsed.ok ? fail('not a share') : parsed;
  const value = percent ? parsed.value / 100 : parsed.value;
  return value > 1 ? fail('must be between 0 and 1 (or 0% to 100%)') : ok(value);
}

/** An ISO 4217 currency code such as CNY, USD, HKD; any case. */
export function parseCurrency(text: string): ParseResult<string> {
  const s = text.trim().toUpperCase();
  if (s === '') return MISSING;
  return /^[A-Z]{3}$/.test(s) ? ok(s) : fail('not a currency code (expected three letters, e.g. CNY)');
}
