import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { DATABASE, DATABASE_HANDLE, ingestionRuns, type Database, type DatabaseHandle, type Transaction } from '@banca/db';
import type { IngestionEntity, IngestionMapping, IngestionRunStatus } from '@banca/contracts';
import { raiseWorkMem } from './staging.repository';

export type IngestionRunRow = typeof ingestionRuns.$inferSelect;

export interface CreateRunParams {
  entity: IngestionEntity;
  fileName: string;
  format: string;
  encoding: string | null;
  mapping: IngestionMapping | null;
  pseudonymized: boolean;
  createdBy: string | null;
}

export interface RunProgressParams {
  id: string;
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
  rowsRejected: number;
  rowsSkipped: number;
}

export interface CompleteRunParams {
  id: string;
  format: string;
  encoding: string;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  rowsSkipped: number;
  bytesRead: number;
  ignoredColumns: string[];
  notes: string[];
}

export interface FailRunParams {
  id: string;
  error: string;
  format?: string;
  encoding?: string | null;
  rowsRead?: number;
  rowsRejected?: number;
  rowsSkipped?: number;
  bytesRead?: number;
}

@Injectable()
export class IngestionRunRepository {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(DATABASE_HANDLE) private readonly handle: DatabaseHandle,
  ) {}

  async create(params: CreateRunParams): Promise<IngestionRunRow> {
    const { mapping, ...rest } = params;
    const [row] = await this.db
      .insert(ingestionRuns)
      .values({ ...rest, mapping: mapping as Record<string, unknown> | null, status: 'queued' })
      .returning();
    return row!;
  }

  async findById(id: string): Promise<IngestionRunRow | null> {
    const [row] = await this.db.select().from(ingestionRuns).where(eq(ingestionRuns.id, id));
    return row ?? null;
  }

  async list(params: { limit: number; entity?: IngestionEntity }): Promise<IngestionRunRow[]> {
    return this.db
      .select()
      .from(ingestionRuns)
      .where(params.entity ? eq(ingestionRuns.entity, params.entity) : undefined)
      .orderBy(desc(ingestionRuns.createdAt), desc(ingestionRuns.id))
      .limit(params.limit);
  }

  /** Whether a run of the entity is waiting or loading (so demo data is not enqueued twice). */
  async hasPending(entity: IngestionEntity): Promise<boolean> {
    const pending: IngestionRunStatus[] = ['queued', 'running'];
    const rows = await this.db
      .select({ id: ingestionRuns.id })
      .from(ingestionRuns)
      .where(and(eq(ingestionRuns.entity, entity), inArray(ingestionRuns.status, pending)))
      .limit(1);
    return rows.length > 0;
  }

  async setJob(params: { id: string; jobId: string; bytesTotal: number }): Promise<void> {
    await this.db
      .update(ingestionRuns)
      .set({ jobId: params.jobId, bytesTotal: params.bytesTotal })
      .where(eq(ingestionRuns.id, params.id));
  }

  /** Starts (or restarts, on a retry) a run from zero: counts and error of an earlier attempt are cleared. */
  async start(params: { id: string; bytesTotal: number }): Promise<void> {
    await this.db
      .update(ingestionRuns)
      .set({
        status: 'running',
        startedAt: sql`now()`,
        finishedAt: null,
        error: null,
        bytesTotal: params.bytesTotal,
        bytesRead: 0,
        rowsRead: 0,
        rowsInserted: 0,
        rowsUpdated: 0,
        rowsUnchanged: 0,
        rowsRejected: 0,
        rowsSkipped: 0,
        ignoredColumns: [],
        notes: [],
      })
      .where(eq(ingestionRuns.id, params.id));
  }

  async reportProgress(params: RunProgressParams): Promise<void> {
    await this.db
      .update(ingestionRuns)
      .set({
        bytesRead: params.bytesRead,
        bytesTotal: params.bytesTotal,
        rowsRead: params.rowsRead,
        rowsRejected: params.rowsRejected,
        rowsSkipped: params.rowsSkipped,
      })
      .where(and(eq(ingestionRuns.id, params.id), eq(ingestionRuns.status, 'running')));
  }

  /** Records the outcome; runs in the merge's transaction so counts and canonical rows commit together. */
  async complete(tx: Transaction, params: CompleteRunParams): Promise<void> {
    const { id, ...counts } = params;
    await tx
      .update(ingestionRuns)
      .set({ ...counts, status: 'completed', error: null, finishedAt: sql`now()` })
      .where(eq(ingestionRuns.id, id));
  }

  async fail(params: FailRunParams): Promise<void> {
    const { id, error, ...counts } = params;
    const defined = Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== undefined));
    await this.db
      .update(ingestionRuns)
      .set({ ...defined, status: 'failed', error, finishedAt: sql`now()` })
      .where(eq(ingestionRuns.id, id));
  }

  /** A run's merge and its counts, committed together; on PostgreSQL its sorts and hash joins get bulk memory. */
  async inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await raiseWorkMem(this.handle, tx);
      return work(tx);
    });
  }
}
