import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DATABASE, queryRows, type Database } from '@banca/db';
import type { Tier, TierThresholds } from '@banca/domain';

export interface RetierParams {
  ruleVersion: number;
  thresholds: TierThresholds;
}

export interface RetierCounts {
  /** Customers tiered. */
  customers: number;
  /** Snapshots whose tier was new or changed in tier_history. */
  historyChanged: number;
}

export interface TierCountFilter {
  region?: string;
  branchCode?: string;
}

export interface TierCountRow {
  tier: Tier;
  customers: number;
}

export interface TierComputation {
  ruleVersion: number;
  computedAt: Date;
}

const tierLiteral = (tier: Tier) => sql`${tier}::text`;

/**
 * The tier of a row with investable_assets and household_annual_income, mirroring `assignTier` of
 * libs/domain: first match wins, a NULL comparison is not a match (missing means unknown), basic is the
 * fallback. A spec checks both agree on generated data and the exact boundaries.
 */
export function tierCase(alias: string, t: TierThresholds): SQL {
  const a = sql.identifier(alias);
  return sql`CASE
    WHEN ${a}.investable_assets >= ${t.hnwInvestableAssets}::numeric THEN ${tierLiteral('hnw')}
    WHEN ${a}.household_annual_income >= ${t.middleHouseholdIncome}::numeric
      OR ${a}.investable_assets >= ${t.middleInvestableAssets}::numeric THEN ${tierLiteral('middle')}
    ELSE ${tierLiteral('basic')}
  END`;
}

@Injectable()
export class TierRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Recomputes every customer's tier (one statement) and the tier of every snapshot (one statement) with
   * the given rule set, in one transaction. Every customer_tiers row gets the same computed_at.
   */
  async retier(params: RetierParams): Promise<RetierCounts> {
    return this.db.transaction(async (tx) => {
      const [current] = await queryRows<{ n: number }>(tx, sql`
        WITH upserted AS (
          INSERT INTO customer_tiers (customer_id, tier, rule_version, as_of, computed_at)
          SELECT c.customer_id, ${tierCase('c', params.thresholds)}, ${params.ruleVersion}::int, c.as_of, now()
          FROM customers c
          ON CONFLICT (customer_id) DO UPDATE
            SET tier = EXCLUDED.tier, rule_version = EXCLUDED.rule_version, as_of = EXCLUDED.as_of,
                computed_at = EXCLUDED.computed_at
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM upserted`);
      await tx.execute(sql`
        DELETE FROM customer_tiers t WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = t.customer_id)`);
      const [history] = await queryRows<{ n: number }>(tx, sql`
        WITH changed AS (
          INSERT INTO tier_history (customer_id, as_of, tier, rule_version, computed_at)
          SELECT s.customer_id, s.as_of, ${tierCase('s', params.thresholds)}, ${params.ruleVersion}::int, now()
          FROM customer_snapshots s
          ON CONFLICT (customer_id, as_of) DO UPDATE
            SET tier = EXCLUDED.tier, rule_version = EXCLUDED.rule_version, computed_at = EXCLUDED.computed_at
            WHERE (tier_history.tier, tier_history.rule_version) IS DISTINCT FROM (EXCLUDED.tier, EXCLUDED.rule_version)
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM changed`);
      return { customers: Number(current?.n ?? 0), historyChanged: Number(history?.n ?? 0) };
    });
  }

  async countByTier(filter: TierCountFilter): Promise<TierCountRow[]> {
    const conditions: SQL[] = [];
    if (filter.region !== undefined) conditions.push(sql`c.region = ${filter.region}`);
    if (filter.branchCode !== undefined) conditions.push(sql`c.branch_code = ${filter.branchCode}`);
    const where = conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
    const rows = await queryRows<{ tier: Tier; customers: number }>(this.db, sql`
      SELECT t.tier, count(*)::int AS customers
      FROM customer_tiers t
      JOIN customers c ON c.customer_id = t.customer_id
      ${where}
      GROUP BY t.tier`);
    return rows.map((r) => ({ tier: r.tier, customers: Number(r.customers) }));
  }

  /** The last computation; every row of one re-tier carries the same version and time, so one row tells. */
  async lastComputation(): Promise<TierComputation | null> {
    const [row] = await queryRows<{ rule_version: number; computed_at: Date | string }>(
      this.db,
      sql`SELECT rule_version, computed_at FROM customer_tiers LIMIT 1`,
    );
    return row ? { ruleVersion: Number(row.rule_version), computedAt: new Date(row.computed_at) } : null;
  }

  async regions(): Promise<string[]> {
    const rows = await queryRows<{ region: string }>(
      this.db,
      sql`SELECT DISTINCT region FROM customers WHERE region IS NOT NULL ORDER BY region`,
    );
    return rows.map((r) => r.region);
  }
}
