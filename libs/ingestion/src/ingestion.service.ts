import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import { APP_CONFIG, type AppConfig } from '@banca/config';
import {
  INGESTION_ENTITIES,
  type IngestionEncoding,
  type IngestionEntity,
  type IngestionRejectListDto,
  type IngestionRunDto,
  type IngestionRunListDto,
  type IngestionRunStatus,
  type ListIngestionsQuery,
  type ListRejectsQuery,
} from '@banca/contracts';
import { DomainError, NotFoundError, ValidationError, type Actor } from '@banca/domain';
import { JOB_QUEUE_TOKEN, JobName, OnJob, type JobContext, type JobPayloads, type JobQueue } from '@banca/queue';
import { EntityRegistry } from './entities/entity-registry';
import { fieldNames } from './entities/entity-definition';
import { openEntityFile, type FileReadStats } from './pipeline/entity-file.reader';
import { FIELD_KINDS } from './pipeline/field-kinds';
import { IngestionRejectRepository } from './repositories/ingestion-reject.repository';
import { IngestionRunRepository, type IngestionRunRow } from './repositories/ingestion-run.repository';
import { StagingRepository } from './repositories/staging.repository';
import { SpoolStorage } from './spool.storage';

export interface CreateIngestionRunParams {
  entity: IngestionEntity;
  /** The name the file was sent under (kept for the run list; the content lives in the spool). */
  fileName: string;
  encoding?: IngestionEncoding;
  /** The file's customer ids are already pseudonyms. */
  pseudonymized?: boolean;
  actor: Actor;
}

export interface UploadParams extends CreateIngestionRunParams {
  content: Readable | AsyncIterable<Uint8Array | string>;
}

/** What the ingest job returns (stored as the job's result): ids and counts, never row values. */
export interface IngestionOutcome {
  runId: string;
  status: IngestionRunStatus;
  error: string | null;
  /** Jobs enqueued after a completed load (e.g. the re-tier), to wait for. */
  followUpJobIds: string[];
}

/** Reject entries stored per run; rejected rows past it are still counted. */
const MAX_STORED_REJECTS = 10_000;
const CSV_EXTENSIONS = new Set(['', '.csv', '.txt']);

@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    private readonly runs: IngestionRunRepository,
    private readonly rejects: IngestionRejectRepository,
    private readonly staging: StagingRepository,
    private readonly entities: EntityRegistry,
    private readonly spool: SpoolStorage,
    private readonly audit: AuditService,
  ) {}

  /** Records a queued run of one file; its content is spooled and its job enqueued by `spoolAndEnqueue`. */
  async createRun(params: CreateIngestionRunParams): Promise<IngestionRunDto> {
    const fileName = basename(params.fileName.trim()).slice(0, 255) || 'upload.csv';
    const extension = extname(fileName).toLowerCase();
    if (!CSV_EXTENSIONS.has(extension)) {
      throw new ValidationError(`${extension} files are not supported yet; send the data as CSV`, { file: fileName });
    }
    const row = await this.runs.create({
      entity: params.entity,
      fileName,
      format: 'csv',
      encoding: params.encoding ?? 'auto',
      pseudonymized: params.pseudonymized ?? false,
      createdBy: params.actor.userId,
    });
    const run = toDto(row);
    await this.audit.record({
      actor: params.actor,
      action: 'ingestion-run.create',
      entityType: 'ingestion-run',
      entityId: run.id,
      after: { entity: run.entity, fileName: run.fileName, encoding: run.encoding, pseudonymized: run.pseudonymized },
    });
    return run;
  }

  /** Writes the content to `<spoolDir>/<runId>` and enqueues the run's job (payload: the run id only). */
  async spoolAndEnqueue(runId: string, content: UploadParams['content']): Promise<IngestionRunDto> {
    let size: number;
    try {
      size = await this.spool.write(runId, content);
    } catch (error) {
      await this.runs.fail({ id: runId, error: 'the upload did not complete; send the file again' });
      throw error;
    }
    const jobId = await this.queue.enqueue(JobName.IngestFile, { runId }, { jobId: `ingest-${runId}` });
    await this.runs.setJob({ id: runId, jobId, bytesTotal: size });
    this.logger.log({ msg: 'ingestion run queued', runId, jobId, bytes: size });
    return this.getRun(runId);
  }

  /** An incoming file (upload, CLI, demo data): a queued run whose job loads it. */
  async upload(params: UploadParams): Promise<IngestionRunDto> {
    const run = await this.createRun(params);
    return this.spoolAndEnqueue(run.id, params.content);
  }

  /**
   * Loads the spooled file of a run. Idempotent: a completed run is left as it is; any other run starts
   * from zero (rejects, staging and counts of an earlier attempt are discarded), and the merge commits
   * together with the run's counts. A file that is not of the run's entity fails the run without retry
   * and writes nothing to the canonical tables.
   */
  @OnJob(JobName.IngestFile)
  async processRun(payload: JobPayloads[JobName.IngestFile], context: JobContext): Promise<IngestionOutcome> {
    const run = await this.runs.findById(payload.runId);
    if (!run) throw new NotFoundError(`Ingestion run ${payload.runId} not found`, { runId: payload.runId });
    if (run.status === 'completed') return outcome(run, await this.enqueueFollowUps(run));
    const bytesTotal = await this.spool.size(run.id);
    if (bytesTotal === null) {
      if (run.status !== 'failed') {
        await this.runs.fail({ id: run.id, error: 'the uploaded file is no longer in the spool; send it again' });
      }
      return outcome((await this.runs.findById(run.id)) ?? run);
    }
    const entity = parseEntity(run.entity);
    const { definition, merger } = this.entities.get(entity);
    await this.runs.start({ id: run.id, bytesTotal });
    await this.rejects.deleteForRun(run.id);
    this.logger.log({ msg: 'ingestion run started', runId: run.id, entity, jobId: context.jobId, attempt: context.attempt });

    const table = this.staging.tableFor(run.id);
    let stats: FileReadStats | undefined;
    let encoding: string | null = null;
    let failure: unknown;
    try {
      const file = await openEntityFile({
        path: this.spool.pathFor(run.id),
        file: run.fileName,
        bytesTotal,
        definition,
        encoding: parseEncoding(run.encoding),
        parseContext: { pseudonymKey: this.config.pseudonymKey, pseudonymized: run.pseudonymized },
        loadDate: run.createdAt.toISOString().slice(0, 10),
        maxRejectEntries: MAX_STORED_REJECTS,
        onRejects: (entries) => this.rejects.insertMany(run.id, entries),
        onProgress: (progress) => this.reportProgress(run.id, progress, context),
      });
      stats = file.stats;
      encoding = file.encoding;
      await this.staging.create({
        table,
        columns: definition.fields.map((f) => ({ name: f.name, sqlType: FIELD_KINDS[f.kind].sqlType })),
      });
      async function* guarded(): AsyncGenerator<string> {
        try {
          yield* file.copyChunks();
        } catch (error) {
          failure = error;
          throw error;
        }
      }
      await this.staging.copy({ table, columns: fieldNames(definition), csv: guarded() });
      const duplicates = await this.staging.rejectDuplicates({ table, runId: run.id, key: definition.key });
      const rejected = file.stats.rowsRejected + duplicates;
      this.assertLoadable(run, file.stats.rowsRead, rejected);
      await this.runs.inTransaction(async (tx) => {
        const counts = await merger.merge(tx, { runId: run.id, stagingTable: table, definition });
        await this.runs.complete(tx, {
          id: run.id,
          encoding: file.encoding,
          rowsRead: file.stats.rowsRead,
          rowsInserted: counts.inserted,
          rowsUpdated: counts.updated,
          rowsUnchanged: counts.unchanged,
          rowsRejected: rejected,
          bytesRead: file.stats.bytesRead,
          ignoredColumns: file.ignoredColumns,
        });
      });
    } catch (error) {
      const cause = failure ?? error;
      if (cause instanceof DomainError) {
        await this.runs.fail({
          id: run.id,
          error: cause.message,
          encoding: encoding ?? undefined,
          rowsRead: stats?.rowsRead,
          rowsRejected: stats?.rowsRejected,
          bytesRead: stats?.bytesRead,
        });
        await this.spool.remove(run.id);
        this.logger.warn({ msg: 'ingestion run failed', runId: run.id, reason: cause.message });
        return outcome((await this.runs.findById(run.id)) ?? run);
      }
      // Unexpected (database down, disk): the spooled file stays and the queue retries the job.
      await this.runs
        .fail({ id: run.id, error: `the load stopped unexpectedly (attempt ${context.attempt}); it is retried` })
        .catch(() => undefined);
      throw cause;
    } finally {
      await this.staging.drop(table).catch((error: unknown) => {
        this.logger.warn({ msg: 'staging table not dropped', runId: run.id, error: error instanceof Error ? error.message : String(error) });
      });
    }
    await this.spool.remove(run.id);
    const done = (await this.runs.findById(run.id)) ?? run;
    this.logger.log({
      msg: 'ingestion run completed',
      runId: run.id,
      read: done.rowsRead,
      inserted: done.rowsInserted,
      updated: done.rowsUpdated,
      unchanged: done.rowsUnchanged,
      rejected: done.rowsRejected,
    });
    return outcome(done, await this.enqueueFollowUps(done));
  }

  async getRun(id: string): Promise<IngestionRunDto> {
    const row = await this.runs.findById(id);
    if (!row) throw new NotFoundError(`Ingestion run ${id} not found`, { runId: id });
    return toDto(row);
  }

  async listRuns(query: ListIngestionsQuery): Promise<IngestionRunListDto> {
    const rows = await this.runs.list({ limit: query.limit, entity: query.entity });
    return { runs: rows.map(toDto) };
  }

  async listRejects(runId: string, query: ListRejectsQuery): Promise<IngestionRejectListDto> {
    await this.getRun(runId);
    const [rejects, total] = await Promise.all([
      this.rejects.list({ runId, limit: query.limit, offset: query.offset }),
      this.rejects.count(runId),
    ]);
    return { runId, total, rejects };
  }

  /** Rows rejected beyond the configured share mean a wrong file or format, not a few bad rows. */
  private assertLoadable(run: IngestionRunRow, rowsRead: number, rejected: number): void {
    if (rowsRead === 0) throw new ValidationError('the file has a header but no data rows', { file: run.fileName });
    const share = this.config.ingestMaxRejectShare;
    if (rejected === rowsRead || rejected > share * rowsRead) {
      const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;
      throw new ValidationError(
        `${rejected} of ${rowsRead} rows rejected (${percent(rejected / rowsRead)}, more than the ${percent(share)} allowed): ` +
          `this is probably not a ${run.entity} file in the expected format; see the rejects for the first problems`,
        { file: run.fileName },
      );
    }
  }

  private async reportProgress(runId: string, stats: FileReadStats, context: JobContext): Promise<void> {
    await this.runs.reportProgress({ id: runId, ...stats });
    await context.reportProgress({ ...stats, percent: percentOf(stats.bytesRead, stats.bytesTotal) });
  }

  /** Derived data recomputed after a load; the job id makes a repeated run enqueue it once. */
  private async enqueueFollowUps(run: IngestionRunRow): Promise<string[]> {
    if (run.entity !== 'customers') return [];
    return [
      await this.queue.enqueue(JobName.RetierCustomers, { reason: 'ingestion', runId: run.id }, { jobId: `retier-${run.id}` }),
    ];
  }
}

function parseEntity(value: string): IngestionEntity {
  const entity = INGESTION_ENTITIES.find((e) => e === value);
  if (!entity) throw new ValidationError(`unknown entity "${value}"`, { field: 'entity' });
  return entity;
}

function parseEncoding(value: string | null): IngestionEncoding {
  return value === 'utf-8' || value === 'gbk' || value === 'gb18030' ? value : 'auto';
}

function percentOf(done: number, total: number | null): number {
  if (!total || total <= 0) return 0;
  return Math.min(100, Math.floor((done / total) * 100));
}

function outcome(run: IngestionRunRow, followUpJobIds: string[] = []): IngestionOutcome {
  return { runId: run.id, status: run.status as IngestionRunStatus, error: run.error, followUpJobIds };
}

function toDto(row: IngestionRunRow): IngestionRunDto {
  const status = row.status as IngestionRunStatus;
  return {
    id: row.id,
    entity: parseEntity(row.entity),
    fileName: row.fileName,
    format: row.format,
    encoding: row.encoding,
    pseudonymized: row.pseudonymized,
    status,
    jobId: row.jobId,
    counts: {
      read: row.rowsRead,
      inserted: row.rowsInserted,
      updated: row.rowsUpdated,
      unchanged: row.rowsUnchanged,
      rejected: row.rowsRejected,
    },
    progress: {
      bytesRead: row.bytesRead,
      bytesTotal: row.bytesTotal,
      percent: status === 'completed' ? 100 : percentOf(row.bytesRead, row.bytesTotal),
    },
    ignoredColumns: row.ignoredColumns,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
