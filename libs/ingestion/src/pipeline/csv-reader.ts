import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { ValidationError } from '@banca/domain';

export interface CsvRecord {
  /** Line of the file the record ends on (the header is line 1). */
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: ',' | ';';
  header: string[];
  /** The records after the header, in batches (one promise per record cost as much as splitting it). */
  records: AsyncIterable<CsvRecord[]>;
}

const MAX_RECORD_BYTES = 1024 * 1024;
const BATCH_RECORDS = 1000;

/** How csv-parse reads the text (the delimiter is the file's), exported for the test that compares the plain path with it. */
export const CSV_PARSE_OPTIONS = {
  info: true,
  bom: true,
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: true,
  max_record_size: MAX_RECORD_BYTES,
} as const;

/**
 * Reads CSV text as a stream of records after its header. The delimiter (comma or semicolon) is the one
 * the header line uses most; CRLF or LF line ends, quoted fields (with delimiters, quotes and line breaks
 * inside) and empty lines are handled. Malformed CSV fails with the line it was found on.
 *
 * Text without quotes is split on line ends and delimiters directly, which reads the same records as
 * csv-parse several times faster; from the first block of lines with a quote or an unexpected CR on,
 * csv-parse reads the rest.
 */
export async function openCsv(text: AsyncIterable<string>, file: string): Promise<CsvTable> {
  const source = text[Symbol.asyncIterator]();
  const buffered: string[] = [];
  let size = 0;
  let done = false;
  while (!buffered.some((chunk) => chunk.includes('\n')) && size < MAX_RECORD_BYTES) {
    const next = await source.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered.push(next.value);
    size += next.value.length;
  }
  const start = buffered.join('');
  if (start.trim() === '') {
    await source.return?.();
    throw new ValidationError('the file is empty', { file });
  }
  const delimiter = detectDelimiter(start.slice(0, start.indexOf('\n') === -1 ? undefined : start.indexOf('\n')));
  const parsed = readRecords(source, start, done, delimiter, file);
  const first = await parsed.next();
  if (first.done) throw new ValidationError('the file is empty', { file });
  const [header, ...rest] = first.value;
  async function* records(): AsyncGenerator<CsvRecord[]> {
    try {
      if (rest.length > 0) yield rest;
      yield* parsed;
    } finally {
      await parsed.return(undefined);
    }
  }
  return { delimiter, header: header!.cells, records: records() };
}

/** The line end csv-parse would detect: the first CRLF, LF or CR of the text (null when none yet). */
function lineEndOf(text: string): '\n' | '\r\n' | '\r' | null {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr === -1) return lf === -1 ? null : '\n';
  if (lf !== -1 && lf < cr) return '\n';
  return text.charCodeAt(cr + 1) === 10 ? '\r\n' : cr + 1 < text.length ? '\r' : null;
}

/** Whether every line end of `block` is `lineEnd` and no quote or stray CR is in it. */
function isPlain(block: string, lineEnd: '\n' | '\r\n'): boolean {
  if (block.indexOf('"') !== -1) return false;
  if (lineEnd === '\n') return block.indexOf('\r') === -1;
  let crs = 0;
  for (let cr = block.indexOf('\r'); cr !== -1; cr = block.indexOf('\r', cr + 1)) {
    if (block.charCodeAt(cr + 1) !== 10) return false;
    crs++;
  }
  let lfs = 0;
  for (let lf = block.indexOf('\n'); lf !== -1; lf = block.indexOf('\n', lf + 1)) lfs++;
  return crs === lfs;
}

/**
 * All records of the text (header included) in non-empty batches, each with the line it ends on. `start`
 * is the text read so far (a BOM is dropped), `source` the rest.
 */
async function* readRecords(
  source: AsyncIterator<string>,
  start: string,
  done: boolean,
  delimiter: ',' | ';',
  file: string,
): AsyncGenerator<CsvRecord[]> {
  let pending = start.charCodeAt(0) === 0xfeff ? start.slice(1) : start;
  let ended = done;
  let line = 0;
  let lineEnd: '\n' | '\r\n' | '\r' | null = null;
  try {
    for (;;) {
      const cut = ended ? pending.length : pending.lastIndexOf('\n') + 1;
      if (cut > 0) {
        const block = pending.slice(0, cut);
        lineEnd ??= lineEndOf(block) ?? '\n';
        const lines = lineEnd === '\r' || !isPlain(block, lineEnd) ? null : block.split('\n');
        if (lines === null || lines.some((l) => l.length > MAX_RECORD_BYTES)) {
          yield* csvParseRecords(restOf(pending, ended, source), line, line === 0 ? null : lineEnd, delimiter, file);
          return;
        }
        pending = pending.slice(cut);
        // a block cut after a line end splits into one more part than it has lines: an empty one
        const count = ended && !block.endsWith('\n') ? lines.length : lines.length - 1;
        const trim = lineEnd === '\r\n' ? 1 : 0;
        const batch: CsvRecord[] = [];
        for (let i = 0; i < count; i++) {
          line++;
          let text = lines[i]!;
          if (trim === 1 && text.charCodeAt(text.length - 1) === 13) text = text.slice(0, -1);
          if (text !== '') batch.push({ line, cells: text.split(delimiter) });
        }
        if (batch.length > 0) yield batch;
      }
      if (ended) return;
      const next = await source.next();
      if (next.done) ended = true;
      else pending += next.value;
    }
  } finally {
    await source.return?.();
  }
}

async function* restOf(pending: string, ended: boolean, source: AsyncIterator<string>): AsyncGenerator<string> {
  yield pending;
  if (ended) return;
  for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
}

/**
 * Records of the text by csv-parse, numbered after the `linesBefore` lines already read; `lineEnd` is the
 * one the text before used (null: detect it).
 */
async function* csvParseRecords(
  text: AsyncIterable<string>,
  linesBefore: number,
  lineEnd: '\n' | '\r\n' | '\r' | null,
  delimiter: ',' | ';',
  file: string,
): AsyncGenerator<CsvRecord[]> {
  const parser = parse({ ...CSV_PARSE_OPTIONS, delimiter, ...(lineEnd === null ? {} : { record_delimiter: lineEnd }) });
  // pipeline destroys the parser with the source's error (e.g. invalid UTF-8), so iteration throws it
  pipeline(Readable.from(text), parser, () => undefined);
  const parsed = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  try {
    let batch: CsvRecord[] = [];
    for (let next = await nextRecord(parsed, file, linesBefore); !next.done; next = await nextRecord(parsed, file, linesBefore)) {
      batch.push({ line: linesBefore + next.value.info.lines, cells: next.value.record });
      if (batch.length >= BATCH_RECORDS) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    await parsed.return?.();
  }
}

async function nextRecord<T>(records: AsyncIterator<T>, file: string, linesBefore: number): Promise<IteratorResult<T>> {
  try {
    return await records.next();
  } catch (error) {
    if (error instanceof CsvError) {
      const line = lineOf(error);
      throw new ValidationError(csvProblem(error), { file, line: line === undefined ? undefined : linesBefore + line });
    }
    throw error;
  }
}
function lineOf(error: CsvError): number | undefined {
  const lines = (error as CsvError & { lines?: unknown }).lines;
  return typeof lines === 'number' ? lines : undefined;
}

/** A message about the CSV structure only: csv-parse's own messages may quote the file's content. */
function csvProblem(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'not valid CSV: a quoted field is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'not valid CSV: a quote inside a quoted field is not doubled';
    case 'CSV_MAX_RECORD_SIZE':
      return 'not valid CSV: a record is longer than 1 MB (is this a CSV file?)';
    default:
      return `not valid CSV (${error.code})`;
  }
}

/** The delimiter the header line uses: semicolon when it has more semicolons than commas outside quotes. */
export function detectDelimiter(headerLine: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}
