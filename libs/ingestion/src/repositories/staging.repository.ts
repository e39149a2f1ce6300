import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DATABASE_HANDLE, queryRows, type DatabaseHandle, type Transaction } from '@banca/db';

export interface StagingColumn {
  name: string;
  sqlType: string;
}

/**
 * Memory for the sorts and hashes of the bulk statements of a transaction (the default is 4 MB): sorting
 * 200,000 staged customers takes about 60 MB, and spilling it to disk cost more than the sort. PostgreSQL
 * only: PGlite's memory is this process's, so there the sorts spill.
 */
export async function raiseWorkMem(handle: DatabaseHandle, tx: Transaction): Promise<void> {
  if (handle.kind === 'postgres') await tx.execute(sql.raw(`SET LOCAL work_mem = '256MB'`));
}

const RUN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Per-run staging tables: COPY lands the validated rows there, then one transaction merges them into the
 * canonical tables. Regular (unlogged) tables rather than temporary ones, since pooled connections and
 * workers do not share a session.
 */
@Injectable()
export class StagingRepository {
  constructor(@Inject(DATABASE_HANDLE) private readonly handle: DatabaseHandle) {}

  /** The staging table of a run; derived from the run id only, never from input. */
  tableFor(runId: string): string {
    if (!RUN_ID.test(runId)) throw new Error('run id is not a UUID');
    return `ingest_stage_${runId.replace(/-/g, '')}`;
  }

  /** (Re)creates the table empty: `line` (of the file) first, then the columns. */
  async create(params: { table: string; columns: readonly StagingColumn[] }): Promise<void> {
    await this.drop(params.table);
    const columns = params.columns.map((c) => sql`${sql.identifier(c.name)} ${sql.raw(c.sqlType)}`);
    await this.handle.rows(
      sql`CREATE UNLOGGED TABLE ${sql.identifier(params.table)} (line integer NOT NULL, ${sql.join(columns, sql`, `)})`,
    );
  }

  /** Bulk-loads CSV rows (`line` then the columns). */
  async copy(params: { table: string; columns: readonly string[]; csv: AsyncIterable<string> }): Promise<void> {
    await this.handle.copyFrom({ table: `"${params.table}"`, columns: ['line', ...params.columns], csv: params.csv });
  }

  /**
   * Of staged rows with the same key, keeps the one of the last line: the others are deleted and
   * recorded as rejects naming the line that is loaded instead. Returns how many were removed.
   *
   * The planner's statistics are refreshed first for the key columns only, which the grouping here and
   * the merge's joins use (the row count is refreshed all the same): a quarter of the time of all columns.
   */
  async rejectDuplicates(params: { table: string; runId: string; key: readonly string[]; position: 'line' | 'row' }): Promise<number> {
    const table = sql.identifier(params.table);
    const keyCols = sql.join(params.key.map((k) => sql.identifier(k)), sql`, `);
    const sameKey = sql.join(
      params.key.map((k) => sql`s.${sql.identifier(k)} = d.${sql.identifier(k)}`),
      sql` AND `,
    );
    const reason = `same ${params.key.join(' and ')} as ${params.position} `;
    const removed = await this.handle.db.transaction(async (tx) => {
      await raiseWorkMem(this.handle, tx);
      await tx.execute(sql`ANALYZE ${table} (${keyCols})`);
      return queryRows<{ removed: number }>(tx, sql`
        WITH removed AS (
          DELETE FROM ${table} s
          USING (SELECT ${keyCols}, max(line) AS kept FROM ${table} GROUP BY ${keyCols} HAVING count(*) > 1) d
          WHERE ${sameKey} AND s.line < d.kept
          RETURNING s.line, d.kept
        ), logged AS (
          INSERT INTO ingestion_rejects (run_id, line, field, value, reason)
          SELECT ${params.runId}::uuid, line, ${params.key[0] ?? 'row'}, NULL, ${reason} || kept || ', which is loaded instead'
          FROM removed
          ON CONFLICT DO NOTHING
        )
        SELECT count(*)::int AS removed FROM removed`);
    });
    return Number(removed[0]?.removed ?? 0);
  }

  async drop(table: string): Promise<void> {
    await this.handle.rows(sql`DROP TABLE IF EXISTS ${sql.identifier(table)}`);
  }
}
