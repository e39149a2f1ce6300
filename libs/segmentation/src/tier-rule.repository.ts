import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DATABASE, queryRows, type Database } from '@banca/db';

export interface TierRuleSetRow {
  version: number;
  thresholds: Record<string, unknown>;
  effectiveFrom: string;
}

// Serialises the seeding of version 1 between processes starting together.
const SEED_LOCK_ID = 7_243_101;

@Injectable()
export class TierRuleRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The rule set in force: the latest effective_from on or before today (the highest version on a tie). */
  async findInForce(): Promise<TierRuleSetRow | null> {
    const [row] = await queryRows<{ version: number; thresholds: Record<string, unknown>; effective_from: string }>(
      this.db,
      sql`SELECT version, thresholds, effective_from::text AS effective_from FROM tier_rule_sets
          WHERE effective_from <= CURRENT_DATE
          ORDER BY effective_from DESC, version DESC
          LIMIT 1`,
    );
    return row ? { version: Number(row.version), thresholds: row.thresholds, effectiveFrom: row.effective_from } : null;
  }

  /** Inserts the given thresholds, effective today, only when no rule set exists at all. */
  async seedIfEmpty(params: { thresholds: Record<string, number>; note: string }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_ID})`);
      await tx.execute(sql`
        INSERT INTO tier_rule_sets (thresholds, effective_from, note)
        SELECT ${JSON.stringify(params.thresholds)}::jsonb, CURRENT_DATE, ${params.note}
        WHERE NOT EXISTS (SELECT 1 FROM tier_rule_sets)`);
    });
  }
}
