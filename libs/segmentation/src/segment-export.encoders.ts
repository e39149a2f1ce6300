import {
  Bool,
  Field,
  Float64,
  Int32,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';
import { spreadsheetCell } from '@banca/domain';
import type { SegmentMemberRow } from './segment.repository';

/** Export columns: name in the file, Arrow type, value of a member. */
const COLUMNS: { name: string; type: () => DataType; value: (m: SegmentMemberRow) => string | number | boolean | null }[] = [
  { name: 'customer_id', type: () => new Utf8(), value: (m) => m.customerId },
  { name: 'tier', type: () => new Utf8(), value: (m) => m.tier },
  { name: 'region', type: () => new Utf8(), value: (m) => m.region },
  { name: 'branch_code', type: () => new Utf8(), value: (m) => m.branchCode },
  { name: 'gender', type: () => new Utf8(), value: (m) => m.gender },
  { name: 'age', type: () => new Int32(), value: (m) => m.age },
  { name: 'risk_level', type: () => new Utf8(), value: (m) => m.riskLevel },
  { name: 'payroll', type: () => new Bool(), value: (m) => m.payroll },
  { name: 'has_mortgage', type: () => new Bool(), value: (m) => m.hasMortgage },
  { name: 'consent_marketing', type: () => new Bool(), value: (m) => m.consentMarketing },
  { name: 'monthly_income', type: () => new Float64(), value: (m) => m.monthlyIncome },
  { name: 'household_annual_income', type: () => new Float64(), value: (m) => m.householdAnnualIncome },
  { name: 'investable_assets', type: () => new Float64(), value: (m) => m.investableAssets },
];

export const MEMBER_EXPORT_COLUMNS = COLUMNS.map((c) => c.name);

/** Partner text goes through spreadsheetCell (formula-safe); numbers and booleans we produced stay as they are. */
function csvValue(value: string | number | boolean | null): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return spreadsheetCell(value);
}

/** Members as CSV: a UTF-8 BOM (spreadsheets then read Chinese text right), a header, one line per member. */
export async function* membersCsv(pages: AsyncIterable<SegmentMemberRow[]>): AsyncGenerator<string> {
  yield `\uFEFF${COLUMNS.map((c) => c.name).join(',')}\r\n`;
  for await (const page of pages) {
    yield page.map((m) => `${COLUMNS.map((c) => csvValue(c.value(m))).join(',')}\r\n`).join('');
  }
}

const SCHEMA = new Schema(COLUMNS.map((c) => new Field(c.name, c.type(), true)));

function recordBatch(page: SegmentMemberRow[]): RecordBatch {
  const children = COLUMNS.map((c, i) => {
    const type = SCHEMA.fields[i]!.type as DataType;
    return vectorFromArray(page.map(c.value), type).data[0]!;
  });
  return new RecordBatch(SCHEMA, makeData({ type: new Struct(SCHEMA.fields), length: page.length, nullCount: 0, children }));
}

/** Length of the schema message that opens an IPC stream: continuation marker, length, flatbuffer. */
function schemaMessageLength(stream: Uint8Array): number {
  return 8 + new DataView(stream.buffer, stream.byteOffset + 4, 4).getInt32(0, true);
}

const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/**
 * Members as an Arrow IPC stream, one record batch per page, written as each page arrives: every page is
 * encoded as its own stream and cut to its batch message (the schema goes out once, the end marker last),
 * so memory holds one page whatever the segment's size.
 */
export async function* membersArrow(pages: AsyncIterable<SegmentMemberRow[]>): AsyncGenerator<Uint8Array> {
  let started = false;
  for await (const page of pages) {
    if (page.length === 0) continue;
    const stream = tableToIPC(new Table([recordBatch(page)]), 'stream');
    const body = stream.subarray(0, stream.byteLength - END_OF_STREAM.byteLength);
    yield started ? body.subarray(schemaMessageLength(stream)) : body;
    started = true;
  }
  if (!started) {
    const empty = tableToIPC(new Table([recordBatch([])]), 'stream');
    yield empty.subarray(0, empty.byteLength - END_OF_STREAM.byteLength);
  }
  yield END_OF_STREAM;
}
