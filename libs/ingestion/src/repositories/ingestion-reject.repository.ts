import { Inject, Injectable } from '@nestjs/common';
import { asc, count, eq } from 'drizzle-orm';
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

  async count(runId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(ingestionRejects).where(eq(ingestionRejects.runId, runId));
    return row?.n ?? 0;
  }
}
