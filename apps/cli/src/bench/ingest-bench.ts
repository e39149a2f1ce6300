import { createReadStream } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@banca/config';
import type { IngestionRunDto } from '@banca/contracts';
import { DATABASE_HANDLE, type DatabaseHandle } from '@banca/db';
import { SYSTEM_ACTOR } from '@banca/domain';
import { IngestionService, type IngestionOutcome } from '@banca/ingestion';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import type { RetierOutcome } from '@banca/segmentation';
import { openCsvRows, writeCustomersFile } from './bench-file';
import { jobSeconds, withMemorySampled } from './bench-run';
import type { MemoryReport, MemorySampler } from './memory-sampler';
import { PlainCopyRepository } from './plain-copy.repository';

export interface IngestBenchParams {
  rows: number;
  /** Where the generated CSV file is written. */
  file: string;
  config: AppConfig;
  /** Progress lines (stderr). */
  log(text: string): void;
}

export interface IngestBenchResult {
  rows: number;
  fileBytes: number;
  database: AppConfig['database']['kind'];
  queue: AppConfig['queue']['kind'];
  /** False when a worker process may have run the jobs: the memory figures are then this process's only. */
  jobsInThisProcess: boolean;
  generateSeconds: number;
  plainCopy: { rows: number; seconds: number };
  ingest: {
    run: IngestionRunDto;
    /** Upload: the file copied to the spool and the job enqueued (not part of the ingest figure). */
    spoolSeconds: number;
    /** From the job's enqueueing to its end: parse, validate, pseudonymise, COPY to staging, merge. */
    seconds: number;
  };
  retier: { seconds: number; customers: number; ruleVersion: number } | null;
  memory: MemoryReport;
}

const seconds = (ms: number) => ms / 1000;

/**
 * The ingest benchmark on a running application context: writes the file, COPYs it plainly into a copy of
 * `customers` (the floor), then ingests it through the platform (run, spool, job on the configured queue)
 * and waits for the re-tier the load enqueues. Memory is sampled throughout.
 */
export async function runIngestBench(app: INestApplicationContext, params: IngestBenchParams): Promise<IngestBenchResult> {
  return withMemorySampled('generate', (memory) => measure(app, params, memory));
}

async function measure(
  app: INestApplicationContext,
  { rows, file, config, log }: IngestBenchParams,
  memory: MemorySampler,
): Promise<Omit<IngestBenchResult, 'memory'>> {
  log(`Generating ${rows.toLocaleString('en-US')} customer rows (raw ids) into ${file}…\n`);
  let started = performance.now();
  const fileBytes = await writeCustomersFile(file, rows);
  const generateSeconds = seconds(performance.now() - started);

  memory.phase('plain COPY');
  log('Plain COPY of the file into a copy of the customers table…\n');
  const plainCopy = await plainCopyOf(app.get<DatabaseHandle>(DATABASE_HANDLE), file);

  memory.phase('platform ingest');
  const ingestion = app.get(IngestionService);
  const queue = app.get<JobQueue>(JOB_QUEUE_TOKEN);
  started = performance.now();
  const queued = await ingestion.upload({
    entity: 'customers',
    fileName: 'bench-customers.csv',
    content: createReadStream(file),
    actor: SYSTEM_ACTOR,
  });
  const spoolSeconds = seconds(performance.now() - started);
  if (queued.jobId === null) throw new Error(`ingestion run ${queued.id} has no job`);
  log(`Platform ingest: run ${queued.id}, job ${queued.jobId}…\n`);
  if (config.queue.kind !== 'in-process') log('The jobs run on BullMQ: a worker process (npm run start:worker) must be running.\n');
  const job = await queue.waitFor(queued.jobId);
  const ingestSeconds = jobSeconds(job, Date.parse(job.createdAt));
  const run = await ingestion.getRun(queued.id);

  memory.phase('re-tier');
  const followUps = job.state === 'completed' ? (job.result as IngestionOutcome).followUpJobIds : [];
  const retierJobId = run.status === 'completed' ? followUps[0] : undefined;
  let retier: IngestBenchResult['retier'] = null;
  if (retierJobId !== undefined) {
    log(`Re-tier: job ${retierJobId}…\n`);
    const retierJob = await queue.waitFor(retierJobId);
    if (retierJob.state === 'completed') {
      const outcome = retierJob.result as RetierOutcome;
      // the ingest job enqueues the re-tier just before it ends; the re-tier starts once it has
      const start = Math.max(Date.parse(retierJob.createdAt), Date.parse(job.finishedAt ?? retierJob.createdAt));
      retier = { seconds: jobSeconds(retierJob, start), customers: outcome.customers, ruleVersion: outcome.ruleVersion };
    }
  }
  return {
    rows,
    fileBytes,
    database: config.database.kind,
    queue: config.queue.kind,
    jobsInThisProcess: config.queue.kind === 'in-process',
    generateSeconds,
    plainCopy,
    ingest: { run, spoolSeconds, seconds: ingestSeconds },
    retier,
  };
}

async function plainCopyOf(handle: DatabaseHandle, file: string): Promise<IngestBenchResult['plainCopy']> {
  const table = new PlainCopyRepository(handle);
  await table.create();
  try {
    const started = performance.now();
    const { columns, chunks } = await openCsvRows(file);
    await table.copy({ columns, csv: chunks });
    const elapsed = seconds(performance.now() - started);
    return { rows: await table.count(), seconds: elapsed };
  } finally {
    await table.drop();
  }
}
