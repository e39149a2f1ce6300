import { basename, extname } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import { APP_CONFIG, type AppConfig } from '@banca/config';
import {
  INGESTION_ENTITIES,
  INGESTION_FORMATS,
  ingestionMappingSchema,
  type IngestionEncoding,
  type IngestionEntity,
  type IngestionFormat,
  type IngestionMapping,
  type IngestionRejectListDto,
  type IngestionRunDto,
  type IngestionRunListDto,
  type IngestionRunStatus,
  type ListIngestionsQuery,
  type ListRejectsQuery,
  type RejectPosition,
} from '@banca/contracts';
import { DomainError, NotFoundError, spreadsheetRow, ValidationError, type Actor } from '@banca/domain';
import { JOB_QUEUE_TOKEN, JobName, OnJob, type JobContext, type JobPayloads, type JobQueue } from '@banca/queue';
import { fieldNames } from './entities/entity-definition';
import { ENTITY_DEFINITIONS, EntityRegistry } from './entities/entity-registry';
import { checkMapping } from './pipeline/column-plan';
import { openEntityFile, type FileReadStats } from './pipeline/entity-file.reader';
import { FIELD_KINDS } from './pipeline/field-kinds';
import { formatOfFileName } from './pipeline/record-source';
import { IngestionRejectRepository } from './repositories/ingestion-reject.repository';
import { IngestionRunRepository, type IngestionRunRow } from './repositories/ingestion-run.repository';
import { StagingRepository } from './repositories/staging.repository';
import { SpoolStorage } from './spool.storage';

export interface CreateIngestionRunParams {
  entity: IngestionEntity;
  /** The name the file was sent under (kept for the run list; the content lives in the spool). */
  fileName: string;
  /** `auto` (default): by the file name's extension, else by its first bytes. */
  format?: IngestionFormat;
  encoding?: IngestionEncoding;
  /** How the partner's columns and values become the entity's fields (docs/mapping-files.md). */
  mapping?: IngestionMapping | null;
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
const REJECTS_CSV_PAGE = 1000;
/** Containers people send by mistake: refused with a hint rather than read as broken text. */
const UNREADABLE_EXTENSIONS: Record<string, string> = {
  '.xlsx': 'Excel workbooks are not read; save the sheet as CSV (UTF-8)',
  '.xls': 'Excel workbooks are not read; save the sheet as CSV (UTF-8)',
  '.zip': 'archives are not read; send the file inside',
  '.gz': 'compressed files are not read; send the file uncompressed',
  '.parquet': 'Parquet files are not read; send Arrow IPC, CSV or NDJSON',
};

/** A job and its payload, typed together (the payload of that job name). */
type FollowUpJob = { [N in JobName]: { name: N; payload: JobPayloads[N] } }[JobName];
type ScannedEntity = NonNullable<JobPayloads[JobName.ComplianceScan]['entity']>;

const retier = (runId: string): FollowUpJob => ({ name: JobName.RetierCustomers, payload: { reason: 'ingestion', runId } });
const complianceScan = (entity: ScannedEntity) => (runId: string): FollowUpJob => ({
  name: JobName.ComplianceScan,
  payload: { reason: 'ingestion', runId, entity },
});
type RollupEntity = NonNullable<JobPayloads[JobName.RefreshCampaignRollups]['entity']>;
const campaignRollups = (entity: RollupEntity) => (runId: string): FollowUpJob => ({
  name: JobName.RefreshCampaignRollups,
  payload: { reason: 'ingestion', runId, entity },
});

/**
 * Jobs recomputing what depends on an entity, enqueued once a load of it completes. Tiers are computed
 * from customers only; the compliance scan re-checks the sales a load of customers, sales or complaints
 * touched, and every sale after products or staff; the campaign figures rollup is refreshed for the
 * campaigns a load of what campaigns are measured on can touch; other derived data (segments, audiences)
 * is read live from the canonical tables.
 */
const FOLLOW_UP_JOBS: Partial<Record<IngestionEntity, readonly ((runId: string) => FollowUpJob)[]>> = {
  customers: [retier, complianceScan('customers'), campaignRollups('customers')],
  products: [complianceScan('products'), campaignRollups('products')],
  sales: [complianceScan('sales'), campaignRollups('sales')],
  complaints: [complianceScan('complaints'), campaignRollups('complaints')],
  staff: [complianceScan('staff')],
  campaign_events: [campaignRollups('campaign_events')],
  campaigns: [campaignRollups('campaigns')],
};

/** The rejects of one run as a CSV file: a header, then one record per reject (line or row, field, value, reason). */
export interface RejectsCsv {
  fileName: string;
  position: RejectPosition;
  content: AsyncIterable<string>;
}

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
    const unreadable = UNREADABLE_EXTENSIONS[extname(fileName).toLowerCase()];
    if (unreadable) throw new ValidationError(unreadable, { file: fileName });
    const mapping = params.mapping ?? null;
    if (mapping) checkMapping(ENTITY_DEFINITIONS[params.entity], mapping, fileName);
    const format = params.format && params.format !== 'auto' ? params.format : (formatOfFileName(fileName) ?? 'auto');
    const row = await this.runs.create({
      entity: params.entity,
      fileName,
      format,
      encoding: params.encoding ?? 'auto',
      mapping,
      pseudonymized: params.pseudonymized ?? false,
      createdBy: params.actor.userId,
    });
    const run = toDto(row);
    await this.audit.record({
      actor: params.actor,
      action: 'ingestion-run.create',
      entityType: 'ingestion-run',
      entityId: run.id,
      after: {
        entity: run.entity,
        fileName: run.fileName,
        format: run.format,
        encoding: run.encoding,
        pseudonymized: run.pseudonymized,
        mapping: run.mapping,
      },
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
    let format: string | undefined;
    let failure: unknown;
    try {
      const mapping = parseMapping(run.mapping);
      if (mapping) checkMapping(definition, mapping, run.fileName);
      const file = await openEntityFile({
        path: this.spool.pathFor(run.id),
        file: run.fileName,
        bytesTotal,
        definition,
        format: parseFormat(run.format),
        encoding: parseEncoding(run.encoding),
        mapping,
        parseContext: { pseudonymKey: this.config.pseudonymKey, pseudonymized: run.pseudonymized },
        loadDate: run.createdAt.toISOString().slice(0, 10),
        maxRejectEntries: MAX_STORED_REJECTS,
        onRejects: (entries) => this.rejects.insertMany(run.id, entries),
        onProgress: (progress) => this.reportProgress(run.id, progress, context),
      });
      stats = file.stats;
      encoding = file.encoding;
      format = file.format;
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
      const duplicates = await this.staging.rejectDuplicates({ table, runId: run.id, key: definition.key, position: file.position });
      const rejected = file.stats.rowsRejected + duplicates;
      this.assertLoadable(run, file.stats, rejected);
      await this.runs.inTransaction(async (tx) => {
        const counts = await merger.merge(tx, { runId: run.id, stagingTable: table, definition });
        await this.runs.complete(tx, {
          id: run.id,
          format: file.format,
          encoding: file.encoding,
          rowsRead: file.stats.rowsRead,
          rowsInserted: counts.inserted,
          rowsUpdated: counts.updated,
          rowsUnchanged: counts.unchanged,
          rowsRejected: rejected + (counts.rejected ?? 0),
          rowsSkipped: file.stats.rowsSkipped,
          bytesRead: file.stats.bytesRead,
          ignoredColumns: file.ignoredColumns(),
          notes: [...file.notes(), ...(counts.notes ?? [])],
        });
      });
    } catch (error) {
      const cause = failure ?? error;
      if (cause instanceof DomainError) {
        await this.runs.fail({
          id: run.id,
          error: cause.message,
          format,
          encoding: encoding ?? undefined,
          rowsRead: stats?.rowsRead,
          rowsRejected: stats?.rowsRejected,
          rowsSkipped: stats?.rowsSkipped,
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
      skipped: done.rowsSkipped,
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
    const run = await this.getRun(runId);
    const [rejects, total] = await Promise.all([
      this.rejects.list({ runId, limit: query.limit, offset: query.offset }),
      this.rejects.count(runId),
    ]);
    return { runId, position: positionOf(run.format), total, rejects };
  }

  /**
   * The run's rejects as a CSV file for spreadsheets (UTF-8 with BOM; cells that would start a formula
   * neutralised), read from the database one page at a time.
   */
  async rejectsCsv(runId: string): Promise<RejectsCsv> {
    const run = await this.getRun(runId);
    const position = positionOf(run.format);
    const rejects = this.rejects;
    async function* content(): AsyncGenerator<string> {
      yield `\uFEFF${spreadsheetRow([position, 'field', 'value', 'reason'])}`;
      let after: { line: number; field: string } | null = null;
      for (;;) {
        const page = await rejects.pageAfter({ runId, after, limit: REJECTS_CSV_PAGE });
        if (page.length > 0) yield page.map((r) => spreadsheetRow([r.line, r.field, r.value, r.reason])).join('');
        if (page.length < REJECTS_CSV_PAGE) return;
        after = page[page.length - 1]!;
      }
    }
    return { fileName: `rejects-${run.id}.csv`, position, content: content() };
  }

  /** Rows rejected beyond the configured share mean a wrong file or format, not a few bad rows. */
  private assertLoadable(run: IngestionRunRow, stats: FileReadStats, rejected: number): void {
    if (stats.rowsRead === 0) throw new ValidationError('the file has a header but no data rows', { file: run.fileName });
    const considered = stats.rowsRead - stats.rowsSkipped;
    if (considered === 0) {
      throw new ValidationError(`all ${stats.rowsRead} rows were left out by the mapping's where filter`, { file: run.fileName });
    }
    const share = this.config.ingestMaxRejectShare;
    if (rejected === considered || rejected > share * considered) {
      const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;
      throw new ValidationError(
        `${rejected} of ${considered} rows rejected (${percent(rejected / considered)}, more than the ${percent(share)} allowed): ` +
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
    const ids: string[] = [];
    for (const followUp of FOLLOW_UP_JOBS[parseEntity(run.entity)] ?? []) {
      const job = followUp(run.id);
      ids.push(await this.queue.enqueue(job.name, job.payload, { jobId: `${job.name}-${run.id}` }));
    }
    return ids;
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

function parseFormat(value: string | null): IngestionFormat {
  return INGESTION_FORMATS.find((f) => f === value) ?? 'auto';
}

function positionOf(format: string | null): RejectPosition {
  return format === 'arrow' ? 'row' : 'line';
}

/** The mapping stored on a run (checked when the run was created). */
function parseMapping(value: unknown): IngestionMapping | null {
  if (value === null || value === undefined) return null;
  const parsed = ingestionMappingSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError('the stored mapping is not valid; create the run again', { field: 'mapping' });
  return parsed.data;
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
      skipped: row.rowsSkipped,
    },
    progress: {
      bytesRead: row.bytesRead,
      bytesTotal: row.bytesTotal,
      percent: status === 'completed' ? 100 : percentOf(row.bytesRead, row.bytesTotal),
    },
    ignoredColumns: row.ignoredColumns,
    mapping: row.mapping === null ? null : (ingestionMappingSchema.safeParse(row.mapping).data ?? null),
    notes: row.notes,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
