import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@banca/domain';
import { pseudonymise } from './pseudonymise';
import { CUSTOMERS_ENTITY } from '../entities/customers.entity';
import { openEntityFile, type FileReadStats } from './entity-file.reader';
import type { RejectEntry } from './row-validator';

const KEY = Buffer.from('5e'.repeat(32), 'hex');
const dir = mkdtempSync(join(tmpdir(), 'banca-reader-'));
let fileNo = 0;

function fileWith(content: string | Buffer): string {
  const path = join(dir, `f${fileNo++}.csv`);
  writeFileSync(path, content);
  return path;
}

interface ReadResult {
  lines: string[][];
  rejects: RejectEntry[];
  stats: FileReadStats;
  encoding: string;
  delimiter: string;
  ignoredColumns: string[];
}

async function read(content: string | Buffer, options: { pseudonymized?: boolean; encoding?: 'auto' | 'gbk' } = {}): Promise<ReadResult> {
  const path = fileWith(content);
  const rejects: RejectEntry[] = [];
  const file = await openEntityFile({
    path,
    file: 'customers.csv',
    bytesTotal: Buffer.byteLength(content),
    definition: CUSTOMERS_ENTITY,
    encoding: options.encoding ?? 'auto',
    parseContext: { pseudonymKey: KEY, pseudonymized: options.pseudonymized ?? false },
    loadDate: '2025-01-15',
    onRejects: async (entries) => {
      rejects.push(...entries);
    },
    onProgress: async () => undefined,
  });
  let csv = '';
  for await (const chunk of file.copyChunks()) csv += chunk;
  const lines = csv.split('\n').filter((l) => l !== '').map((l) => l.split(','));
  return { lines, rejects, stats: file.stats, encoding: file.encoding, delimiter: file.delimiter, ignoredColumns: file.ignoredColumns };
}

const column = (name: string) => 1 + CUSTOMERS_ENTITY.fields.findIndex((f) => f.name === name);

async function failure(content: string | Buffer): Promise<ValidationError> {
  try {
    await read(content);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('reading a customers file', () => {
  it('stages pseudonymised ids, parsed values and the line number; the raw id does not survive', async () => {
    const r = await read('customer_id,investable_assets,payroll,as_of,risk_level\n13800138000,"1,250,000.50",是,2024/12/31,c3\n');
    expect(r.stats).toMatchObject({ rowsRead: 1, rowsRejected: 0 });
    const [row] = r.lines;
    expect(row![0]).toBe('2');
    expect(row![column('customer_id')]).toBe(pseudonymise('13800138000', KEY));
    expect(row![column('investable_assets')]).toBe('1250000.50');
    expect(row![column('payroll')]).toBe('t');
    expect(row![column('as_of')]).toBe('2024-12-31');
    expect(row![column('risk_level')]).toBe('C3');
    expect(r.lines.flat().join(',')).not.toContain('13800138000');
  });

  it('uses the load date when the file has no as_of, and derives birth_year from birth_date', async () => {
    const r = await read('customer_id,birth_date\nA1,19800215\n');
    expect(r.lines[0]![column('as_of')]).toBe('2025-01-15');
    expect(r.lines[0]![column('birth_year')]).toBe('1980');
  });

  it('reads semicolon-separated files with a BOM, CRLF line ends, quoted fields and headers in other cases', async () => {
    const r = await read('\uFEFFCustomer ID;Region;Branch-Code\r\n"A1";"Zhe;jiang";"B ""1"""\r\n\r\nA2;Beijing;B2\r\n');
    expect(r.delimiter).toBe(';');
    expect(r.encoding).toBe('utf-8');
    expect(r.stats.rowsRead).toBe(2);
    expect(r.lines.map((l) => l[0])).toEqual(['2', '4']);
    expect(r.lines[0]![column('region')]).toBe('Zhe;jiang');
    expect(r.lines[0]![column('branch_code')]).toBe('"B ""1"""');
  });

  it('detects GBK (read as GB18030) when the bytes are not UTF-8', async () => {
    const r = await read(iconv.encode('customer_id,region,payroll\nA1,浙江省,是\n', 'gbk'));
    expect(r.encoding).toBe('gb18030');
    expect(r.lines[0]![column('region')]).toBe('浙江省');
    expect(r.lines[0]![column('payroll')]).toBe('t');
  });

  it('reports ignored columns once', async () => {
    const r = await read('customer_id,favourite_colour,region\nA1,blue,x\n');
    expect(r.ignoredColumns).toEqual(['favourite_colour']);
  });

  it('rejects bad cells with line, field, reason, and masks identifiers', async () => {
    const r = await read(
      [
        'customer_id,monthly_income,birth_date,payroll,risk_level,as_of',
        'A1,abc,1980-02-30,maybe,C9,2024-01-01',
        ',100,,,,',
        'A3,100',
        'A4,-5,,,,',
        'A5,200,,,,',
      ].join('\n'),
    );
    expect(r.stats).toMatchObject({ rowsRead: 5, rowsRejected: 4 });
    expect(r.lines.map((l) => l[0])).toEqual(['6']);
    expect(r.rejects).toEqual([
      { line: 2, field: 'birth_date', value: '1980-02-30', reason: 'not a calendar date' },
      { line: 2, field: 'monthly_income', value: 'abc', reason: 'not a decimal number' },
      { line: 2, field: 'payroll', value: 'maybe', reason: expect.stringContaining('not a yes/no value') },
      { line: 2, field: 'risk_level', value: 'C9', reason: expect.stringContaining('C1 to C5') },
      { line: 3, field: 'customer_id', value: '(empty)', reason: 'required' },
      { line: 4, field: 'row', value: null, reason: 'has 2 fields, the header has 6' },
      { line: 5, field: 'monthly_income', value: '-5', reason: 'must be at least 0' },
    ]);
  });

  it('masks a bad identifier of a pseudonymised file and stores good pseudonyms as they are', async () => {
    const pseudonym = 'AB'.repeat(32);
    const r = await read(`customer_id\n${pseudonym}\n13800138000\n`, { pseudonymized: true });
    expect(r.lines[0]![column('customer_id')]).toBe(pseudonym.toLowerCase());
    expect(r.rejects).toEqual([
      { line: 3, field: 'customer_id', value: '***(11 chars)', reason: expect.stringContaining('not a pseudonym') },
    ]);
  });
});

describe('files that are not customers CSV', () => {
  it.each([
    ['an empty file', '', /the file is empty/],
    ['blank lines only', '\n\n', /the file is empty/],
    ['binary content', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10]), /not text/],
    ['UTF-16', Buffer.from([0xff, 0xfe, 0x61, 0x00]), /UTF-16/],
    ['a products file', 'product_code,name,provider\nP1,Accident,INS\n', /not a customers file: required column "customer_id" missing/],
    ['a file without a header', '13800138000,1980-01-01,Beijing\n', /none of its 3 columns is a customers field/],
    ['a duplicated column', 'customer_id,region,Region\nA1,x,y\n', /"region" appears more than once/],
    ['an unclosed quote', 'customer_id,region\nA1,"Beijing\nA2,x\n', /quoted field is never closed/],
  ])('refuses %s', async (_, content, message) => {
    const error = await failure(content);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('customers.csv');
    expect(error.message).not.toContain('13800138000');
  });

  it('refuses invalid UTF-8 after a valid start when UTF-8 was detected', async () => {
    const start = Buffer.from(`customer_id,region\n${'A1,x\n'.repeat(60_000)}`);
    const error = await failure(Buffer.concat([start, Buffer.from([0xc3, 0x28, 0x0a])]));
    expect(error.message).toMatch(/not valid UTF-8/);
  });
});
