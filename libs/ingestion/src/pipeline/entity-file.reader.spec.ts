import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bool, DateDay, Dictionary, Float64, Int32, Int64, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ingestionMappingSchema, type IngestionEntity, type IngestionFormat, type IngestionMappingInput } from '@banca/contracts';
import { ValidationError } from '@banca/domain';
import { pseudonymise } from './pseudonymise';
import { CUSTOMERS_ENTITY } from '../entities/customers.entity';
import type { EntityDefinition } from '../entities/entity-definition';
import { ENTITY_DEFINITIONS } from '../entities/entity-registry';
import { scaleDecimal } from './arrow-reader';
import { checkMapping } from './column-plan';
import { openEntityFile, type FileReadStats } from './entity-file.reader';
import type { RejectEntry } from './row-validator';

const KEY = Buffer.from('5e'.repeat(32), 'hex');
const dir = mkdtempSync(join(tmpdir(), 'banca-reader-'));
let fileNo = 0;

function fileWith(content: string | Buffer | Uint8Array): string {
  const path = join(dir, `f${fileNo++}.csv`);
  writeFileSync(path, content);
  return path;
}

interface ReadResult {
  lines: string[][];
  rejects: RejectEntry[];
  stats: FileReadStats;
  format: string;
  encoding: string;
  delimiter: string | null;
  position: string;
  ignoredColumns: string[];
  notes: string[];
}

interface ReadOptions {
  pseudonymized?: boolean;
  encoding?: 'auto' | 'gbk';
  format?: IngestionFormat;
  fileName?: string;
  definition?: EntityDefinition;
  mapping?: IngestionMappingInput;
}

async function read(content: string | Buffer | Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  const path = fileWith(content);
  const rejects: RejectEntry[] = [];
  const file = await openEntityFile({
    path,
    file: options.fileName ?? 'customers.csv',
    bytesTotal: Buffer.byteLength(content),
    definition: options.definition ?? CUSTOMERS_ENTITY,
    format: options.format,
    encoding: options.encoding ?? 'auto',
    mapping: options.mapping ? ingestionMappingSchema.parse(options.mapping) : null,
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
  return {
    lines,
    rejects,
    stats: file.stats,
    format: file.format,
    encoding: file.encoding,
    delimiter: file.delimiter,
    position: file.position,
    ignoredColumns: file.ignoredColumns(),
    notes: file.notes(),
  };
}

const column = (name: string) => 1 + CUSTOMERS_ENTITY.fields.findIndex((f) => f.name === name);

async function failure(content: string | Buffer | Uint8Array, options: ReadOptions = {}): Promise<ValidationError> {
  try {
    await read(content, options);
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

const definitionOf = (entity: IngestionEntity) => ENTITY_DEFINITIONS[entity];
const fieldColumn = (entity: IngestionEntity, name: string) => 1 + definitionOf(entity).fields.findIndex((f) => f.name === name);

describe('NDJSON files', () => {
  const ndjson = (...lines: string[]) => lines.join('\n');

  it('reads one object per line with the first object\'s keys as header; rejects name the line', async () => {
    const r = await read(
      ndjson(
        '{"customer_id":"13800138000","region":"浙江","payroll":true,"investable_assets":1250000.5,"extra":1}',
        '',
        '{"customer_id":"A2","region":null,"as_of":"2024-12-31"}',
        'not json',
        '[1,2]',
        '{"customer_id":"A5","investable_assets":"lots"}',
        '{"customer_id":12345678901234567890}',
        '{"customer_id":"A7","later_key":"x"}\r',
      ),
      { fileName: 'customers.ndjson' },
    );
    expect(r).toMatchObject({ format: 'ndjson', encoding: 'utf-8', delimiter: null, position: 'line' });
    expect(r.stats).toMatchObject({ rowsRead: 7, rowsRejected: 4 });
    expect(r.lines.map((l) => l[0])).toEqual(['1', '3', '8']);
    expect(r.lines[0]![column('customer_id')]).toBe(pseudonymise('13800138000', KEY));
    expect(r.lines[0]![column('region')]).toBe('浙江');
    expect(r.lines[0]![column('payroll')]).toBe('t');
    expect(r.lines[0]![column('investable_assets')]).toBe('1250000.5');
    expect(r.lines[1]![column('region')]).toBe('');
    expect(r.rejects).toEqual([
      { line: 4, field: 'row', value: null, reason: 'is not a JSON object' },
      { line: 5, field: 'row', value: null, reason: 'is not a JSON object' },
      { line: 6, field: 'investable_assets', value: 'lots', reason: 'not a decimal number' },
      { line: 7, field: 'row', value: null, reason: expect.stringContaining('too large to read exactly') },
    ]);
    expect(r.lines[1]![column('as_of')]).toBe('2024-12-31');
    expect(r.ignoredColumns).toEqual(['extra', 'later_key']);
  });

  it('is recognised by its first byte when the name says nothing, and reads lists from arrays', async () => {
    const r = await read('\n{"campaign_code":"C1","name":"Spring","start_date":"2024-03-01","end_date":"2024-03-31","product_codes":["P1"," P2"],"channels":"sms;app"}\n', {
      fileName: 'campaigns.dat',
      definition: definitionOf('campaigns'),
    });
    expect(r.format).toBe('ndjson');
    expect(r.lines[0]![0]).toBe('2');
    expect(r.lines[0]![fieldColumn('campaigns', 'product_codes')]).toBe('P1;P2');
    expect(r.lines[0]![fieldColumn('campaigns', 'channels')]).toBe('sms;app');
    expect(r.lines[0]![fieldColumn('campaigns', 'holdout_share')]).toBe('0');
  });

  it('refuses a file whose first line is not a JSON object, naming the line', async () => {
    const error = await failure('\n\n13800138000,x\n', { format: 'ndjson' });
    expect(error.message).toMatch(/customers\.csv, line 3: not NDJSON/);
    expect(error.message).not.toContain('13800138000');
  });
});

describe('Arrow IPC files and streams', () => {
  function arrowTable(rows: number): Table {
    return new Table({
      sale_id: vectorFromArray(Array.from({ length: rows }, (_, i) => `S${i}`), new Dictionary(new Utf8(), new Int32())),
      customer_id: vectorFromArray(Array.from({ length: rows }, (_, i) => `1390000${String(i).padStart(4, '0')}`), new Utf8()),
      product_code: vectorFromArray(Array.from({ length: rows }, () => 'P1'), new Utf8()),
      sold_at: vectorFromArray(Array.from({ length: rows }, () => new Date('2024-03-05T00:00:00Z')), new DateDay()),
      amount: vectorFromArray(Array.from({ length: rows }, (_, i) => (i % 3 === 1 ? -5 : 1000.25 + i)), new Float64()),
      dual_recording: vectorFromArray(Array.from({ length: rows }, (_, i) => i % 2 === 0), new Bool()),
      term: vectorFromArray(Array.from({ length: rows }, () => 10n), new Int64()),
    });
  }

  it.each(['file', 'stream'] as const)('reads an Arrow %s batch by batch; rejects name the row (row index + 2)', async (kind) => {
    const whole = arrowTable(5).batches[0]!;
    const table = new Table([whole.slice(0, 3), whole.slice(3)]);
    expect(table.batches.length).toBe(2);
    const bytes = tableToIPC(table, kind);
    const r = await read(bytes, { fileName: kind === 'file' ? 'sales.arrow' : 'sales.bin', definition: definitionOf('sales') });
    expect(r).toMatchObject({ format: 'arrow', position: 'row', delimiter: null });
    expect(r.stats).toMatchObject({ rowsRead: 5, rowsRejected: 2, bytesRead: bytes.byteLength });
    expect(r.lines.map((l) => l[0])).toEqual(['2', '4', '5']);
    const first = r.lines[0]!;
    expect(first[fieldColumn('sales', 'sale_id')]).toBe('S0');
    expect(first[fieldColumn('sales', 'customer_id')]).toBe(pseudonymise('13900000000', KEY));
    expect(first[fieldColumn('sales', 'sold_at')]).toBe('2024-03-05');
    expect(first[fieldColumn('sales', 'amount')]).toBe('1000.25');
    expect(first[fieldColumn('sales', 'dual_recording')]).toBe('t');
    expect(first[fieldColumn('sales', 'currency')]).toBe('CNY');
    expect(r.rejects).toEqual([
      { line: 3, field: 'amount', value: '-5', reason: 'must be at least 0' },
      { line: 6, field: 'amount', value: '-5', reason: 'must be at least 0' },
    ]);
    expect(r.ignoredColumns).toEqual(['term']);
    expect(r.lines.flat().join(',')).not.toContain('1390000');
  });

  it('applies the scale of Arrow decimals', () => {
    expect([scaleDecimal('12345', 2), scaleDecimal('-5', 2), scaleDecimal('7', 0), scaleDecimal('7', -2), scaleDecimal('-123', 3)]).toEqual([
      '123.45',
      '-0.05',
      '7',
      '700',
      '-0.123',
    ]);
  });

  it('refuses bytes that are not Arrow when the format says arrow, and detects Arrow by its magic bytes', async () => {
    const error = await failure('customer_id\nA1\n', { format: 'arrow' });
    expect(error.message).toMatch(/customers\.csv: not a valid Arrow IPC file or stream/);
    const r = await read(tableToIPC(new Table({ customer_id: vectorFromArray(['A1'], new Utf8()) }), 'file'), { fileName: 'upload' });
    expect(r).toMatchObject({ format: 'arrow', stats: { rowsRead: 1 } });
  });
});

describe('mapping files', () => {
  it('renames columns, maps values, sets constants and derives a birth year, a template id and a filter', async () => {
    const r = await read(
      ['Client No;Age;Contact;Y;Housing', '13800138000;41;cellular;yes;YES', '13800138001;x;telephone;no;no', '13800138002;30;Unknown;YES;nope'].join('\n'),
      {
        mapping: {
          entity: 'customers',
          columns: { 'client no': 'customer_id', housing: 'has_mortgage' },
          values: { has_mortgage: { yes: true, no: false, nope: null } },
          constants: { as_of: '2008-12-31', region: 'Portugal' },
          derived: {
            birth_year: { kind: 'birth_year_from_age', column: 'AGE', reference_date: '2008-12-31' },
            branch_code: { kind: 'template', template: 'BR-{contact}-{$line}' },
          },
          where: { column: 'y', in: ['Yes'] },
        },
      },
    );
    expect(r.stats).toMatchObject({ rowsRead: 3, rowsSkipped: 1, rowsRejected: 0 });
    expect(r.lines.map((l) => l[0])).toEqual(['2', '4']);
    const [first, second] = r.lines;
    expect(first![column('customer_id')]).toBe(pseudonymise('13800138000', KEY));
    expect(first![column('birth_year')]).toBe('1967');
    expect(first![column('has_mortgage')]).toBe('t');
    expect(first![column('as_of')]).toBe('2008-12-31');
    expect(first![column('region')]).toBe('Portugal');
    expect(first![column('branch_code')]).toBe('BR-cellular-2');
    expect(second![column('has_mortgage')]).toBe('');
    expect(r.ignoredColumns).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it('reads Chinese partner headers of a GBK file with semicolons (the sales example of docs/mapping-files.md)', async () => {
    const csv = ['保单号;客户号;产品;投保日期;保费;渠道;币种', 'POL-001;13800138000;P-CI-01;2025/01/10;12000;cellular;', 'POL-002;44010619801231002X;P-UL-01;20250111;"50,000.50";网点;HKD'].join('\r\n');
    const r = await read(iconv.encode(csv, 'gbk'), {
      definition: definitionOf('sales'),
      fileName: 'policies.csv',
      mapping: {
        entity: 'sales',
        columns: { 保单号: 'sale_id', 客户号: 'customer_id', 产品: 'product_code', 投保日期: 'sold_at', 保费: 'amount', 渠道: 'channel', 币种: 'currency' },
        values: { channel: { 网点: 'branch' } },
      },
    });
    expect(r).toMatchObject({ encoding: 'gb18030', delimiter: ';', ignoredColumns: [], stats: { rowsRead: 2, rowsRejected: 0 } });
    const value = (row: number, field: string) => r.lines[row]![fieldColumn('sales', field)];
    expect([value(0, 'sold_at'), value(0, 'channel'), value(0, 'currency'), value(0, 'amount')]).toEqual(['2025-01-10', 'cellular', 'CNY', '12000']);
    expect([value(1, 'customer_id'), value(1, 'channel'), value(1, 'currency'), value(1, 'amount')]).toEqual([
      pseudonymise('44010619801231002x', KEY),
      'branch',
      'HKD',
      '50000.50',
    ]);
  });

  it('rejects a row whose age is not a number, on the derived field', async () => {
    const r = await read('id,age\nA1,41\nA2,old\n', {
      mapping: { columns: { id: 'customer_id' }, derived: { birth_year: { kind: 'birth_year_from_age', column: 'age', reference_date: '2024-06-30' } } },
    });
    expect(r.rejects).toEqual([{ line: 3, field: 'birth_year', value: null, reason: 'age "old" in column "age" is not a whole number' }]);
  });

  const lacking: [string, IngestionMappingInput, string, string][] = [
    ['a renamed column', { columns: { client_no: 'customer_id' } }, 'columns', 'client_no'],
    ['a derivation column', { derived: { birth_year: { kind: 'birth_year_from_age', column: 'age', reference_date: '2024-01-01' } } }, 'derived', 'age'],
    ['a template column', { derived: { branch_code: { kind: 'template', template: '{branch}-{$line}' } } }, 'derived', 'branch'],
    ['the filter column', { where: { column: 'y', in: ['yes'] } }, 'where', 'y'],
  ];
  it.each(lacking)('fails before reading any row when the file lacks %s, naming the column and the file', async (_, mapping, part, missing) => {
    const error = await failure('customer_id,region\n13800138000,x\n', { mapping, fileName: 'partner.csv' });
    expect(error.message).toBe(`partner.csv, field "${missing}": the mapping's ${part} names column "${missing}", which the file does not have`);
  });

  it('says in the notes when the load date stands in for a missing date, and reports unused columns once', async () => {
    const events = await read('campaign_code,customer_id,event,contact\nC1,A1,contacted,sms\nC1,A2,responded,sms\n', {
      definition: definitionOf('campaign_events'),
      fileName: 'events.csv',
    });
    expect(events.lines.map((l) => l[fieldColumn('campaign_events', 'occurred_at')])).toEqual(['2025-01-15', '2025-01-15']);
    expect(events.notes).toEqual(['occurred_at is not in the file: the load date 2025-01-15 is used (2 rows)']);
    expect(events.ignoredColumns).toEqual(['contact']);
    const customers = await read('customer_id,as_of\nA1,\nA2,2024-12-31\n');
    expect(customers.notes).toEqual(['as_of is empty in 1 rows: the load date 2025-01-15 is used for them']);
  });
});

describe('checking a mapping against its entity', () => {
  const check = (entity: IngestionEntity, mapping: IngestionMappingInput) => () =>
    checkMapping(definitionOf(entity), ingestionMappingSchema.parse(mapping), 'm.csv');

  const refused: [string, IngestionEntity, IngestionMappingInput, RegExp][] = [
    ['an unknown field', 'sales', { columns: { x: 'amout' } }, /names "amout", which is not a sales field \(fields: sale_id, customer_id/],
    ['another entity', 'sales', { entity: 'customers' }, /the mapping is for customers, not sales/],
    ['two columns for one field', 'sales', { columns: { a: 'amount', b: 'amount' } }, /renames both "a" and "b" to "amount"/],
    ['a constant customer id', 'sales', { constants: { customer_id: '13800138000' } }, /identifiers are not written into mappings/],
    ['mapped customer ids', 'complaints', { values: { customer_id: { a: 'b' } } }, /identifiers are not written into mappings/],
    ['a filter on customer ids', 'sales', { columns: { client: 'customer_id' }, where: { column: 'Client', in: ['13800138000'] } }, /may not filter on column "Client": it holds customer identifiers/],
    ['a template copying customer ids', 'sales', { derived: { sale_id: { kind: 'template', template: '{customer_id}-{$line}' } } }, /may not derive "sale_id" from column "customer_id"/],
    ['a constant and a derivation', 'customers', { constants: { birth_year: 1980 }, derived: { birth_year: { kind: 'template', template: '19{yy}' } } }, /both a constant and a derivation/],
  ];
  it.each(refused)('refuses %s', (_, entity, mapping, message) => {
    expect(check(entity, mapping)).toThrow(message);
  });

  it('accepts a mapping of channel codes and constants, and identifiers derived from a template', () => {
    expect(check('campaign_events', { values: { channel: { cellular: 'phone' } }, constants: { campaign_code: 'UCI-2008' } })).not.toThrow();
    expect(check('sales', { derived: { customer_id: { kind: 'template', template: 'UCI-{$line}' }, sale_id: { kind: 'template', template: 'S-{$line}' } } })).not.toThrow();
  });
});
