import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import type { IngestionEncoding, IngestionFormat, RejectPosition } from '@banca/contracts';
import { openArrow } from './arrow-reader';
import { openCsv } from './csv-reader';
import { openTextFile, type ByteCounter, type FileEncoding } from './file-source';
import { openNdjson } from './ndjson-reader';

export type SourceFormat = Exclude<IngestionFormat, 'auto'>;

/** One data row of a file: its cells in the order of the source's columns ('' when missing). */
export interface SourceRecord {
  /** Line of a text file (a CSV header is line 1), or for Arrow the 1-based row index + 1. */
  line: number;
  cells: string[];
  /** Set when the row could not be read at all (e.g. an NDJSON line that is not a JSON object). */
  problem?: string;
}

/** A file of any format as a header and a stream of rows of text cells. */
export interface RecordSource {
  format: SourceFormat;
  /** Text files: the encoding read with; Arrow strings are UTF-8 by definition. */
  encoding: FileEncoding;
  delimiter: ',' | ';' | null;
  position: RejectPosition;
  columns: string[];
  /** The rows in batches. */
  records: AsyncIterable<readonly SourceRecord[]>;
  /** Columns met after the header was fixed (NDJSON keys the first object lacks); they are ignored. */
  lateColumns(): string[];
  /**
   * NDJSON only: adds a column for a key the first object lacks (objects may leave out keys without a
   * value), returning its index; called before the records are read.
   */
  addColumn?(name: string): number;
  /** Releases the file when the records are not read to their end. */
  close(): Promise<void>;
}

export interface OpenRecordSourceParams {
  path: string;
  /** The file's name, for messages and format detection by extension. */
  file: string;
  format: IngestionFormat;
  encoding: IngestionEncoding;
  counter: ByteCounter;
}

const EXTENSION_FORMATS: Record<string, SourceFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'ndjson',
  '.arrow': 'arrow',
  '.arrows': 'arrow',
  '.ipc': 'arrow',
  '.feather': 'arrow',
};

/** The format a file name's extension says, or null when it says nothing we read. */
export function formatOfFileName(fileName: string): SourceFormat | null {
  return EXTENSION_FORMATS[extname(fileName).toLowerCase()] ?? null;
}

const ARROW_FILE_MAGIC = Buffer.from('ARROW1');
const ARROW_STREAM_CONTINUATION = Buffer.from([0xff, 0xff, 0xff, 0xff]);

/** The format of the first bytes: Arrow IPC file (magic) or stream (continuation marker), NDJSON (`{`), else CSV. */
export function formatOfContent(head: Buffer): SourceFormat {
  if (head.subarray(0, ARROW_FILE_MAGIC.length).equals(ARROW_FILE_MAGIC)) return 'arrow';
  if (head.subarray(0, 4).equals(ARROW_STREAM_CONTINUATION)) return 'arrow';
  let start = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
  while (start < head.length && (head[start] === 0x20 || head[start] === 0x0a || head[start] === 0x0d || head[start] === 0x09)) start++;
  return head[start] === 0x7b ? 'ndjson' : 'csv';
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Opens a spooled file as rows of text cells, in the format asked for or, for `auto`, the one its name's
 * extension or first bytes say. Structural problems (empty, not text, not the format) throw here.
 */
export async function openRecordSource(params: OpenRecordSourceParams): Promise<RecordSource> {
  const { path, file, counter } = params;
  const format =
    params.format !== 'auto' ? params.format : (formatOfFileName(file) ?? formatOfContent(await readHead(path, 64)));
  if (format === 'arrow') {
    const arrow = await openArrow(path, { file, counter });
    return { ...arrow, records: batched(arrow.records), format, encoding: 'utf-8', delimiter: null, position: 'row', lateColumns: () => [] };
  }
  const text = await openTextFile(path, { encoding: params.encoding, file, counter });
  try {
    if (format === 'ndjson') {
      const ndjson = await openNdjson(text.text, file);
      return { ...ndjson, records: batched(ndjson.records), format, encoding: text.encoding, delimiter: null, position: 'line', close: text.close };
    }
    const csv = await openCsv(text.text, file);
    return {
      format,
      encoding: text.encoding,
      delimiter: csv.delimiter,
      position: 'line',
      columns: csv.header,
      records: csv.records,
      lateColumns: () => [],
      close: text.close,
    };
  } catch (error) {
    await text.close();
    throw error;
  }
}

const BATCH_RECORDS = 1000;

/** Records of a reader that yields them one by one, in batches. */
async function* batched(records: AsyncIterable<SourceRecord>): AsyncGenerator<SourceRecord[]> {
  let batch: SourceRecord[] = [];
  for await (const record of records) {
    batch.push(record);
    if (batch.length >= BATCH_RECORDS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
