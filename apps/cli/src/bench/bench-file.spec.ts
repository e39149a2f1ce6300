import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_AS_OF, openCsvRows, writeCustomersFile } from './bench-file';

const dir = mkdtempSync(join(tmpdir(), 'banca-bench-file-'));

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

describe('bench customers file', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has one row per customer with a raw id and a single as_of, the same bytes for the same row count', async () => {
    const path = join(dir, 'a.csv');
    const bytes = await writeCustomersFile(path, 500);
    const text = readFileSync(path, 'utf8');
    expect(Buffer.byteLength(text)).toBe(bytes);
    const [header, ...rows] = text.trimEnd().split('\n');
    expect(header?.split(',')[0]).toBe('customer_id');
    expect(rows).toHaveLength(500);
    expect(new Set(rows.map((r) => r.split(',')[0])).size).toBe(500);
    for (const row of rows) {
      expect(row).toMatch(/^1[3589]\d{9},/);
      expect(row.endsWith(`,${BENCH_AS_OF}`)).toBe(true);
    }
    await writeCustomersFile(join(dir, 'b.csv'), 500);
    expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe(text);
  });

  it('opens for a plain COPY: the header as columns, every data row untouched, each chunk ending at a line end', async () => {
    const path = join(dir, 'big.csv');
    await writeCustomersFile(path, 30_000);
    const text = readFileSync(path, 'utf8');
    const { columns, chunks } = await openCsvRows(path);
    expect(columns.join(',')).toBe(text.slice(0, text.indexOf('\n')));
    const parts = await collect(chunks);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.endsWith('\n')).toBe(true);
    expect(parts.join('')).toBe(text.slice(text.indexOf('\n') + 1));
  });

  it('ends a last line that has no line end, and refuses a header that is not plain column names', async () => {
    writeFileSync(join(dir, 'short.csv'), 'customer_id,region\n1,A\n2,B');
    const rows = await openCsvRows(join(dir, 'short.csv'));
    expect(await collect(rows.chunks)).toEqual(['1,A\n2,B\n']);
    writeFileSync(join(dir, 'bad.csv'), 'customer_id,"region; DROP TABLE customers"\n1,A\n');
    await expect(openCsvRows(join(dir, 'bad.csv'))).rejects.toThrow(/is not a plain column name/);
  });
});
