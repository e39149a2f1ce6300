/** Characters a spreadsheet reads as the start of a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell of a CSV file meant for spreadsheets: a value that would start a formula is prefixed with an
 * apostrophe (shown as text), and the cell is quoted when it holds a delimiter, quote or line break.
 */
export function spreadsheetCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CRLF-terminated CSV record of spreadsheet-safe cells. */
export function spreadsheetRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(spreadsheetCell).join(',')}\r\n`;
}
