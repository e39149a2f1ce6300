import type { CellValue } from '../entities/entity-definition';

const NEEDS_QUOTES = /[",\r\n]/;

/** One row in the CSV dialect of COPY: an unquoted empty field is NULL, a quoted one an empty string. */
export function toCopyCsvLine(values: readonly CellValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v === 'boolean') line += v ? 't' : 'f';
    else if (typeof v === 'number') line += String(v);
    else line += v === '' || NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }
  return line + '\n';
}
