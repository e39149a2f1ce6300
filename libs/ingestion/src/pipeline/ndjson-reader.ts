import { ValidationError } from '@banca/domain';
import { normaliseColumnName } from './column-plan';
import type { SourceRecord } from './record-source';

export interface NdjsonTable {
  /** The keys of the first object, in its order: the header every other line is read against. */
  columns: string[];
  records: AsyncIterable<SourceRecord>;
  lateColumns(): string[];
  /** Adds a column read from the objects that have the key (normalised as header names are); before reading. */
  addColumn(name: string): number;
}

interface TextLine {
  line: number;
  text: string;
}

const MAX_LINE_CHARS = 1024 * 1024;
const MAX_LATE_COLUMNS = 50;

/** The lines of a text stream with their 1-based numbers; CRLF or LF. */
async function* linesOf(text: AsyncIterable<string>, file: string): AsyncGenerator<TextLine> {
  let pending = '';
  let line = 0;
  for await (const chunk of text) {
    pending += chunk;
    let start = 0;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
      line++;
      yield { line, text: pending.slice(start, end > start && pending.charCodeAt(end - 1) === 13 ? end - 1 : end) };
      start = end + 1;
    }
    pending = pending.slice(start);
    if (pending.length > MAX_LINE_CHARS) {
      throw new ValidationError('not valid NDJSON: a line is longer than 1 MB (is this an NDJSON file?)', { file, line: line + 1 });
    }
  }
  if (pending !== '') yield { line: line + 1, text: pending.endsWith('\r') ? pending.slice(0, -1) : pending };
}

type JsonObject = Record<string, unknown>;

function parseObject(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

class InexactNumber extends Error {}

/** A JSON value as the text of a cell: lists become `;`-separated, null is missing. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    // An identifier written as a big JSON number has already lost digits: refuse it rather than hash a wrong id.
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) throw new InexactNumber();
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return value.map(cellText).join(';');
  return JSON.stringify(value);
}

/**
 * Reads NDJSON (one JSON object per line; blank lines skipped). The first object's keys are the header:
 * later objects may leave keys out (missing values); keys the first one lacks are read when they were added
 * as columns (optional fields, see `addColumn`), else ignored and reported.
 * A line that is not a JSON object is a rejected row; a file whose first line is not one is not NDJSON.
 */
export async function openNdjson(text: AsyncIterable<string>, file: string): Promise<NdjsonTable> {
  const lines = linesOf(text, file)[Symbol.asyncIterator]();
  let first: TextLine | undefined;
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    if (next.value.text.trim() !== '') {
      first = next.value;
      break;
    }
  }
  if (!first) throw new ValidationError('the file is empty', { file });
  const firstObject = parseObject(first.text);
  if (!firstObject) {
    await lines.return?.(undefined);
    throw new ValidationError('not NDJSON: the line is not a JSON object', { file, line: first.line });
  }
  const columns = Object.keys(firstObject);
  if (columns.length === 0) {
    await lines.return?.(undefined);
    throw new ValidationError('the first object has no keys, so the file has no columns', { file, line: first.line });
  }
  const index = new Map(columns.map((column, i) => [column, i]));
  /** Columns added after the header, by normalised name. */
  const added = new Map<string, number>();
  const late = new Set<string>();

  const toRecord = (line: number, object: JsonObject): SourceRecord => {
    const cells = new Array<string>(columns.length).fill('');
    try {
      for (const key in object) {
        const i = index.get(key) ?? (added.size > 0 ? added.get(normaliseColumnName(key)) : undefined);
        if (i !== undefined) cells[i] = cellText(object[key]);
        else if (late.size < MAX_LATE_COLUMNS) late.add(key.slice(0, 64));
      }
    } catch (error) {
      if (!(error instanceof InexactNumber)) throw error;
      return { line, cells, problem: 'has a number too large to read exactly (write identifiers as strings)' };
    }
    return { line, cells };
  };
  const firstLine = first.line;
  const header: JsonObject = firstObject;

  async function* records(): AsyncGenerator<SourceRecord> {
    try {
      yield toRecord(firstLine, header);
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        const { line, text: content } = next.value;
        if (content.trim() === '') continue;
        const object = parseObject(content);
        yield object ? toRecord(line, object) : { line, cells: [], problem: 'is not a JSON object' };
      }
    } finally {
      await lines.return?.(undefined);
    }
  }
  const addColumn = (name: string): number => {
    columns.push(name);
    added.set(name, columns.length - 1);
    return columns.length - 1;
  };
  return { columns: [...columns], records: records(), lateColumns: () => [...late], addColumn };
}
