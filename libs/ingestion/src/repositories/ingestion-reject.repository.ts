import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, eq, gt, or } from 'drizzle-orm';
import { DATABASE, ingestionRejects, type Database } from '@banca/db';

export interface RejectRow {
  line: number;
  field: string;
  value: string | null;
  reason: string;
}

@Injectable()
export class IngestionRejectRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insertMany(runId: string, rejects: readonly RejectRow[]): Promise<void> {
    if (rejects.length === 0) return;
    await this.db
      .insert(ingestionRejects)
      .values(rejects.map((r) => ({ runId, line: r.line, field: r.field, value: r.value, reason: r.reason })))
      .onConflictDoNothing();
  }

  async deleteForRun(runId: string): Promise<void> {
    await this.db.delete(ingestionRejects).where(eq(ingestionRejects.runId, runId));
  }

  async list(params: { runId: string; limit: number; offset: number }): Promise<RejectRow[]> {
    return this.db
      .select({
        line: ingestionRejects.line,
        field: ingestionRejects.field,
        value: ingestionRejects.value,
        reason: ingestionRejects.reason,
      })
      .from(ingestionRejects)
      .where(eq(ingestionRejects.runId, params.runId))
      .orderBy(asc(ingestionRejects.line), asc(ingestionRejects.field))
      .limit(params.limit)
      .offset(params.offset);
  }

  /** The rejects after (line, field), in that order: pages of an export that holds one page at a time. */
  async pageAfter(params: { runId: string; after: { line: number; field: string } | null; limit: number }): Promise<RejectRow[]> {
    const { after } = params;
    const position = after
      ? or(gt(ingestionRejects.line, after.line), and(eq(ingestionRejects.line, after.line), gt(ingestionRejects.field, after.field)))
      : undefined;
    return this.db
      .select({
        line: ingestionRejects.line,
        field: ingestionRejects.field,
        value: ingestionRejects.value,
        reason: ingestionRejects.reason,
      })
      .from(ingestionRejects)
      .where(and(eq(ingestionRejects.runId, params.runId), position))
      .orderBy(asc(ingestionRejects.line), asc(ingestionRejects.field))
      .limit(params.limit);
  }

  async count(runId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(ingestionRejects).where(eq(ingestionRejects.runId, runId));
    return row?.n ?? 0;
  }
}
