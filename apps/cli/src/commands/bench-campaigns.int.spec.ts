import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig, DatabaseConfig } from '@banca/config';
import { clearTestQueues, createTestDatabaseConfig, dropTestDatabase, testConfig } from '@banca/testing';
import { EXIT_DOMAIN, runCli } from '../cli.program';

describe('banca bench campaigns', () => {
  let config: AppConfig;
  let database: DatabaseConfig;
  const dir = mkdtempSync(join(tmpdir(), 'banca-bench-campaigns-'));

  beforeAll(async () => {
    database = await createTestDatabaseConfig();
    // on the embedded runtime the bench makes a temporary folder of its own; on PostgreSQL a scratch database
    // next to this one: the configured database must stay untouched either way
    config = testConfig(database.kind === 'pglite' ? { kind: 'pglite', dataDir: join(dir, 'configured', 'pg') } : database);
  });
  afterAll(async () => {
    if (config) await clearTestQueues(config);
    if (database) await dropTestDatabase(database);
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

  it('builds an audience, refreshes the rollups, loads the metrics endpoint and gets the same figures from DuckDB', async () => {
    const result = await banca(
      'bench', 'campaigns', '--customers', '5000', '--events', '50000', '--campaigns', '3', '--requests', '60', '--concurrency', '4',
    );
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('Campaigns benchmark: 5,000 customers, 50,000 events, 3 campaigns on');
    expect(result.out).toMatch(/audience build\s+5,000\s+\d+\.\d\d\s+[\d,]+\s+CampaignAudienceService\.build\(BENCH-C01\): [\d,]+ treatment, [\d,]+ holdout/);
    expect(result.out).toMatch(/baseline\s+5,000\s+\d+\.\d\d\s+[\d,]+\s+bare INSERT … SELECT .*same arms: yes/);
    expect(result.out).toMatch(/ratio\s+\d+\.\d\d\s+baseline time \/ build time/);
    expect(result.out).toMatch(/rollup refresh\s+[\d,]+\s+\d+\.\d\d/);
    expect(result.out).toMatch(/metrics p95\s+\d+\.\d{3}/);
    expect(result.out).toMatch(/DuckDB\s+\d+\.\d{3}/);
    expect(result.out).toMatch(/peak RSS\s+\d+\.\d MB/);
    expect(result.out).toContain('Figures identical (');
    expect(result.out).toMatch(/Figures identical \(.*\): yes/);

    const json = JSON.parse(result.out.trimEnd().split('\n').at(-1) ?? '') as Record<string, unknown>;
    expect(json).toMatchObject({
      bench: 'campaigns', customers: 5000, events: 50000, campaigns: 3, requests: 60, concurrency: 4,
      requestErrors: 0, sameArms: true, figuresIdentical: true, differences: 0, baselineRows: 5000,
    });
    for (const key of ['buildSeconds', 'baselineSeconds', 'buildRatio', 'rollupSeconds', 'rollupMembers', 'p50Ms', 'p95Ms', 'p99Ms',
      'duckdbSeconds', 'exportMb', 'peakRssMb', 'audienceEligible']) {
      expect(json[key], key).toBeGreaterThan(0);
    }
    // some targeted customers are left out (consent, contacts across the other campaigns, suitability), most are not
    expect(json.audienceTargeted).toBe(5000);
    expect(json.audienceEligible).toBeLessThan(5000);
    expect(json.audienceEligible).toBeGreaterThan(3500);
    expect(typeof json.p95BelowDuckdb).toBe('boolean');
  }, 300_000);

  it('refuses a campaign count that is not a positive whole number', async () => {
    const result = await banca('bench', 'campaigns', '--campaigns', '0');
    expect(result.code).toBe(EXIT_DOMAIN);
    expect(result.err).toContain('--campaigns must be a whole number from 1 to 30');
  });
});
