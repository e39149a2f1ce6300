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

export type ExportFormat = 'csv' | 'arrow';
export type ExportValue = string | number | boolean | null;
export type ExportColumnType = 'text' | 'int' | 'float' | 'bool';

/** One column of an export: its name in the file, its type, and its value in a row. */
export interface ExportColumn<R> {
  name: string;
  type: ExportColumnType;
  value: (row: R) => ExportValue;
}

/** A file to download: streamed, so memory holds one page of rows whatever the export's size. */
export interface TableExport {
  fileName: string;
  contentType: string;
  body: AsyncIterable<string | Uint8Array>;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  arrow: 'application/vnd.apache.arrow.stream',
};

const ARROW_TYPES: Record<ExportColumnType, () => DataType> = {
  text: () => new Utf8(),
  int: () => new Int32(),
  float: () => new Float64(),
  bool: () => new Bool(),
};

/** Text goes through spreadsheetCell (formula-safe); numbers and booleans we produced stay as they are. */
function csvValue(value: ExportValue): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return spreadsheetCell(value);
}

/** Rows as CSV: a UTF-8 BOM (spreadsheets then read Chinese text right), a header, CRLF line ends. */
export async function* tableCsv<R>(columns: readonly ExportColumn<R>[], pages: AsyncIterable<readonly R[]>): AsyncGenerator<string> {
  yield `\uFEFF${columns.map((c) => spreadsheetCell(c.name)).join(',')}\r\n`;
  for await (const page of pages) {
    yield page.map((row) => `${columns.map((c) => csvValue(c.value(row))).join(',')}\r\n`).join('');
  }
}

function recordBatch<R>(schema: Schema, columns: readonly ExportColumn<R>[], page: readonly R[]): RecordBatch {
  const children = columns.map((c, i) => vectorFromArray(page.map(c.value), schema.fields[i]!.type as DataType).data[0]!);
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: page.length, nullCount: 0, children }));
}

/** Length of the schema message that opens an IPC stream: continuation marker, length, flatbuffer. */
function schemaMessageLength(stream: Uint8Array): number {
  return 8 + new DataView(stream.buffer, stream.byteOffset + 4, 4).getInt32(0, true);
}

const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/**
 * Rows as an Arrow IPC stream, one record batch per page, written as each page arrives: every page is
 * encoded as its own stream and cut to its batch message (the schema goes out once, the end marker last).
 */
export async function* tableArrow<R>(columns: readonly ExportColumn<R>[], pages: AsyncIterable<readonly R[]>): AsyncGenerator<Uint8Array> {
  const schema = new Schema(columns.map((c) => new Field(c.name, ARROW_TYPES[c.type](), true)));
  let started = false;
  for await (const page of pages) {
    if (page.length === 0) continue;
    const stream = tableToIPC(new Table([recordBatch(schema, columns, page)]), 'stream');
    const body = stream.subarray(0, stream.byteLength - END_OF_STREAM.byteLength);
    yield started ? body.subarray(schemaMessageLength(stream)) : body;
    started = true;
  }
  if (!started) {
    const empty = tableToIPC(new Table([recordBatch(schema, columns, [])]), 'stream');
    yield empty.subarray(0, empty.byteLength - END_OF_STREAM.byteLength);
  }
  yield END_OF_STREAM;
}

/** An export of `pages` in either format. */
export function tableExport<R>(
  fileBaseName: string,
  format: ExportFormat,
  columns: readonly ExportColumn<R>[],
  pages: AsyncIterable<readonly R[]>,
): TableExport {
  return {
    fileName: `${fileBaseName}.${format}`,
    contentType: EXPORT_CONTENT_TYPES[format],
    body: format === 'csv' ? tableCsv(columns, pages) : tableArrow(columns, pages),
  };
}

/** One page of rows already in memory (figure tables), as the page source of an export. */
export async function* singlePage<R>(rows: readonly R[]): AsyncGenerator<readonly R[]> {
  yield rows;
}
