import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '@banca/config';
import { clearTestQueues, testConfig } from '@banca/testing';
import { EXIT_DOMAIN, runCli } from '../cli.program';

describe('banca bench ingest', () => {
  let config: AppConfig;
  const dir = mkdtempSync(join(tmpdir(), 'banca-bench-cli-'));

  beforeAll(() => {
    config = testConfig({ kind: 'pglite', dataDir: join(dir, 'configured', 'pg') });
  });
  afterAll(async () => {
    if (config) await clearTestQueues(config);
    rmSync(dir, { recursive: true, force: true });
  });

  async function banca(...args: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(['node', 'banca', ...args], {
      io: { out: (t) => (out += t), err: (t) => (err += t), readStdin: async () => '' },
      loadConfig: () => config,
    });
    return { code, out, err };
  }

  const generatedFile = (err: string) => /into (\S+bench-customers\.csv)/.exec(err)?.[1];

  it('ingests 2,000 generated customers on a temporary embedded database and prints every figure, then a JSON line', async () => {
    const result = await banca('bench', 'ingest', '--rows', '2000');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Ingest benchmark: 2,000 customer rows');
    expect(result.out).toContain('on PGlite (embedded, temporary data folder), queue in-process');
    expect(result.out).toMatch(/platform ingest\s+2,000\s+\d+\.\d\d\s+[\d,]+/);
    expect(result.out).toMatch(/plain COPY\s+2,000\s+\d+\.\d\d\s+[\d,]+\s+the same file as is \(raw ids\)/);
    expect(result.out).toMatch(/ratio\s+\d+\.\d\d/);
    expect(result.out).toMatch(/re-tier\s+2,000\s+\d+\.\d\d/);
    expect(result.out).toMatch(/peak RSS\s+\d+\.\d MB/);
    expect(result.out).toContain('read 2,000 · inserted 2,000 · updated 0 · unchanged 0 · rejected 0');

    const json: unknown = JSON.parse(result.out.trimEnd().split('\n').at(-1) ?? '');
    expect(json).toMatchObject({
      bench: 'ingest',
      rows: 2000,
      database: 'pglite',
      queue: 'in-process',
      status: 'completed',
      read: 2000,
      inserted: 2000,
      copyRows: 2000,
      retierCustomers: 2000,
      memoryScope: 'process',
    });
    const figures = json as Record<string, number>;
    for (const key of ['ingestSeconds', 'ingestRowsPerSecond', 'copySeconds', 'copyRowsPerSecond', 'ratio', 'retierSeconds', 'peakRssMb', 'peakHeapMb']) {
      expect(figures[key], key).toBeGreaterThan(0);
    }

    // the configured data folder was not touched, and the bench's own folder is gone
    expect(existsSync(config.database.kind === 'pglite' ? config.database.dataDir : '')).toBe(false);
    const file = generatedFile(result.err);
    expect(file).toBeDefined();
    expect(existsSync(dirname(file!))).toBe(false);
  });

  it('keeps the generated file and the temporary database with --keep', async () => {
    const result = await banca('bench', 'ingest', '--rows', '300', '--keep');
    expect(result.code).toBe(0);
    const file = generatedFile(result.err)!;
    expect(result.err).toContain(`Kept ${dirname(file)}`);
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(301);
    expect(existsSync(join(dirname(file), 'pg'))).toBe(true);
    rmSync(dirname(file), { recursive: true, force: true });
  });

  it('refuses a row count that is not a positive whole number', async () => {
    for (const rows of ['0', '-5', '1.5', 'many']) {
      const result = await banca('bench', 'ingest', '--rows', rows);
      expect(result.code).toBe(EXIT_DOMAIN);
      expect(result.err).toContain('--rows must be a whole number from 1 to 100,000,000');
    }
  });
});
