import { describe, expect, it } from 'vitest';
import { spreadsheetCell, spreadsheetRow } from './csv-cells';

describe('spreadsheet-safe CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1', "'+1"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['a;b', '"a;b"'],
    ['two\nlines', '"two\nlines"'],
    ['浙江', '浙江'],
  ])('%j → %j', (value, expected) => {
    expect(spreadsheetCell(value)).toBe(expected);
  });

  it('writes numbers as they are, null as an empty cell, and ends records with CRLF', () => {
    expect(spreadsheetRow([12, 'field', null, '=1+1'])).toBe("12,field,,'=1+1\r\n");
  });
});
