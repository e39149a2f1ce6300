import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig, DatabaseConfig } from '@banca/config';
import { pseudonymise } from '@banca/ingestion';
import { clearTestQueues, createTestDatabase, suiteDatabaseConfig, testConfig, type TestDatabase } from '@banca/testing';
import { EXIT_DOMAIN, runCli } from '../cli.program';

describe('banca ingest and banca segment retier', () => {
  let config: AppConfig;
  let postgres: TestDatabase | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'banca-ingest-cli-'));

  beforeAll(async () => {
    let database: DatabaseConfig;
    if (suiteDatabaseConfig().kind === 'postgres') {
      postgres = await createTestDatabase();
      database = postgres.config;
    } else {
      database = { kind: 'pglite', dataDir: join(dir, 'pg') };
    }
    // the command waits for its job: this process runs jobs whichever queue the suite uses
    config = testConfig(database, { runJobsInApi: true });
  });
  afterAll(async () => {
    await postgres?.dispose();
    if (config) await clearTestQueues(config);
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

  function file(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  it('loads a customers file and prints counts, rejects with line/field/reason, the run id and the tiers', async () => {
    const path = file('customers.csv', [
      'customer_id;investable_assets;household_annual_income;region',
      '13600000001;6000000;;Beijing',
      '13600000002;1000;250000;Beijing',
      '13600000003;bad;1000;Shanghai',
      '13600000004;10;10;Shanghai',
    ].join('\r\n'));
    const result = await banca('ingest', 'customers', path);
    expect(result.err).toMatch(/^Run [0-9a-f-]{36} queued/);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Run [0-9a-f-]{36} completed: customers\.csv \(customers, utf-8\)\n/);
    expect(result.out).toContain('read 4 · inserted 3 · updated 0 · unchanged 0 · rejected 1');
    expect(result.out).toContain('line 4  investable_assets  "bad"  not a decimal number');
    expect(result.out).toContain('Tiers (rule set v1): hnw 1 · middle 1 · basic 1');
    expect(result.out + result.err).not.toContain('13600000001');

    const again = await banca('ingest', 'customers', path);
    expect(again.out).toContain('read 4 · inserted 0 · updated 0 · unchanged 3 · rejected 1');
  });

  it('stores the ids of a --pseudonymized file as they are', async () => {
    const id = pseudonymise('13600000009', config.pseudonymKey);
    const result = await banca('ingest', 'customers', file('shared.csv', `customer_id,region\n${id},Sichuan\n`), '--pseudonymized');
    expect(result.code).toBe(0);
    expect(result.out).toContain('inserted 1');
  });

  it('exits non-zero with the message of a failed run', async () => {
    const result = await banca('ingest', 'customers', file('products.csv', 'product_code,name\nP1,Accident\n'));
    expect(result.code).toBe(EXIT_DOMAIN);
    expect(result.out).toMatch(/Run [0-9a-f-]{36} failed: products\.csv/);
    expect(result.err).toMatch(/ingestion run [0-9a-f-]{36} failed: products\.csv, line 1, field "customer_id": not a customers file: required column "customer_id" missing/);
    expect((await banca('ingest', 'customers', join(dir, 'missing.csv'))).code).toBe(EXIT_DOMAIN);
    expect((await banca('ingest', 'planets', join(dir, 'products.csv'))).code).toBe(EXIT_DOMAIN);
  });

  it('re-tiers on demand', async () => {
    const result = await banca('segment', 'retier');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Re-tiered 4 customers with rule set v1; 0 history rows changed\.\nhnw 1 · middle 1 · basic 2\n/);
  });
});
