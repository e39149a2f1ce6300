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
  records: AsyncIterable<CsvRecord>;
}

const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Reads CSV text as a stream of records after its header. The delimiter (comma or semicolon) is the one
 * the header line uses most; CRLF or LF line ends, quoted fields (with delimiters, quotes and line breaks
 * inside) and empty lines are handled. Malformed CSV fails with the line it was found on.
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

  async function* all(): AsyncGenerator<string> {
    yield start;
    if (done) return;
    for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
  }
  const parser = parse({
    delimiter,
    info: true,
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  // pipeline destroys the parser with the source's error (e.g. invalid UTF-8), so iteration throws it
  pipeline(Readable.from(all()), parser, () => undefined);
  const parsed = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;

  const first = await nextRecord(parsed, file);
  if (first.done) throw new ValidationError('the file is empty', { file });
  async function* records(): AsyncGenerator<CsvRecord> {
    try {
      for (let next = await nextRecord(parsed, file); !next.done; next = await nextRecord(parsed, file)) {
        yield { line: next.value.info.lines, cells: next.value.record };
      }
    } finally {
      await parsed.return?.();
    }
  }
  return { delimiter, header: first.value.record, records: records() };
}

async function nextRecord<T>(records: AsyncIterator<T>, file: string): Promise<IteratorResult<T>> {
  try {
    return await records.next();
  } catch (error) {
    if (error instanceof CsvError) throw new ValidationError(csvProblem(error), { file, line: lineOf(error) });
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
