import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig, DatabaseConfig } from '@banca/config';
import { RULE_CODES } from '@banca/domain';
import { clearTestQueues, createTestDatabaseConfig, dropTestDatabase, testConfig } from '@banca/testing';
import { EXIT_DOMAIN, runCli } from '../cli.program';

describe('banca bench compliance', () => {
  let config: AppConfig;
  let database: DatabaseConfig;
  const dir = mkdtempSync(join(tmpdir(), 'banca-bench-compliance-'));

  beforeAll(async () => {
    database = await createTestDatabaseConfig();
    // on the embedded runtime the bench makes a temporary folder of its own; this one must stay untouched
    // the bench waits for its jobs: this process runs them whichever queue the suite uses
    config = testConfig(database.kind === 'pglite' ? { kind: 'pglite', dataDir: join(dir, 'configured', 'pg') } : database, { runJobsInApi: true });
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

  it('scans 2,000 generated sales, finds breaches of several rules, and prints the scan against its floor, the re-scan, the alerts and memory', async () => {
    const result = await banca('bench', 'compliance', '--sales', '2000');
    expect(result.err).not.toContain('failed');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Compliance scan benchmark: 2,000 sales on');
    expect(result.out).toMatch(/baseline\s+2,000\s+\d+\.\d\d\s+[\d,]+/);
    expect(result.out).toMatch(/scan\s+2,000\s+\d+\.\d\d\s+[\d,]+\s+ComplianceScan job \(on-demand\): [\d,]+ findings created/);
    expect(result.out).toMatch(/ratio\s+\d+\.\d\d\s+baseline time \/ scan time/);
    expect(result.out).toMatch(/re-scan\s+2,000\s+\d+\.\d\d\s+[\d,]+\s+nothing changed: 0 created, 0 updated, 0 withdrawn/);
    expect(result.out).toMatch(/alerts\s+\d+\.\d\d\s+EvaluateComplianceAlerts job/);
    expect(result.out).toMatch(/peak RSS\s+\d+\.\d MB/);
    expect(result.out).toContain('Findings by rule:');

    const json = JSON.parse(result.out.trimEnd().split('\n').at(-1) ?? '') as Record<string, unknown>;
    expect(json).toMatchObject({ bench: 'compliance', sales: 2000, salesChecked: 2000, rescanFindingsCreated: 0, rescanFindingsUpdated: 0, rescanFindingsWithdrawn: 0 });
    for (const key of ['baselineSeconds', 'scanSeconds', 'scanSalesPerSecond', 'ratio', 'rescanSeconds', 'alertSeconds', 'peakRssMb', 'findingsCreated']) {
      expect(json[key], key).toBeGreaterThan(0);
    }
    // the generated data breaks the rules in realistic shares: most rules fire somewhere, none on every sale
    const byRule = json.findingsByRule as Record<string, number>;
    const fired = RULE_CODES.filter((code) => (byRule[code] ?? 0) > 0);
    expect(fired.length, JSON.stringify(byRule)).toBeGreaterThanOrEqual(10);
    for (const code of fired) expect(byRule[code], code).toBeLessThan(2000);
    expect(Object.values(byRule).reduce((a, b) => a + b, 0)).toBe(json.findingsCreated);
  }, 180_000);

  it('refuses a sales count that is not a positive whole number', async () => {
    const result = await banca('bench', 'compliance', '--sales', '0');
    expect(result.code).toBe(EXIT_DOMAIN);
    expect(result.err).toContain('--sales must be a whole number from 1 to 50,000,000');
  });
});
