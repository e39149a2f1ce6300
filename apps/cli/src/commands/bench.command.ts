import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@banca/config';
import { createDatabase } from '@banca/db';
import { ValidationError } from '@banca/domain';
import { formatIngestBench, ingestBenchFigures } from '../bench/bench-report';
import { createScratchPostgres, runCampaignsBench, type ScratchDatabase } from '../bench/campaigns-bench';
import { campaignsBenchFigures, formatCampaignsBench } from '../bench/campaigns-bench-report';
import { runComplianceBench } from '../bench/compliance-bench';
import { complianceBenchFigures, formatComplianceBench } from '../bench/compliance-bench-report';
import { runIngestBench } from '../bench/ingest-bench';
import type { CliCommand } from '../cli.types';

const DEFAULT_ROWS = 1_000_000;
const MAX_ROWS = 100_000_000;
const DEFAULT_SALES = 1_000_000;
const MAX_SALES = 50_000_000;

const DEFAULT_CUSTOMERS = { postgres: 1_000_000, pglite: 100_000 } as const;
const MAX_CUSTOMERS = 20_000_000;
const MAX_EVENTS = 200_000_000;
const MAX_CAMPAIGNS = 30;

interface CampaignsBenchOptions {
  customers?: string;
  events?: string;
  campaigns: string;
  requests: string;
  concurrency: string;
  keep?: boolean;
}

interface ComplianceBenchOptions {
  sales: string;
}

interface IngestBenchOptions {
  rows: string;
  keep?: boolean;
  useDataDir?: boolean;
}

/**
 * `banca bench ingest`: ingest throughput against a plain COPY of the same rows, re-tier time and peak
 * memory, printed as a table and a JSON line. It reports and does not judge: the exit code is non-zero
 * only when the ingestion run itself failed.
 */
export const benchCommand: CliCommand = (program, { io, config, withApp }) => {
  const bench = program.command('bench').description('Benchmarks (they report figures; they do not assert them)');

  bench
    .command('ingest')
    .description(
      'Generate a customers CSV (raw ids) and report, in one run: platform ingest rows/s, plain COPY rows/s of the ' +
        'same rows, their ratio, the re-tier time and peak memory. On PostgreSQL (DATABASE_URL) the customers are ' +
        'loaded into that database: point it at a fresh one. On the embedded runtime a temporary data folder is used.',
    )
    .option('--rows <n>', 'data rows (= customers) in the generated file', String(DEFAULT_ROWS))
    .option('--keep', 'keep the generated CSV file (and the temporary embedded database) and print where they are')
    .option('--use-data-dir', 'embedded runtime: bench in the configured data folder (BANCA_DATA_DIR) instead of a temporary one')
    .action(async (options: IngestBenchOptions) => {
      const rows = parseRows(options.rows);
      const base = config();
      const dir = await mkdtemp(join(tmpdir(), 'banca-bench-'));
      const temporaryDatabase = base.database.kind === 'pglite' && options.useDataDir !== true;
      const appConfig = temporaryDatabase ? temporaryEmbeddedConfig(base, dir) : base;
      try {
        if (temporaryDatabase) await createEmbeddedDatabase(appConfig);
        const result = await withApp(
          (app) => runIngestBench(app, { rows, file: join(dir, 'bench-customers.csv'), config: appConfig, log: (text) => io.err(text) }),
          appConfig,
        );
        io.out(`\n${formatIngestBench(result, databaseLabel(appConfig, temporaryDatabase))}`);
        io.out(`${JSON.stringify(ingestBenchFigures(result))}\n`);
        const run = result.ingest.run;
        if (run.status !== 'completed') {
          throw new ValidationError(`ingestion run ${run.id} ${run.status}: ${run.error ?? 'no reason recorded'}`);
        }
      } finally {
        if (options.keep) io.err(`Kept ${dir} (the generated CSV${temporaryDatabase ? ' and the embedded database in pg/' : ''}).\n`);
        else await rm(dir, { recursive: true, force: true });
      }
    });

  bench
    .command('compliance')
    .description(
      'Generate products, staff, customers with snapshots and N sales in SQL, then report, in one run: the floor ' +
        '(every sale read with its snapshot in force and its product into an unlogged table), the ComplianceScan job ' +
        '(sales/s, ratio floor/scan, findings by rule), a re-scan that changes nothing, the alert evaluation and peak ' +
        'memory. On PostgreSQL (DATABASE_URL) the data is written into that database: point it at a fresh one. On the ' +
        'embedded runtime a temporary data folder is used.',
    )
    .option('--sales <n>', 'sales to generate (customers: half as many)', String(DEFAULT_SALES))
    .action(async (options: ComplianceBenchOptions) => {
      const sales = parseCount(options.sales, '--sales', MAX_SALES);
      const base = config();
      const dir = await mkdtemp(join(tmpdir(), 'banca-bench-'));
      const temporaryDatabase = base.database.kind === 'pglite';
      const appConfig = temporaryDatabase ? temporaryEmbeddedConfig(base, dir) : base;
      try {
        if (temporaryDatabase) await createEmbeddedDatabase(appConfig);
        const result = await withApp((app) => runComplianceBench(app, { sales, config: appConfig, log: (text) => io.err(text) }), appConfig);
        io.out(`\n${formatComplianceBench(result, databaseLabel(appConfig, temporaryDatabase))}`);
        io.out(`${JSON.stringify(complianceBenchFigures(result))}\n`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

  bench
    .command('campaigns')
    .description(
      'Generate customers, products, K launched campaigns with audiences and N campaign events with sales in SQL, then ' +
        'report, in one run: the audience build of a campaign targeting every customer against a bare INSERT … SELECT of ' +
        'the same rows (ratio), the rollup refresh of every campaign, p50/p95/p99 of GET /campaigns/:code/metrics on the ' +
        'real API under concurrent load, and DuckDB computing the same figures from the raw tables exported as CSV ' +
        '(figures identical: yes/no; the exit code is non-zero when they differ). On PostgreSQL (DATABASE_URL) a scratch ' +
        `database is created next to the configured one and dropped after; defaults ${DEFAULT_CUSTOMERS.postgres.toLocaleString('en-US')} ` +
        `customers and 10 events a customer. On the embedded runtime a temporary data folder is used; defaults ` +
        `${DEFAULT_CUSTOMERS.pglite.toLocaleString('en-US')} customers and 10 events a customer (PGlite is single-threaded).`,
    )
    .option('--customers <n>', 'customers to generate (default: 1,000,000 on PostgreSQL, 100,000 on PGlite)')
    .option('--events <n>', 'campaign events to generate (default: 10 a customer)')
    .option('--campaigns <k>', 'platform campaigns (the first is built by the platform, the others generated)', '10')
    .option('--requests <n>', 'measured metrics requests', '2000')
    .option('--concurrency <n>', 'metrics requests in flight at once', '16')
    .option('--keep', 'keep the scratch database (PostgreSQL) or temporary folder and the CSV files, and print where they are')
    .action(async (options: CampaignsBenchOptions) => {
      const base = config();
      const customers = parseCount(options.customers ?? String(DEFAULT_CUSTOMERS[base.database.kind]), '--customers', MAX_CUSTOMERS);
      const events = parseCount(options.events ?? String(customers * 10), '--events', MAX_EVENTS);
      const campaigns = parseCount(options.campaigns, '--campaigns', MAX_CAMPAIGNS);
      const requests = parseCount(options.requests, '--requests', 1_000_000);
      const concurrency = parseCount(options.concurrency, '--concurrency', 1_000);
      const dir = await mkdtemp(join(tmpdir(), 'banca-bench-'));
      const temporaryDatabase = base.database.kind === 'pglite';
      let scratch: ScratchDatabase | undefined;
      try {
        let appConfig: AppConfig;
        if (temporaryDatabase) {
          appConfig = temporaryEmbeddedConfig(base, dir);
          await createEmbeddedDatabase(appConfig);
        } else {
          scratch = await createScratchPostgres(base.database.kind === 'postgres' ? base.database.url : '');
          io.err(`Scratch database ${scratch.name}${options.keep ? ' (kept)' : ' (dropped after the run)'}\n`);
          // jobs the build queues run here, whatever queue is configured: the bench needs no worker
          appConfig = { ...base, database: { kind: 'postgres', url: scratch.url }, queue: { kind: 'in-process' }, runJobsInApi: true, demo: false };
        }
        appConfig = { ...appConfig, logLevel: 'warn' };
        // The bench measures the real HTTP API, started in this process so it shares the (embedded) database;
        // loaded lazily, so no other command loads the API. The only place apps/cli reaches into apps/api.
        // eslint-disable-next-line banca/boundaries -- a benchmark of the API's own endpoint, not a runtime dependency
        const { createApiApp } = await import('../../../api/src/app.factory');
        const app = await createApiApp(appConfig);
        let result;
        try {
          await app.listen(0, '127.0.0.1');
          const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
          result = await runCampaignsBench(app, {
            customers, events, campaigns, requests, concurrency, config: appConfig, baseUrl, dir, log: (text) => io.err(text),
          });
        } finally {
          await app.close();
        }
        io.out(`\n${formatCampaignsBench(result, temporaryDatabase ? databaseLabel(appConfig, true) : `PostgreSQL (scratch database ${scratch?.name ?? ''})`)}`);
        io.out(`${JSON.stringify(campaignsBenchFigures(result))}\n`);
        if (result.differences.length > 0) {
          throw new ValidationError(`the endpoint's figures and DuckDB's differ (${result.differences.length} differences)`);
        }
      } finally {
        if (options.keep) {
          io.err(`Kept ${dir} (the CSV files${temporaryDatabase ? ' and the embedded database in pg/' : ''})${scratch ? ` and the database ${scratch.name}` : ''}.\n`);
        } else {
          await scratch?.drop();
          await rm(dir, { recursive: true, force: true });
        }
      }
    });
};

function parseRows(text: string): number {
  return parseCount(text, '--rows', MAX_ROWS);
}

function parseCount(text: string, option: string, max: number): number {
  const count = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(count) || count < 1 || count > max) {
    throw new ValidationError(`${option} must be a whole number from 1 to ${max.toLocaleString('en-US')}`, { field: option.slice(2) });
  }
  return count;
}

/**
 * The embedded runtime benches in a folder of its own, so the user's data folder gets no bench customers
 * and an `npm start` holding it is no obstacle. Jobs run in this process: a worker process could not
 * open a PGlite folder this process holds.
 */
function temporaryEmbeddedConfig(config: AppConfig, dir: string): AppConfig {
  return {
    ...config,
    dataDir: dir,
    database: { kind: 'pglite', dataDir: join(dir, 'pg') },
    spoolDir: join(dir, 'spool'),
    queue: { kind: 'in-process' },
    runJobsInApi: true,
    demo: false,
  };
}

/**
 * Creating a PGlite folder (initdb) leaves about 0.4 GB more resident in the process than opening an
 * existing one, as `npm start` does; so the folder is created and migrated first, then reopened.
 */
async function createEmbeddedDatabase(config: AppConfig): Promise<void> {
  const handle = await createDatabase(config.database);
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
}

function databaseLabel(config: AppConfig, temporary: boolean): string {
  if (config.database.kind === 'postgres') return 'PostgreSQL';
  return temporary ? 'PGlite (embedded, temporary data folder)' : `PGlite (embedded, ${config.database.dataDir})`;
}
