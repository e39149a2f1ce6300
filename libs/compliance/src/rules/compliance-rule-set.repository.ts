import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DATABASE, queryRows, type Database } from '@banca/db';

export interface ComplianceRuleSetRow {
  version: number;
  settings: Record<string, unknown>;
  effectiveFrom: string;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
}

interface RawRuleSetRow extends Record<string, unknown> {
  version: number;
  settings: Record<string, unknown>;
  effective_from: string;
  note: string | null;
  created_by: string | null;
  created_at: Date | string;
}

// Serialises the seeding of version 1 between processes starting together.
const SEED_LOCK_ID = 7_243_201;

const COLUMNS = sql`version, settings, effective_from::text AS effective_from, note, created_by, created_at`;

const toRow = (r: RawRuleSetRow): ComplianceRuleSetRow => ({
  version: Number(r.version),
  settings: r.settings,
  effectiveFrom: r.effective_from,
  note: r.note,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
});

/** Compliance settings versions (compliance_rule_sets); the only code that reads or writes them. */
@Injectable()
export class ComplianceRuleSetRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Every version, oldest first, with the database's today (what "in force" is judged against). */
  async listAll(): Promise<{ rows: ComplianceRuleSetRow[]; today: string }> {
    const rows = await queryRows<RawRuleSetRow>(this.db, sql`SELECT ${COLUMNS} FROM compliance_rule_sets ORDER BY version`);
    const [today] = await queryRows<{ d: string }>(this.db, sql`SELECT CURRENT_DATE::text AS d`);
    return { rows: rows.map(toRow), today: today?.d ?? '' };
  }

  async insert(params: { settings: object; effectiveFrom: string; note: string | null; createdBy: string | null }): Promise<ComplianceRuleSetRow> {
    const [row] = await queryRows<RawRuleSetRow>(this.db, sql`
      INSERT INTO compliance_rule_sets (settings, effective_from, note, created_by)
      VALUES (${JSON.stringify(params.settings)}::jsonb, ${params.effectiveFrom}::date, ${params.note}, ${params.createdBy}::uuid)
      RETURNING ${COLUMNS}`);
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return toRow(row);
  }

  /** Inserts the given settings, effective from the given date, only when no version exists at all. */
  async seedIfEmpty(params: { settings: object; effectiveFrom: string; note: string }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_ID})`);
      await tx.execute(sql`
        INSERT INTO compliance_rule_sets (settings, effective_from, note)
        SELECT ${JSON.stringify(params.settings)}::jsonb, ${params.effectiveFrom}::date, ${params.note}
        WHERE NOT EXISTS (SELECT 1 FROM compliance_rule_sets)`);
    });
  }
}
