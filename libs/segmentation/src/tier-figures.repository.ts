import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DATABASE, queryRows, type Database } from '@banca/db';
import { BANK_PRODUCT_CATEGORIES, type Tier } from '@banca/domain';

/** Current region and branch of customers (alias `c`). */
export interface PlaceFilter {
  region?: string;
  branchCode?: string;
}

export interface TierBreakdownRow {
  key: string | null;
  hnw: number;
  middle: number;
  basic: number;
  total: number;
}

export interface MigrationRow {
  fromTier: Tier | 'new';
  toTier: Tier;
  customers: number;
}

export interface PenetrationRow {
  tier: Tier;
  customers: number;
  insured: number;
}

export interface CompletenessRow {
  tier: Tier | null;
  customers: number;
  householdAnnualIncome: number;
  monthlyIncome: number;
  income: number;
  investableAssets: number;
  riskLevel: number;
  any: number;
}

export interface ConsentRow {
  tier: Tier | null;
  customers: number;
  dataSharingGranted: number;
  dataSharingRefused: number;
  dataSharingUnknown: number;
  marketingGranted: number;
  marketingRefused: number;
  marketingUnknown: number;
}

function placeConditions(filter: PlaceFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.region !== undefined) conditions.push(sql`c.region = ${filter.region}`);
  if (filter.branchCode !== undefined) conditions.push(sql`c.branch_code = ${filter.branchCode}`);
  return conditions;
}

const whereAll = (conditions: SQL[]) => (conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``);

/** Filters rows of alias `x` (customer_id) by the customer's current place; nothing when unfiltered. */
function placeJoin(alias: string, filter: PlaceFilter): { join: SQL; where: SQL } {
  const conditions = placeConditions(filter);
  if (conditions.length === 0) return { join: sql``, where: sql`` };
  return { join: sql`JOIN customers c ON c.customer_id = ${sql.identifier(alias)}.customer_id`, where: whereAll(conditions) };
}

/** Each customer's tier from the snapshot in force on `date` (the latest as_of on or before it). */
const tierOn = (date: string) => sql`
  SELECT DISTINCT ON (h.customer_id) h.customer_id, h.tier
  FROM tier_history h
  WHERE h.as_of <= ${date}::date
  ORDER BY h.customer_id, h.as_of DESC`;

const int = (v: unknown) => Number(v ?? 0);

/** Figures of the Segments dashboard, each one set-based statement. */
@Injectable()
export class TierFiguresRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Current tiers per region or per branch, largest first. */
  async breakdown(params: { by: 'region' | 'branch'; region?: string }): Promise<TierBreakdownRow[]> {
    const key = params.by === 'region' ? sql`c.region` : sql`c.branch_code`;
    const rows = await queryRows<Record<string, unknown>>(this.db, sql`
      SELECT ${key} AS key,
        count(*) FILTER (WHERE t.tier = 'hnw')::int AS hnw,
        count(*) FILTER (WHERE t.tier = 'middle')::int AS middle,
        count(*) FILTER (WHERE t.tier = 'basic')::int AS basic,
        count(*)::int AS total
      FROM customer_tiers t
      JOIN customers c ON c.customer_id = t.customer_id
      ${whereAll(placeConditions({ region: params.region }))}
      GROUP BY 1
      ORDER BY total DESC, key NULLS LAST`);
    return rows.map((r) => ({
      key: r.key === null ? null : String(r.key),
      hnw: int(r.hnw),
      middle: int(r.middle),
      basic: int(r.basic),
      total: int(r.total),
    }));
  }

  /** Customers by (tier on `from`, tier on `to`); "new" when a customer had no snapshot by `from`. */
  async migration(params: { from: string; to: string } & PlaceFilter): Promise<MigrationRow[]> {
    const place = placeJoin('b', params);
    const rows = await queryRows<{ from_tier: Tier | 'new'; to_tier: Tier; customers: number }>(this.db, sql`
      WITH at_from AS (${tierOn(params.from)}),
      at_to AS (${tierOn(params.to)})
      SELECT coalesce(a.tier, 'new') AS from_tier, b.tier AS to_tier, count(*)::int AS customers
      FROM at_to b
      LEFT JOIN at_from a ON a.customer_id = b.customer_id
      ${place.join}
      ${place.where}
      GROUP BY 1, 2`);
    return rows.map((r) => ({ fromTier: r.from_tier, toTier: r.to_tier, customers: int(r.customers) }));
  }

  /**
   * Per tier on `at`: customers, and those holding an insurance sale then — sold on or before `at` and
   * still active, or ended (status_at) after it. An ended sale without a status date counts as ended.
   */
  async penetration(params: { at: string } & PlaceFilter): Promise<PenetrationRow[]> {
    const place = placeJoin('t', params);
    const bankCategories = sql.join(BANK_PRODUCT_CATEGORIES.map((c) => sql`${c}`), sql`, `);
    const rows = await queryRows<{ tier: Tier; customers: number; insured: number }>(this.db, sql`
      WITH tiered AS (${tierOn(params.at)}),
      insured AS (
        SELECT DISTINCT s.customer_id
        FROM sales s
        JOIN products p ON p.product_code = s.product_code
        WHERE p.category NOT IN (${bankCategories})
          AND s.sold_at <= ${params.at}::date
          AND (s.status = 'active' OR s.status_at > ${params.at}::date)
      )
      SELECT t.tier, count(*)::int AS customers, count(i.customer_id)::int AS insured
      FROM tiered t
      LEFT JOIN insured i ON i.customer_id = t.customer_id
      ${place.join}
      ${place.where}
      GROUP BY t.tier`);
    return rows.map((r) => ({ tier: r.tier, customers: int(r.customers), insured: int(r.insured) }));
  }

  /** Customers missing each input, per current tier (null: not tiered yet). */
  async completeness(filter: PlaceFilter): Promise<CompletenessRow[]> {
    const rows = await queryRows<Record<string, unknown>>(this.db, sql`
      SELECT t.tier,
        count(*)::int AS customers,
        count(*) FILTER (WHERE c.household_annual_income IS NULL)::int AS household_annual_income,
        count(*) FILTER (WHERE c.monthly_income IS NULL)::int AS monthly_income,
        count(*) FILTER (WHERE c.household_annual_income IS NULL AND c.monthly_income IS NULL)::int AS income,
        count(*) FILTER (WHERE c.investable_assets IS NULL)::int AS investable_assets,
        count(*) FILTER (WHERE c.risk_level IS NULL)::int AS risk_level,
        count(*) FILTER (WHERE (c.household_annual_income IS NULL AND c.monthly_income IS NULL)
          OR c.investable_assets IS NULL OR c.risk_level IS NULL)::int AS any_missing
      FROM customers c
      LEFT JOIN customer_tiers t ON t.customer_id = c.customer_id
      ${whereAll(placeConditions(filter))}
      GROUP BY t.tier`);
    return rows.map((r) => ({
      tier: (r.tier as Tier | null) ?? null,
      customers: int(r.customers),
      householdAnnualIncome: int(r.household_annual_income),
      monthlyIncome: int(r.monthly_income),
      income: int(r.income),
      investableAssets: int(r.investable_assets),
      riskLevel: int(r.risk_level),
      any: int(r.any_missing),
    }));
  }

  /** Consent flags per current tier (null: not tiered yet); unknown is NULL. */
  async consent(filter: PlaceFilter): Promise<ConsentRow[]> {
    const rows = await queryRows<Record<string, unknown>>(this.db, sql`
      SELECT t.tier,
        count(*)::int AS customers,
        count(*) FILTER (WHERE c.consent_data_sharing IS TRUE)::int AS ds_granted,
        count(*) FILTER (WHERE c.consent_data_sharing IS FALSE)::int AS ds_refused,
        count(*) FILTER (WHERE c.consent_data_sharing IS NULL)::int AS ds_unknown,
        count(*) FILTER (WHERE c.consent_marketing IS TRUE)::int AS mk_granted,
        count(*) FILTER (WHERE c.consent_marketing IS FALSE)::int AS mk_refused,
        count(*) FILTER (WHERE c.consent_marketing IS NULL)::int AS mk_unknown
      FROM customers c
      LEFT JOIN customer_tiers t ON t.customer_id = c.customer_id
      ${whereAll(placeConditions(filter))}
      GROUP BY t.tier`);
    return rows.map((r) => ({
      tier: (r.tier as Tier | null) ?? null,
      customers: int(r.customers),
      dataSharingGranted: int(r.ds_granted),
      dataSharingRefused: int(r.ds_refused),
      dataSharingUnknown: int(r.ds_unknown),
      marketingGranted: int(r.mk_granted),
      marketingRefused: int(r.mk_refused),
      marketingUnknown: int(r.mk_unknown),
    }));
  }

  async today(): Promise<string> {
    const [row] = await queryRows<{ d: string }>(this.db, sql`SELECT CURRENT_DATE::text AS d`);
    return row?.d ?? '';
  }
}
