import {
  isPseudonym,
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
} from '@banca/domain';
import type { CellValue, FieldDefinition, FieldKind } from '../entities/entity-definition';
import { pseudonymise } from './pseudonymise';

export interface ParseContext {
  pseudonymKey: Uint8Array;
  /** The file's customer ids are already pseudonyms: checked and stored as they are. */
  pseudonymized: boolean;
}

interface FieldKindSpec {
  /** Column type of the staging table (the canonical tables use the same). */
  sqlType: string;
  /** Identifier values are masked in reject reports. */
  identifier: boolean;
  parse(text: string, context: ParseContext, field: FieldDefinition): ParseResult<CellValue>;
}

const MAX_TEXT_LENGTH = 200;
const MAX_LIST_ITEMS = 50;
const MAX_IDENTIFIER_LENGTH = 128;

// Fast paths for the cells most files hold (once per field and row), each giving what the general parser
// gives for them: a plain amount well inside numeric(18, 2), an ISO date no calendar can refuse, a yes/no word.
const PLAIN_AMOUNT = /^\d{1,15}(?:\.\d{1,6})?$/;
const BOOLEAN_WORDS = new Map<string, ParseResult<CellValue>>(
  [...['true', '1', 'y', 'yes', '是'].map((w) => [w, true] as const), ...['false', '0', 'n', 'no', '否'].map((w) => [w, false] as const)]
    .flatMap(([word, value]) => [word, word.toUpperCase()].map((w) => [w, { ok: true, value }] as const)),
);

function parseIsoDate(text: string): ParseResult<CellValue> {
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const year = Number(text.slice(0, 4));
    const month = Number(text.slice(5, 7));
    const day = Number(text.slice(8, 10));
    // digits only (Number('1e10') and ' 1' are not), and a day every month has
    if (year >= 1800 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && /^\d{4}-\d\d-\d\d$/.test(text)) {
      return { ok: true, value: text };
    }
  }
  return parseDate(text);
}

function parseCustomerId(text: string, { pseudonymKey, pseudonymized }: ParseContext): ParseResult<CellValue> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (pseudonymized) {
    const value = trimmed.toLowerCase();
    return isPseudonym(value)
      ? { ok: true, value }
      : { ok: false, reason: 'not a pseudonym (expected 64 hexadecimal characters, as the file is marked pseudonymised)' };
  }
  if (trimmed.length > MAX_IDENTIFIER_LENGTH) {
    return { ok: false, reason: `identifier longer than ${MAX_IDENTIFIER_LENGTH} characters` };
  }
  // The raw id goes no further than this call: only its pseudonym leaves.
  return { ok: true, value: pseudonymise(trimmed, pseudonymKey) };
}

/**
 * Amounts are checked as numbers but staged as their decimal text (digits only): COPY reads it exactly, and
 * formatting a double back to text would cost more than the rest of the row.
 */
function parseAmount(text: string, field: FieldDefinition): ParseResult<CellValue> {
  if (PLAIN_AMOUNT.test(text)) return { ok: true, value: text };
  const parsed = parseDecimal(text, field.signed ? {} : { min: 0 });
  if (!parsed.ok || parsed.value === null) return parsed;
  return { ok: true, value: text.trim().replace(/,/g, '').replace(/^\+/, '') };
}

function parseText(text: string): ParseResult<CellValue> {
  const value = text.trim();
  if (value === '') return { ok: true, value: null };
  return value.length > MAX_TEXT_LENGTH
    ? { ok: false, reason: `longer than ${MAX_TEXT_LENGTH} characters` }
    : { ok: true, value };
}

/** `P1; P2 ;P3` (or comma-separated): trimmed, empty items dropped, staged as `P1;P2;P3`. */
function parseList(text: string): ParseResult<CellValue> {
  const items = text.split(text.includes(';') ? ';' : ',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0) return { ok: true, value: null };
  if (items.length > MAX_LIST_ITEMS) return { ok: false, reason: `more than ${MAX_LIST_ITEMS} items` };
  if (items.some((item) => item.length > MAX_TEXT_LENGTH)) return { ok: false, reason: `an item is longer than ${MAX_TEXT_LENGTH} characters` };
  return { ok: true, value: items.join(';') };
}

export const FIELD_KINDS: Record<FieldKind, FieldKindSpec> = {
  'customer-id': { sqlType: 'text', identifier: true, parse: parseCustomerId },
  text: { sqlType: 'text', identifier: false, parse: parseText },
  amount: { sqlType: 'numeric(18, 2)', identifier: false, parse: (text, _, field) => parseAmount(text, field) },
  date: { sqlType: 'date', identifier: false, parse: parseIsoDate },
  boolean: { sqlType: 'boolean', identifier: false, parse: (text) => BOOLEAN_WORDS.get(text) ?? parseBoolean(text) },
  year: { sqlType: 'integer', identifier: false, parse: (text) => parseInteger(text, { min: 1900, max: 2100 }) },
  integer: { sqlType: 'integer', identifier: false, parse: (text) => parseInteger(text, { min: 0, max: 1_000_000 }) },
  share: { sqlType: 'numeric(7, 6)', identifier: false, parse: (text) => parseShare(text) },
  currency: { sqlType: 'text', identifier: false, parse: (text) => parseCurrency(text) },
  'customer-risk-level': { sqlType: 'text', identifier: false, parse: (text) => parseRiskLevel(text) },
  'product-risk-level': { sqlType: 'text', identifier: false, parse: (text) => parseProductRiskLevel(text) },
  code: { sqlType: 'text', identifier: false, parse: (text, _, field) => parseCode(text, field.codes ?? []) },
  list: { sqlType: 'text', identifier: false, parse: parseList },
};
