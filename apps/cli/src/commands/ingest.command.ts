import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { Presets, SingleBar } from 'cli-progress';
import {
  createIngestionRequestSchema,
  INGESTION_ENTITIES,
  INGESTION_FORMATS,
  parseInput,
  type IngestionRejectListDto,
  type IngestionRunDto,
} from '@banca/contracts';
import { SYSTEM_ACTOR, ValidationError } from '@banca/domain';
import { IngestionService, type IngestionOutcome } from '@banca/ingestion';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import { TierService } from '@banca/segmentation';
import type { CliCommand, CliIo } from '../cli.types';

const SHOWN_REJECTS = 20;
const POLL_MS = 250;

const n = (value: number) => value.toLocaleString('en-US');
const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(1);

interface IngestOptions {
  pseudonymized?: boolean;
  encoding: string;
  format: string;
  mapping?: string;
}

const MAX_MAPPING_BYTES = 64 * 1024;

interface IngestResult {
  run: IngestionRunDto;
  rejects: IngestionRejectListDto;
  tiers: string | null;
}

/**
 * `banca ingest ENTITY FILE`: the same path as an upload (a run, the spooled file, the job), then waits
 * for the job with a progress bar (rows and bytes) and prints the counts, notes and the first rejects.
 */
export const ingestCommand: CliCommand = (program, { io, withApp }) => {
  program
    .command('ingest')
    .description('Load a partner file (CSV in UTF-8 or GBK, NDJSON, or Arrow IPC) as an ingestion run, and wait for it')
    .argument('<entity>', `what the file holds: ${INGESTION_ENTITIES.join(', ')}`)
    .argument('<file>', 'path of the file')
    .option('--mapping <file>', 'a mapping file (JSON) renaming and converting the partner\'s columns (docs/mapping-files.md)')
    .option('--format <format>', `${INGESTION_FORMATS.join(', ')} (auto: by extension, else by content)`, 'auto')
    .option('--encoding <encoding>', 'auto, utf8, gbk or gb18030 (text files; auto: UTF-8 if valid, else GB18030)', 'auto')
    .option('--pseudonymized', 'customer_id values are already HMAC pseudonyms (64 hex characters)')
    .action(async (entity: string, file: string, options: IngestOptions) => {
      const mapping = options.mapping === undefined ? undefined : await readMapping(options.mapping);
      const request = parseInput(
        createIngestionRequestSchema,
        { entity, pseudonymized: options.pseudonymized === true, encoding: options.encoding, format: options.format, mapping },
        'ingest',
      );
      const size = await stat(file).then((s) => (s.isFile() ? s.size : null), () => null);
      if (size === null) throw new ValidationError('no such file', { file });
      const result = await withApp(async (app) => {
        const ingestion = app.get(IngestionService);
        const queued = await ingestion.upload({ ...request, fileName: basename(file), content: createReadStream(file), actor: SYSTEM_ACTOR });
        io.err(`Run ${queued.id} queued (${n(size)} bytes); loading…\n`);
        return waitForRun(app, queued, io);
      });
      printSummary(io, result);
      if (result.run.status !== 'completed') {
        throw new ValidationError(`ingestion run ${result.run.id} failed: ${result.run.error ?? 'no reason recorded'}`);
      }
    });
};

async function readMapping(path: string): Promise<string> {
  const size = await stat(path).then((s) => (s.isFile() ? s.size : null), () => null);
  if (size === null) throw new ValidationError('no such mapping file', { file: path, field: 'mapping' });
  if (size > MAX_MAPPING_BYTES) throw new ValidationError('the mapping file is larger than 64 KB', { file: path, field: 'mapping' });
  return readFile(path, 'utf8');
}

async function waitForRun(app: INestApplicationContext, queued: IngestionRunDto, io: CliIo): Promise<IngestResult> {
  const ingestion = app.get(IngestionService);
  const queue = app.get<JobQueue>(JOB_QUEUE_TOKEN);
  // The bar is drawn on a terminal only; redirected output (and tests) get the summary alone.
  const bar = process.stderr.isTTY
    ? new SingleBar(
        { format: '{bar} {percentage}% | {read}/{total} MB | {rows} rows, {rejected} rejected', hideCursor: true, clearOnComplete: true },
        Presets.shades_classic,
      )
    : null;
  bar?.start(queued.progress.bytesTotal ?? 1, 0, { read: '0.0', total: mb(queued.progress.bytesTotal ?? 0), rows: '0', rejected: '0' });
  const show = (run: IngestionRunDto) =>
    bar?.update(run.progress.bytesRead, {
      read: mb(run.progress.bytesRead),
      total: mb(run.progress.bytesTotal ?? 0),
      rows: n(run.counts.read),
      rejected: n(run.counts.rejected),
    });
  const poller = setInterval(() => {
    ingestion.getRun(queued.id).then(show, () => undefined);
  }, POLL_MS);
  let followUps: string[] = [];
  try {
    const job = await queue.waitFor(queued.jobId!);
    if (job.state === 'completed') followUps = (job.result as IngestionOutcome).followUpJobIds;
  } finally {
    clearInterval(poller);
    bar?.stop();
  }
  for (const id of followUps) await queue.waitFor(id);
  const run = await ingestion.getRun(queued.id);
  const rejects = await ingestion.listRejects(run.id, { limit: SHOWN_REJECTS, offset: 0 });
  let tiers: string | null = null;
  if (followUps.length > 0 && run.entity === 'customers') {
    const counts = await app.get(TierService).tierCounts({});
    tiers = `Tiers (rule set v${counts.ruleVersion ?? '-'}): ${counts.tiers.map((t) => `${t.tier} ${n(t.customers)}`).join(' · ')}`;
  }
  if (run.status === 'failed' && run.error === null) io.err(`Job ${queued.jobId} did not finish the run.\n`);
  return { run, rejects, tiers };
}

function printSummary(io: CliIo, { run, rejects, tiers }: IngestResult): void {
  const c = run.counts;
  const readAs = [run.entity, run.format && run.format !== 'csv' ? run.format : null, run.format !== 'arrow' ? run.encoding : null];
  io.out(`Run ${run.id} ${run.status}: ${run.fileName} (${readAs.filter(Boolean).join(', ')})\n`);
  const skipped = c.skipped > 0 ? ` · skipped ${n(c.skipped)}` : '';
  io.out(`  read ${n(c.read)} · inserted ${n(c.inserted)} · updated ${n(c.updated)} · unchanged ${n(c.unchanged)} · rejected ${n(c.rejected)}${skipped}\n`);
  if (run.error) io.out(`  error: ${run.error}\n`);
  if (run.ignoredColumns.length > 0) io.out(`  ignored columns: ${run.ignoredColumns.join(', ')}\n`);
  for (const note of run.notes) io.out(`  note: ${note}\n`);
  if (rejects.total > 0) {
    const shown = rejects.rejects.length < rejects.total ? ` (first ${rejects.rejects.length} of ${n(rejects.total)})` : '';
    io.out(`  rejects${shown}:\n`);
    for (const r of rejects.rejects) {
      io.out(`    ${rejects.position} ${r.line}  ${r.field}${r.value === null ? '' : `  "${r.value}"`}  ${r.reason}\n`);
    }
  }
  if (tiers) io.out(`${tiers}\n`);
}
