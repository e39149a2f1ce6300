import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@banca/config';
import { ComplianceScanService, type AlertEvaluationOutcome, type ComplianceScanOutcome } from '@banca/compliance';
import { DATABASE_HANDLE, type DatabaseHandle } from '@banca/db';
import { SYSTEM_ACTOR } from '@banca/domain';
import { JOB_QUEUE_TOKEN, type JobQueue, type JobStatus } from '@banca/queue';
import { ComplianceBenchRepository, type ComplianceBenchData } from './compliance-bench.repository';
import { jobSeconds, withMemorySampled } from './bench-run';
import type { MemoryReport, MemorySampler } from './memory-sampler';

export interface ComplianceBenchParams {
  sales: number;
  config: AppConfig;
  /** Progress lines (stderr). */
  log(text: string): void;
}

export interface TimedScan {
  outcome: ComplianceScanOutcome;
  /** From the job's enqueueing to its end, by the queue's clock. */
  seconds: number;
}

export interface ComplianceBenchResult {
  sales: number;
  database: AppConfig['database']['kind'];
  queue: AppConfig['queue']['kind'];
  jobsInThisProcess: boolean;
  data: ComplianceBenchData;
  generateSeconds: number;
  baseline: { rows: number; seconds: number };
  scan: TimedScan;
  alerts: { outcome: AlertEvaluationOutcome; seconds: number };
  rescan: TimedScan;
  findingsByRule: Record<string, number>;
  memory: MemoryReport;
}

const seconds = (ms: number) => ms / 1000;

/**
 * The compliance scan benchmark on a running application context: generates the data set in SQL, times the
 * floor (every sale read with its snapshot in force and its product, written to an unlogged table), then
 * the real ComplianceScan job, the EvaluateComplianceAlerts job it enqueued, and a re-scan that changes
 * nothing. The alert evaluation is awaited before the re-scan so no two measured jobs overlap.
 */
export async function runComplianceBench(app: INestApplicationContext, params: ComplianceBenchParams): Promise<ComplianceBenchResult> {
  return withMemorySampled('generate', (memory) => measure(app, params, memory));
}

async function measure(
  app: INestApplicationContext,
  { sales, config, log }: ComplianceBenchParams,
  memory: MemorySampler,
): Promise<Omit<ComplianceBenchResult, 'memory'>> {
  const repository = new ComplianceBenchRepository(app.get<DatabaseHandle>(DATABASE_HANDLE));
  const queue = app.get<JobQueue>(JOB_QUEUE_TOKEN);
  const scans = app.get(ComplianceScanService);

  log(`Generating ${sales.toLocaleString('en-US')} sales with products, staff, customers, snapshots, complaints and evidence…\n`);
  let started = performance.now();
  const data = await repository.generate(sales);
  const generateSeconds = seconds(performance.now() - started);

  memory.phase('baseline');
  log('Baseline: every sale with its snapshot in force and its product into an unlogged table…\n');
  started = performance.now();
  const baselineRows = await repository.baseline();
  const baseline = { rows: baselineRows, seconds: seconds(performance.now() - started) };

  if (config.queue.kind !== 'in-process') log('The jobs run on BullMQ: a worker process (npm run start:worker) must be running.\n');
  memory.phase('scan');
  const first = await scanNow(scans, queue, 'First scan', log);

  memory.phase('alerts');
  log(`Alert evaluation: job ${first.outcome.alertsJobId}…\n`);
  const alertJob = await queue.waitFor(first.outcome.alertsJobId);
  if (alertJob.state !== 'completed') throw new Error(`alert evaluation ${first.outcome.alertsJobId} failed: ${alertJob.error ?? 'no reason recorded'}`);
  // the scan enqueues the evaluation just before it ends; the evaluation starts once it has
  const alertStart = Math.max(Date.parse(alertJob.createdAt), Date.parse(first.job.finishedAt ?? alertJob.createdAt));
  const alerts = { outcome: alertJob.result as AlertEvaluationOutcome, seconds: jobSeconds(alertJob, alertStart) };

  memory.phase('re-scan');
  const again = await scanNow(scans, queue, 'Re-scan (nothing changed)', log);
  // its own alert evaluation is not measured, but it must not outlive the bench
  await queue.waitFor(again.outcome.alertsJobId);

  return {
    sales,
    database: config.database.kind,
    queue: config.queue.kind,
    jobsInThisProcess: config.queue.kind === 'in-process',
    data,
    generateSeconds,
    baseline,
    scan: { outcome: first.outcome, seconds: first.seconds },
    alerts,
    rescan: { outcome: again.outcome, seconds: again.seconds },
    findingsByRule: await repository.findingsByRule(),
  };
}

/** An on-demand scan of every sale, through the queue like `banca compliance scan`. */
async function scanNow(
  scans: ComplianceScanService,
  queue: JobQueue,
  label: string,
  log: (text: string) => void,
): Promise<TimedScan & { job: JobStatus }> {
  const { jobId } = await scans.requestScan(SYSTEM_ACTOR);
  log(`${label}: job ${jobId}…\n`);
  const job = await queue.waitFor(jobId);
  if (job.state !== 'completed') throw new Error(`compliance scan job ${jobId} failed: ${job.error ?? 'no reason recorded'}`);
  return { outcome: job.result as ComplianceScanOutcome, seconds: jobSeconds(job, Date.parse(job.createdAt)), job };
}
