import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
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

  it('loads events with a mapping file, an explicit format and encoding, and prints the notes', async () => {
    const mapping = file('events.mapping.json', JSON.stringify({
      entity: 'campaign_events',
      columns: { client: 'customer_id', contact: 'channel' },
      values: { channel: { cellular: 'phone' } },
      constants: { campaign_code: 'HIST-1', event: 'contacted' },
    }));
    const events = file('events.txt', 'client;contact;age\n13600000001;cellular;41\n13600000002;telephone;35\n');
    const result = await banca('ingest', 'campaign_events', events, '--mapping', mapping, '--format', 'csv', '--encoding', 'utf8');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Run [0-9a-f-]{36} completed: events\.txt \(campaign_events, utf-8\)\n/);
    expect(result.out).toContain('read 2 · inserted 2 · updated 0 · unchanged 0 · rejected 0');
    expect(result.out).toContain('ignored columns: age');
    expect(result.out).toMatch(/note: occurred_at is not in the file: the load date \d{4}-\d{2}-\d{2} is used \(2 rows\)/);
    expect(result.out + result.err).not.toContain('13600000001');
  });

  it('reads an Arrow file and names rejects by row', async () => {
    const arrow = tableToIPC(
      new Table({
        staff_code: vectorFromArray(['ST1', 'ST2', 'ST3'], new Utf8()),
        qualified_until: vectorFromArray(['2026-01-01', 'soon', '2027-01-01'], new Utf8()),
      }),
      'file',
    );
    const path = join(dir, 'staff.arrow');
    writeFileSync(path, arrow);
    const result = await banca('ingest', 'staff', path);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/completed: staff\.arrow \(staff, arrow\)\n/);
    expect(result.out).toContain('row 3  qualified_until  "soon"  not a date');
  });

  it('refuses a mapping that is not JSON or names unknown fields, before loading', async () => {
    const path = file('branches.csv', 'code,name\nB1,x\n');
    const notJson = await banca('ingest', 'branches', path, '--mapping', file('bad.json', '{"columns":'));
    expect(notJson.code).toBe(EXIT_DOMAIN);
    expect(notJson.err).toMatch(/the mapping is not valid JSON/);
    const unknown = await banca('ingest', 'branches', path, '--mapping', file('unknown.json', '{"columns":{"code":"branch"}}'));
    expect(unknown.code).toBe(EXIT_DOMAIN);
    expect(unknown.err).toMatch(/names "branch", which is not a branches field/);
    expect(unknown.err).not.toMatch(/queued/);
  });
});
