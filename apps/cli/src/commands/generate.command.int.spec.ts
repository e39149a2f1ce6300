import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignDemoDataset } from '@banca/campaigns';
import type { AppConfig, DatabaseConfig } from '@banca/config';
import { clearTestQueues, createTestDatabase, suiteDatabaseConfig, testConfig, type TestDatabase } from '@banca/testing';
import { EXIT_DOMAIN, runCli } from '../cli.program';

const ANCHOR = new Date().toISOString().slice(0, 10);

describe('banca generate', () => {
  let config: AppConfig;
  let postgres: TestDatabase | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'banca-generate-cli-'));

  beforeAll(async () => {
    let database: DatabaseConfig;
    if (suiteDatabaseConfig().kind === 'postgres') {
      postgres = await createTestDatabase();
      database = postgres.config;
    } else {
      database = { kind: 'pglite', dataDir: join(dir, 'pg') };
    }
    // the command waits for its jobs: this process runs them whichever queue the suite uses (as a worker would)
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
      loadConfig: () => ({ ...config, runJobsInApi: true }),
    });
    return { code, out, err };
  }

  it('refuses bad options with the reason', async () => {
    const badDate = await banca('generate', '--anchor', '2026-02-30');
    expect(badDate.code).toBe(EXIT_DOMAIN);
    expect(badDate.err).toContain('--anchor takes a date as YYYY-MM-DD');
    const few = await banca('generate', '--customers', '10');
    expect(few.code).toBe(EXIT_DOMAIN);
    expect(few.err).toContain('at least 50 customers');
  });

  it('loads the dataset and the six campaigns, writes the files, and prints each campaign with its audience', async () => {
    const out = join(dir, 'files');
    const result = await banca('generate', '--customers', '300', '--seed', '5', '--anchor', ANCHOR, '--out', out);
    expect(result.err).not.toContain('Unexpected error');
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(`Demo generated for ${ANCHOR}: 300 customers.`);
    for (const [code, status] of [
      ['MORTGAGE-BUNDLE', 'completed'],
      ['WEALTH-HEALTH', 'completed'],
      ['CARD-RIGHTS', 'running'],
      ['SILVER-AGE', 'completed'],
      ['PAYROLL-MICRO', 'running'],
      ['BRANCH-MONTH', 'scheduled'],
    ]) {
      expect(result.out).toMatch(new RegExp(`${code} +${status} +treatment \\d+ · holdout \\d+ · excluded \\d+`));
    }
    expect(result.err).toContain('launched MORTGAGE-BUNDLE');
    for (const file of ['demo-customers.csv', 'demo-sales.csv', 'demo-campaign-products.csv', 'demo-campaign-events.csv', 'demo-campaign-sales.csv', 'demo-campaigns.json']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    // the files are the generator's, byte for byte; the printed output names no customer
    const dataset = campaignDemoDataset({ anchor: ANCHOR, customers: 300, seed: 5 });
    expect(readFileSync(join(out, 'demo-customers.csv'), 'utf8')).toBe([...dataset.baseFiles.customers()].join(''));
    for (const person of dataset.people) expect(result.out + result.err).not.toContain(person.profile.rawId);
  });

  it('exits non-zero on a database that already has customers, and says why', async () => {
    const again = await banca('generate', '--customers', '300', '--seed', '5');
    expect(again.code).toBe(EXIT_DOMAIN);
    expect(again.err).toMatch(/already holds 300 customers and 6 campaigns: banca generate loads a demo into an empty database only/);
  });
});
