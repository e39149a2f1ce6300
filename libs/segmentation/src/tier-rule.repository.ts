import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DATABASE, queryRows, type Database } from '@banca/db';

export interface TierRuleSetRow {
  version: number;
  thresholds: Record<string, unknown>;
  effectiveFrom: string;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
}

interface RawTierRuleSetRow extends Record<string, unknown> {
  version: number;
  thresholds: Record<string, unknown>;
  effective_from: string;
  note: string | null;
  created_by: string | null;
  created_at: Date | string;
}

// Serialises the seeding of version 1 between processes starting together.
const SEED_LOCK_ID = 7_243_101;

const COLUMNS = sql`version, thresholds, effective_from::text AS effective_from, note, created_by, created_at`;

/**
 * Orders rule sets so the first is the one in force on `date`: the latest effective_from on or before it,
 * the highest version on a tie; when none has taken effect yet, the first version. Mirrors
 * `tierRuleVersionOn` of libs/domain.
 */
export function inForceOrder(alias: string, date: SQL): SQL {
  const r = sql.identifier(alias);
  return sql`(${r}.effective_from <= ${date}) DESC,
    CASE WHEN ${r}.effective_from <= ${date} THEN ${r}.effective_from END DESC,
    CASE WHEN ${r}.effective_from <= ${date} THEN ${r}.version ELSE -${r}.version END DESC`;
}

const toRow = (r: RawTierRuleSetRow): TierRuleSetRow => ({
  version: Number(r.version),
  thresholds: r.thresholds,
  effectiveFrom: r.effective_from,
  note: r.note,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
});

@Injectable()
export class TierRuleRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** The rule set in force today (see `inForceOrder`). */
  async findInForce(): Promise<TierRuleSetRow | null> {
    const [row] = await queryRows<RawTierRuleSetRow>(
      this.db,
      sql`SELECT ${COLUMNS} FROM tier_rule_sets r ORDER BY ${inForceOrder('r', sql`CURRENT_DATE`)} LIMIT 1`,
    );
    return row ? toRow(row) : null;
  }

  /** Every version, newest first, with the database's today (what "in force" is judged against). */
  async listAll(): Promise<{ rows: TierRuleSetRow[]; today: string }> {
    const rows = await queryRows<RawTierRuleSetRow>(this.db, sql`SELECT ${COLUMNS} FROM tier_rule_sets ORDER BY version DESC`);
    const [today] = await queryRows<{ d: string }>(this.db, sql`SELECT CURRENT_DATE::text AS d`);
    return { rows: rows.map(toRow), today: today?.d ?? '' };
  }

  async insert(params: { thresholds: Record<string, number>; effectiveFrom: string; note: string | null; createdBy: string | null }): Promise<TierRuleSetRow> {
    const [row] = await queryRows<RawTierRuleSetRow>(this.db, sql`
      INSERT INTO tier_rule_sets (thresholds, effective_from, note, created_by)
      VALUES (${JSON.stringify(params.thresholds)}::jsonb, ${params.effectiveFrom}::date, ${params.note}, ${params.createdBy}::uuid)
      RETURNING ${COLUMNS}`);
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return toRow(row);
  }

  /** Inserts the given thresholds, effective from the given date, only when no rule set exists at all. */
  async seedIfEmpty(params: { thresholds: Record<string, number>; effectiveFrom: string; note: string }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_ID})`);
      await tx.execute(sql`
        INSERT INTO tier_rule_sets (thresholds, effective_from, note)
        SELECT ${JSON.stringify(params.thresholds)}::jsonb, ${params.effectiveFrom}::date, ${params.note}
        WHERE NOT EXISTS (SELECT 1 FROM tier_rule_sets)`);
    });
  }
}
