import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig, DatabaseConfig } from '@banca/config';
import { conversionResponseSchema, type ConversionResponse } from '@banca/contracts';
import { clearTestQueues, createTestDatabaseConfig, dropTestDatabase, TEST_PSEUDONYM_KEY_HEX, testConfig } from '@banca/testing';

const run = promisify(execFile);
const HERE = __dirname;
const REPO = resolve(HERE, '..', '..');
const DATASET = resolve(REPO, '..', 'shared', 'datasets', 'uci-bank-marketing', 'bank-full.csv');
const CAMPAIGN = 'UCI-TERM-DEPOSIT';

interface Counts {
  customers: number;
  converted: number;
}

/** The figures straight from the file: plain `;` splitting, quotes stripped, grouped by a column's value. */
function figuresFromCsv(): { total: Counts; channel: Map<string | null, Counts>; previous: Map<string, Counts>; age: Map<string, Counts> } {
  const [header, ...rows] = readFileSync(DATASET, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(';').map((cell) => cell.replace(/^"|"$/g, '')));
  const column = (name: string) => header!.indexOf(name);
  const [age, contact, poutcome, y] = [column('age'), column('contact'), column('poutcome'), column('y')];
  // The modelling README.md describes: unknown contact = no channel; poutcome as the furthest event.
  const outcome: Record<string, string> = { unknown: 'none', failure: 'contacted', other: 'responded', success: 'offer_redeemed' };
  const band = (years: number) =>
    years < 25 ? '<25' : years < 35 ? '25-34' : years < 45 ? '35-44' : years < 55 ? '45-54' : years < 65 ? '55-64' : '65+';
  const total = { customers: 0, converted: 0 };
  const channel = new Map<string | null, Counts>();
  const previous = new Map<string, Counts>();
  const ages = new Map<string, Counts>();
  const add = <K>(map: Map<K, Counts>, key: K, yes: boolean) => {
    const counts = map.get(key) ?? { customers: 0, converted: 0 };
    counts.customers += 1;
    if (yes) counts.converted += 1;
    map.set(key, counts);
  };
  for (const row of rows) {
    const yes = row[y] === 'yes';
    total.customers += 1;
    if (yes) total.converted += 1;
    add(channel, row[contact] === 'unknown' ? null : row[contact]!, yes);
    add(previous, outcome[row[poutcome]!]!, yes);
    add(ages, band(Number(row[age])), yes);
  }
  return { total, channel, previous, age: ages };
}

/** The platform's figures of one breakdown: the non-empty groups, all in the treatment arm. */
function platformGroups(result: ConversionResponse): Map<string | null, Counts> {
  for (const g of result.groups) expect(g.holdout.customers).toBe(0);
  return new Map(
    result.groups.filter((g) => g.treatment.customers > 0).map((g) => [g.key, { customers: g.treatment.customers, converted: g.treatment.converted }]),
  );
}

/**
 * The UCI example end to end, as a user runs it: `load.sh` (six `banca ingest` runs of the example's files
 * and mappings) on a fresh database, then `banca campaign conversion`; the figures must be those of the CSV.
 */
describe('the UCI Bank Marketing example', () => {
  let database: DatabaseConfig;
  let config: AppConfig;
  let buildDir: string;
  let env: Record<string, string>;
  let loadOutput: string;
  const expected = figuresFromCsv();

  const banca = async (...args: string[]) =>
    (await run(process.execPath, [join(buildDir, 'apps', 'cli', 'src', 'main.js'), ...args], { cwd: REPO, env, maxBuffer: 16 * 1024 * 1024 })).stdout;
  const conversion = async (...args: string[]) => conversionResponseSchema.parse(JSON.parse(await banca('campaign', 'conversion', CAMPAIGN, '--json', ...args)));

  beforeAll(async () => {
    // The CLI compiled into a folder of the test's own (inside the repo, so node_modules resolve).
    mkdirSync(join(REPO, '.banca'), { recursive: true });
    buildDir = mkdtempSync(join(REPO, '.banca', 'cli-build-'));
    await run(join(REPO, 'node_modules', '.bin', 'swc'), ['apps/cli', 'libs', '-d', buildDir, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--quiet'], { cwd: REPO });
    cpSync(join(REPO, 'libs', 'db', 'migrations'), join(buildDir, 'libs', 'db', 'migrations'), { recursive: true });

    const suite = await createTestDatabaseConfig();
    const dataDir = mkdtempSync(join(tmpdir(), 'banca-uci-'));
    // On PGlite the commands share a data folder, one process after the other, as separate runs of the CLI.
    database = suite.kind === 'postgres' ? suite : { kind: 'pglite', dataDir: join(dataDir, 'pg') };
    config = testConfig(database);
    env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      BANCA_DATA_DIR: dataDir,
      BANCA_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY_HEX,
      BANCA_LOG_LEVEL: 'warn',
      BANCA_CLI: join(buildDir, 'apps', 'cli', 'src', 'main.js'),
      ...(database.kind === 'postgres' ? { DATABASE_URL: database.url } : {}),
      // no worker runs beside the test: each command runs its own jobs
      ...(config.queue.kind === 'bullmq'
        ? { REDIS_URL: config.queue.redisUrl, BANCA_QUEUE_PREFIX: config.queue.prefix, BANCA_RUN_JOBS_IN_API: 'true' }
        : {}),
    };
    // from another folder than the repository, as the script promises
    const loaded = await run('bash', [join(HERE, 'load.sh')], { cwd: tmpdir(), env, maxBuffer: 16 * 1024 * 1024 });
    loadOutput = loaded.stdout;
  }, 600_000);

  afterAll(async () => {
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
    if (config) await clearTestQueues(config);
    if (database) await dropTestDatabase(database);
  });

  it('loads every row of every entity with load.sh, rejecting none', () => {
    const summaries = loadOutput.split('\n').filter((line) => line.startsWith('  read '));
    expect(loadOutput.match(/^Run [0-9a-f-]{36} completed: /gm)).toHaveLength(6);
    expect(summaries).toEqual([
      '  read 1 · inserted 1 · updated 0 · unchanged 0 · rejected 0',
      '  read 2 · inserted 2 · updated 0 · unchanged 0 · rejected 0',
      '  read 45,211 · inserted 45,211 · updated 0 · unchanged 0 · rejected 0',
      '  read 45,211 · inserted 45,211 · updated 0 · unchanged 0 · rejected 0',
      '  read 45,211 · inserted 8,252 · updated 0 · unchanged 0 · rejected 0 · skipped 36,959',
      '  read 45,211 · inserted 5,289 · updated 0 · unchanged 0 · rejected 0 · skipped 39,922',
    ]);
  });

  it('converts 5,289 of 45,211 clients overall, as the file says', async () => {
    expect(expected.total).toEqual({ customers: 45_211, converted: 5289 });
    const result = await conversion();
    expect(result.campaign).toMatchObject({ code: CAMPAIGN, origin: 'imported', startDate: '2008-05-01', endDate: '2010-11-30', productCodes: ['UCI-TD'] });
    expect(result.hasHoldout).toBe(false);
    expect({ customers: result.total.treatment.customers, converted: result.total.treatment.converted }).toEqual(expected.total);
    expect(result.total.treatment.rate).toBe(5289 / 45_211);
  });

  it('gives the figures of the file by contact channel', async () => {
    expect(platformGroups(await conversion('--by', 'channel'))).toEqual(expected.channel);
  });

  it('gives the figures of the file by previous outcome', async () => {
    const result = await conversion('--by', 'previous_outcome', '--previous', 'UCI-PREVIOUS');
    expect(platformGroups(result)).toEqual(expected.previous);
    expect(result.groups.find((g) => g.key === 'opted_out')?.treatment.customers).toBe(0);
  });

  it('gives the figures of the file by age band', async () => {
    expect(platformGroups(await conversion('--by', 'age_band'))).toEqual(expected.age);
  });
});
