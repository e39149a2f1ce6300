import { Inject, Injectable } from '@nestjs/common';
import { desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { DATABASE, queryRows, segments, type Database } from '@banca/db';
import type { Tier } from '@banca/domain';
import { ageSql } from './segment-rule.compiler';

export type SegmentRow = typeof segments.$inferSelect;

export interface SegmentWrite {
  name: string;
  description: string | null;
  rule: Record<string, unknown>;
}

export interface SegmentCounts {
  /** Matching customers with data-sharing consent. */
  members: number;
  /** Matching customers without it (refused or unknown). */
  excludedWithoutConsent: number;
  /** The database's today, the date ages were computed on. */
  asOf: string;
}

/** A member with the attributes a preview or an export shows. */
export interface SegmentMemberRow {
  customerId: string;
  tier: Tier | null;
  region: string | null;
  branchCode: string | null;
  gender: string | null;
  age: number | null;
  riskLevel: string | null;
  payroll: boolean | null;
  hasMortgage: boolean | null;
  consentMarketing: boolean | null;
  monthlyIncome: number | null;
  householdAnnualIncome: number | null;
  investableAssets: number | null;
}

// Cross-partner use needs data-sharing consent (DATA.md): segment members always have it.
const CONSENTED = sql`c.consent_data_sharing IS TRUE`;

const FROM_CUSTOMERS = sql`FROM customers c LEFT JOIN customer_tiers t ON t.customer_id = c.customer_id`;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const bool = (v: unknown) => (v === null || v === undefined ? null : Boolean(v));
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toMember(r: Record<string, unknown>): SegmentMemberRow {
  return {
    customerId: String(r.customer_id),
    tier: text(r.tier) as Tier | null,
    region: text(r.region),
    branchCode: text(r.branch_code),
    gender: text(r.gender),
    age: num(r.age),
    riskLevel: text(r.risk_level),
    payroll: bool(r.payroll),
    hasMortgage: bool(r.has_mortgage),
    consentMarketing: bool(r.consent_marketing),
    monthlyIncome: num(r.monthly_income),
    householdAnnualIncome: num(r.household_annual_income),
    investableAssets: num(r.investable_assets),
  };
}

@Injectable()
export class SegmentRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async list(): Promise<SegmentRow[]> {
    return this.db.select().from(segments).orderBy(desc(segments.updatedAt), segments.name);
  }

  async find(id: string): Promise<SegmentRow | null> {
    const [row] = await this.db.select().from(segments).where(eq(segments.id, id));
    return row ?? null;
  }

  /** The segments of these ids that exist. */
  async findMany(ids: readonly string[]): Promise<SegmentRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(segments).where(inArray(segments.id, [...ids]));
  }

  async insert(params: SegmentWrite & { createdBy: string | null }): Promise<SegmentRow> {
    const [row] = await this.db.insert(segments).values(params).returning();
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return row;
  }

  async update(id: string, params: SegmentWrite): Promise<SegmentRow | null> {
    const [row] = await this.db
      .update(segments)
      .set({ ...params, updatedAt: sql`now()` })
      .where(eq(segments.id, id))
      .returning();
    return row ?? null;
  }

  async delete(id: string): Promise<SegmentRow | null> {
    const [row] = await this.db.delete(segments).where(eq(segments.id, id)).returning();
    return row ?? null;
  }

  /** Customers matching a compiled rule (aliases c and t), split by data-sharing consent. */
  async count(rule: SQL): Promise<SegmentCounts> {
    const [row] = await queryRows<{ members: number; excluded: number; as_of: string }>(this.db, sql`
      SELECT count(*) FILTER (WHERE ${CONSENTED})::int AS members,
        count(*) FILTER (WHERE NOT (${CONSENTED}))::int AS excluded,
        CURRENT_DATE::text AS as_of
      ${FROM_CUSTOMERS}
      WHERE ${rule}`);
    return { members: Number(row?.members ?? 0), excludedWithoutConsent: Number(row?.excluded ?? 0), asOf: row?.as_of ?? '' };
  }

  /**
   * Members in pseudonym order, `limit` of them after `after` (keyset paging, so an export reads any
   * number of members in constant memory and each page is one indexed range scan).
   */
  async members(rule: SQL, page: { limit: number; after?: string }): Promise<SegmentMemberRow[]> {
    const after = page.after === undefined ? sql`` : sql`AND c.customer_id > ${page.after}`;
    const rows = await queryRows<Record<string, unknown>>(this.db, sql`
      SELECT c.customer_id, t.tier, c.region, c.branch_code, c.gender, ${ageSql()} AS age, c.risk_level,
        c.payroll, c.has_mortgage, c.consent_marketing, c.monthly_income, c.household_annual_income, c.investable_assets
      ${FROM_CUSTOMERS}
      WHERE ${rule} AND ${CONSENTED} ${after}
      ORDER BY c.customer_id
      LIMIT ${page.limit}`);
    return rows.map(toMember);
  }
}
