import type { IngestBenchResult } from './ingest-bench';
import { table } from './bench-run';

/** What the issue aims at (a benchmark reports them; it does not fail on them). */
export const INGEST_BENCH_AIMS = { ratio: 0.5, peakRssMb: 400 } as const;

export interface IngestBenchFigures {
  bench: 'ingest';
  rows: number;
  fileMb: number;
  database: IngestBenchResult['database'];
  queue: IngestBenchResult['queue'];
  status: string;
  runId: string;
  ingestSeconds: number;
  ingestRowsPerSecond: number;
  copyRows: number;
  copySeconds: number;
  copyRowsPerSecond: number;
  ratio: number;
  retierSeconds: number | null;
  retierCustomers: number | null;
  peakRssMb: number;
  /** RSS when the bench started (application context up, database open): what the peak grew from. */
  startRssMb: number;
  peakHeapMb: number;
  /** `process`: everything ran here; `cli-process`: worker processes may have run the jobs. */
  memoryScope: 'process' | 'cli-process';
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  generateSeconds: number;
  spoolSeconds: number;
}

const MB = 1024 ** 2;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const perSecond = (rows: number, seconds: number) => (seconds > 0 ? Math.round(rows / seconds) : 0);

export function ingestBenchFigures(result: IngestBenchResult): IngestBenchFigures {
  const { run } = result.ingest;
  const ingestRowsPerSecond = perSecond(run.counts.read, result.ingest.seconds);
  const copyRowsPerSecond = perSecond(result.plainCopy.rows, result.plainCopy.seconds);
  return {
    bench: 'ingest',
    rows: result.rows,
    fileMb: round(result.fileBytes / MB, 1),
    database: result.database,
    queue: result.queue,
    status: run.status,
    runId: run.id,
    ingestSeconds: round(result.ingest.seconds, 2),
    ingestRowsPerSecond,
    copyRows: result.plainCopy.rows,
    copySeconds: round(result.plainCopy.seconds, 2),
    copyRowsPerSecond,
    ratio: copyRowsPerSecond > 0 ? round(ingestRowsPerSecond / copyRowsPerSecond, 2) : 0,
    retierSeconds: result.retier ? round(result.retier.seconds, 2) : null,
    retierCustomers: result.retier?.customers ?? null,
    peakRssMb: round(result.memory.peakRss / MB, 1),
    startRssMb: round(result.memory.startRss / MB, 1),
    peakHeapMb: round(result.memory.peakHeapUsed / MB, 1),
    memoryScope: result.jobsInThisProcess ? 'process' : 'cli-process',
    read: run.counts.read,
    inserted: run.counts.inserted,
    updated: run.counts.updated,
    unchanged: run.counts.unchanged,
    rejected: run.counts.rejected,
    generateSeconds: round(result.generateSeconds, 2),
    spoolSeconds: round(result.ingest.spoolSeconds, 2),
  };
}

const n = (value: number) => value.toLocaleString('en-US');

/** The human report: one table of the figures, then the run's counts and what the figures leave out. */
export function formatIngestBench(result: IngestBenchResult, databaseLabel: string): string {
  const f = ingestBenchFigures(result);
  const retier = result.retier;
  const scope = f.memoryScope === 'process' ? 'this process, whole run' : 'the CLI process only: jobs ran in worker processes';
  const lines = [
    `Ingest benchmark: ${n(f.rows)} customer rows (${f.fileMb.toFixed(1)} MB CSV) on ${databaseLabel}, queue ${f.queue}`,
    '',
    table(
      [
        ['', 'rows', 'seconds', 'rows/s', ''],
        ['platform ingest', n(f.read), f.ingestSeconds.toFixed(2), n(f.ingestRowsPerSecond), 'parse, validate, pseudonymise, COPY to staging, merge (run + job)'],
        ['plain COPY', n(f.copyRows), f.copySeconds.toFixed(2), n(f.copyRowsPerSecond), 'the same file as is (raw ids) into a copy of customers, same driver'],
        ['ratio', '', '', f.ratio.toFixed(2), `platform / plain COPY (aim >= ${INGEST_BENCH_AIMS.ratio})`],
        retier
          ? ['re-tier', n(retier.customers), retier.seconds.toFixed(2), n(perSecond(retier.customers, retier.seconds)), `RetierCustomers job (rule set v${retier.ruleVersion})`]
          : ['re-tier', '', '', '-', 'did not run (the load did not complete)'],
        ['peak RSS', '', '', `${f.peakRssMb.toFixed(1)} MB`, `${scope} (aim < ${INGEST_BENCH_AIMS.peakRssMb} MB); ${f.startRssMb.toFixed(1)} MB at start, peak heap ${f.peakHeapMb.toFixed(1)} MB`],
      ],
      new Set([1, 2, 3]),
    ),
    '',
    `Run ${f.runId} ${f.status}: read ${n(f.read)} · inserted ${n(f.inserted)} · updated ${n(f.updated)} · unchanged ${n(f.unchanged)} · rejected ${n(f.rejected)}`,
  ];
  if (result.ingest.run.error) lines.push(`  error: ${result.ingest.run.error}`);
  lines.push(
    `Peak memory by phase (RSS / heap): ${result.memory.phases
      .map((p) => `${p.phase} ${(p.peak.rss / MB).toFixed(1)} / ${(p.peak.heapUsed / MB).toFixed(1)} MB`)
      .join(' · ')}`,
    `Not in the figures: generating the file ${f.generateSeconds.toFixed(2)} s, uploading it to the spool ${f.spoolSeconds.toFixed(2)} s.`,
  );
  if (f.updated + f.unchanged > 0) {
    lines.push('The database already held these customers: this measured a re-load. Use a fresh database to measure a first load.');
  }
  if (f.database === 'pglite') lines.push('PGlite runs inside this process: the database\'s own memory is part of the RSS.');
  return `${lines.join('\n')}\n`;
}
