import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import postgres from 'postgres';
import { ApiTokenService } from '@banca/auth';
import { CampaignAudienceService, CampaignRollupService, type AudienceBuildOutcome, type RefreshOutcome } from '@banca/campaigns';
import type { AppConfig } from '@banca/config';
import type { CampaignMetricsDto } from '@banca/contracts';
import { createDatabase, DATABASE_HANDLE, type DatabaseHandle } from '@banca/db';
import { SYSTEM_ACTOR } from '@banca/domain';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import { withMemorySampled } from './bench-run';
import { duckdbFigures } from './campaigns-bench-duckdb';
import { compareFigures, figuresOfMetrics, type CampaignFigures, type FigureDifference } from './campaigns-bench-figures';
import { measureLatency, type LatencyReport } from './campaigns-bench-latency';
import { benchCampaignCode, CampaignsBenchRepository, type CampaignsBenchData, type CampaignsBenchSize } from './campaigns-bench.repository';
import type { MemoryReport, MemorySampler } from './memory-sampler';

export interface CampaignsBenchParams extends CampaignsBenchSize {
  config: AppConfig;
  /** The API under test, listening (GET /api/v1/campaigns/:code/metrics is loaded over HTTP). */
  baseUrl: string;
  /** Measured metrics requests, and how many are in flight at once. */
  requests: number;
  concurrency: number;
  /** Folder for the exported CSV files. */
  dir: string;
  /** Progress lines (stderr). */
  log(text: string): void;
}

export interface CampaignsBenchResult {
  size: CampaignsBenchSize;
  database: AppConfig['database']['kind'];
  data: CampaignsBenchData;
  generateSeconds: number;
  build: { code: string; outcome: AudienceBuildOutcome; seconds: number };
  baseline: { rows: number; seconds: number; armMismatches: number };
  rollup: { outcome: RefreshOutcome; seconds: number };
  latency: LatencyReport;
  export: { seconds: number; bytes: number };
  duckdb: { seconds: number; threads: number };
  endpointFigures: CampaignFigures[];
  differences: FigureDifference[];
  memory: MemoryReport;
}

const seconds = (startedMs: number) => (performance.now() - startedMs) / 1000;

/**
 * The campaigns benchmark on the running API: generates customers, products, campaigns and their
 * audiences in SQL; times the platform's audience build of the biggest campaign against a bare
 * INSERT … SELECT of the same rows; generates the outcomes (events, sales, complaints, spend); times the
 * rollup refresh of every campaign; loads GET /campaigns/:code/metrics over HTTP with concurrent requests;
 * exports the raw tables as CSV and times DuckDB computing the same figures from them, and compares.
 */
export async function runCampaignsBench(app: INestApplication, params: CampaignsBenchParams): Promise<CampaignsBenchResult> {
  return withMemorySampled('generate', (memory) => measure(app, params, memory));
}

async function measure(app: INestApplication, params: CampaignsBenchParams, memory: MemorySampler): Promise<Omit<CampaignsBenchResult, 'memory'>> {
  const { log } = params;
  const size: CampaignsBenchSize = { customers: params.customers, events: params.events, campaigns: params.campaigns };
  const repository = new CampaignsBenchRepository(app.get<DatabaseHandle>(DATABASE_HANDLE));
  const queue = app.get<JobQueue>(JOB_QUEUE_TOKEN);
  const n = (value: number) => value.toLocaleString('en-US');

  log(`Generating ${n(size.customers)} customers with snapshots and tiers, products and ${n(size.campaigns)} campaigns with audiences…\n`);
  let started = performance.now();
  await repository.generateBase(size);
  let generateSeconds = seconds(started);

  memory.phase('audience build');
  const campaign = repository.buildCampaign();
  log(`Audience build of ${campaign.code} (CampaignAudienceService.build)…\n`);
  started = performance.now();
  const outcome = await app.get(CampaignAudienceService).build(campaign.code);
  const build = { code: campaign.code, outcome, seconds: seconds(started) };
  // the build queued its campaign's rollup refresh: let it end before anything else is measured
  await queue.waitFor(outcome.refreshJobId);

  memory.phase('baseline');
  log('Baseline: the same customers and arms with a bare INSERT … SELECT into an unlogged table…\n');
  const baseline = await repository.baseline(campaign);

  memory.phase('generate');
  log(`Generating ${n(size.events)} campaign events, sales, complaints and spend…\n`);
  started = performance.now();
  await repository.generateOutcomes(size);
  generateSeconds += seconds(started);
  const data = await repository.counts();

  memory.phase('rollup refresh');
  log(`Rollup refresh of every campaign (CampaignRollupService.refresh) over ${n(data.events)} events…\n`);
  started = performance.now();
  const refreshed = await app.get(CampaignRollupService).refresh('all', 'on-demand');
  const rollup = { outcome: refreshed, seconds: seconds(started) };

  memory.phase('endpoint');
  const { token } = await app.get(ApiTokenService).create({ name: `campaigns bench ${randomBytes(3).toString('hex')}`, role: 'manager' }, SYSTEM_ACTOR);
  const headers = { authorization: `Bearer ${token}` };
  const codes = Array.from({ length: size.campaigns }, (_, i) => benchCampaignCode(i + 1));
  const urls = codes.map((code) => `${params.baseUrl}/api/v1/campaigns/${encodeURIComponent(code)}/metrics`);
  const endpointFigures: CampaignFigures[] = [];
  for (const url of urls) {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
    endpointFigures.push(figuresOfMetrics((await response.json()) as CampaignMetricsDto));
  }
  log(`GET /campaigns/:code/metrics: ${n(params.requests)} requests, ${params.concurrency} at a time…\n`);
  const latency = await measureLatency({ urls, requests: params.requests, concurrency: params.concurrency, headers, warmup: Math.min(200, params.requests) });

  memory.phase('export');
  log('Exporting audience members, events, sales, products and campaigns as CSV…\n');
  started = performance.now();
  const exported = await repository.exportCsv((table) => join(params.dir, `${table}.csv`));
  const exportSeconds = seconds(started);
  const bytes = (await Promise.all(exported.map((f) => stat(f.file)))).reduce((sum, s) => sum + s.size, 0);

  memory.phase('duckdb');
  log('DuckDB (in memory) reading the CSVs and computing the same figures…\n');
  const duck = await duckdbFigures(exported, codes);

  return {
    size,
    database: params.config.database.kind,
    data,
    generateSeconds,
    build,
    baseline: { rows: baseline.rows, seconds: baseline.seconds, armMismatches: baseline.armMismatches },
    rollup,
    latency,
    export: { seconds: exportSeconds, bytes },
    duckdb: { seconds: duck.seconds, threads: duck.threads },
    endpointFigures,
    differences: compareFigures(endpointFigures, duck.figures),
  };
}

/** A scratch PostgreSQL database next to the configured one: created and migrated, dropped when done. */
export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates `banca_bench_campaigns_<random>` on the server of `url` (the role needs CREATEDB) and migrates it. */
export async function createScratchPostgres(url: string): Promise<ScratchDatabase> {
  const name = `banca_bench_campaigns_${randomBytes(4).toString('hex')}`;
  const scratchUrl = new URL(url);
  scratchUrl.pathname = `/${name}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const handle = await createDatabase({ kind: 'postgres', url: scratchUrl.toString() });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
  return {
    name,
    url: scratchUrl.toString(),
    async drop() {
      const dropper = postgres(url, { max: 1, onnotice: () => undefined });
      try {
        await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
