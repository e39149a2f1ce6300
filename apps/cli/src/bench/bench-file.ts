import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { demoCustomersCsv } from '@banca/ingestion';

/** One snapshot per customer, so the file's rows, customers and snapshots are the same number. */
export const BENCH_AS_OF = '2025-06-30';
export const BENCH_SEED = 20240601;

const READ_CHUNK_BYTES = 1024 * 1024;
const COLUMN_NAME = /^[a-z_][a-z0-9_]*$/;

/** Streams the deterministic demo customers file (raw ids) of `rows` data rows to `path`; returns its size. */
export async function writeCustomersFile(path: string, rows: number): Promise<number> {
  await pipeline(
    Readable.from(demoCustomersCsv({ customers: rows, seed: BENCH_SEED, snapshots: [BENCH_AS_OF] })),
    createWriteStream(path, { mode: 0o600 }),
  );
  return (await stat(path)).size;
}

export interface CsvRows {
  /** The header's column names (checked to be plain lower-case identifiers). */
  columns: string[];
  /** The data rows as they are in the file, in chunks that end at a line end (what `copyFrom` expects). */
  chunks: AsyncGenerator<string>;
}

/** Opens a CSV file written by `writeCustomersFile` for a plain COPY: header split off, rows untouched. */
export async function openCsvRows(path: string): Promise<CsvRows> {
  const text = createReadStream(path, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES })[Symbol.asyncIterator]() as AsyncIterator<string>;
  let pending = '';
  let headerEnd = -1;
  while (headerEnd === -1) {
    const next = await text.next();
    if (next.done) break;
    pending += next.value;
    headerEnd = pending.indexOf('\n');
  }
  if (headerEnd === -1) {
    await text.return?.();
    throw new Error(`${path}: no header line`);
  }
  const columns = pending.slice(0, headerEnd).trim().split(',');
  const bad = columns.find((c) => !COLUMN_NAME.test(c));
  if (bad !== undefined) {
    await text.return?.();
    throw new Error(`${path}: header column "${bad.slice(0, 64)}" is not a plain column name`);
  }
  pending = pending.slice(headerEnd + 1);

  async function* chunks(): AsyncGenerator<string> {
    try {
      for (let next = await text.next(); !next.done; next = await text.next()) {
        pending += next.value;
        const end = pending.lastIndexOf('\n');
        if (end === -1) continue;
        yield pending.slice(0, end + 1);
        pending = pending.slice(end + 1);
      }
      if (pending !== '') yield pending.endsWith('\n') ? pending : `${pending}\n`;
    } finally {
      await text.return?.();
    }
  }
  return { columns, chunks: chunks() };
}
