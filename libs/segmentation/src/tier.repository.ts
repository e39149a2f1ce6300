import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DATABASE, queryRows, type Database } from '@banca/db';
import type { Tier, TierRuleVersion } from '@banca/domain';
import { inForceOrder } from './tier-rule.repository';

export interface RetierParams {
  /** Every rule version (validated); each snapshot is tiered with the one in force on its as_of. */
  versions: readonly TierRuleVersion[];
}

export interface RetierCounts {
  /** Customers tiered. */
  customers: number;
  /** The version current tiers were computed with: the one in force today. */
  ruleVersion: number;
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
 * The tier of a row with investable_assets and household_annual_income under the thresholds of a
 * rule_sets row, mirroring `assignTier` of libs/domain: first match wins, a NULL comparison is not a
 * match (missing means unknown), basic is the fallback. A spec checks both agree on generated data and
 * on the exact boundaries.
 */
export function tierCase(rowAlias: string, rulesAlias: string): SQL {
  const a = sql.identifier(rowAlias);
  const r = sql.identifier(rulesAlias);
  return sql`CASE
    WHEN ${a}.investable_assets >= ${r}.hnw_investable_assets THEN ${tierLiteral('hnw')}
    WHEN ${a}.household_annual_income >= ${r}.middle_household_income
      OR ${a}.investable_assets >= ${r}.middle_investable_assets THEN ${tierLiteral('middle')}
    ELSE ${tierLiteral('basic')}
  END`;
}

/** The rule versions as an inline table `rule_sets` (a handful of rows, bound as parameters). */
function ruleSetsCte(versions: readonly TierRuleVersion[]): SQL {
  const rows = versions.map(
    (v) => sql`(${v.version}::int, ${v.effectiveFrom}::date, ${v.thresholds.hnwInvestableAssets}::numeric,
      ${v.thresholds.middleHouseholdIncome}::numeric, ${v.thresholds.middleInvestableAssets}::numeric)`,
  );
  return sql`rule_sets (version, effective_from, hnw_investable_assets, middle_household_income, middle_investable_assets)
    AS (VALUES ${sql.join(rows, sql`, `)})`;
}

/** The rule_sets row in force on `date` (see `inForceOrder`). */
const ruleSetOn = (date: SQL) => sql`(SELECT * FROM rule_sets r ORDER BY ${inForceOrder('r', date)} LIMIT 1)`;

@Injectable()
export class TierRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Recomputes, in one transaction, every customer's current tier with the version in force today (one
   * statement) and every snapshot's tier with the version in force on its as_of, so tier history
   * reflects the rules as they were (one statement). Every customer_tiers row gets the same computed_at.
   */
  async retier(params: RetierParams): Promise<RetierCounts> {
    if (params.versions.length === 0) throw new Error('retier needs at least one tier rule version');
    const rules = ruleSetsCte(params.versions);
    return this.db.transaction(async (tx) => {
      const [current] = await queryRows<{ n: number; rule_version: number }>(tx, sql`
        WITH ${rules},
        today AS ${ruleSetOn(sql`CURRENT_DATE`)},
        upserted AS (
          INSERT INTO customer_tiers (customer_id, tier, rule_version, as_of, computed_at)
          SELECT c.customer_id, ${tierCase('c', 'r')}, r.version, c.as_of, now()
          FROM customers c CROSS JOIN today r
          ON CONFLICT (customer_id) DO UPDATE
            SET tier = EXCLUDED.tier, rule_version = EXCLUDED.rule_version, as_of = EXCLUDED.as_of,
                computed_at = EXCLUDED.computed_at
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM upserted)::int AS n, (SELECT version FROM today) AS rule_version`);
      await tx.execute(sql`
        DELETE FROM customer_tiers t WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = t.customer_id)`);
      const [history] = await queryRows<{ n: number }>(tx, sql`
        WITH ${rules},
        dated AS (
          SELECT d.as_of, r.* FROM (SELECT DISTINCT as_of FROM customer_snapshots) d
          CROSS JOIN LATERAL ${ruleSetOn(sql`d.as_of`)} r
        ),
        changed AS (
          INSERT INTO tier_history (customer_id, as_of, tier, rule_version, computed_at)
          SELECT s.customer_id, s.as_of, ${tierCase('s', 'r')}, r.version, now()
          FROM customer_snapshots s JOIN dated r ON r.as_of = s.as_of
          ON CONFLICT (customer_id, as_of) DO UPDATE
            SET tier = EXCLUDED.tier, rule_version = EXCLUDED.rule_version, computed_at = EXCLUDED.computed_at
            WHERE (tier_history.tier, tier_history.rule_version) IS DISTINCT FROM (EXCLUDED.tier, EXCLUDED.rule_version)
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM changed`);
      await tx.execute(sql`
        DELETE FROM tier_history h
        WHERE NOT EXISTS (SELECT 1 FROM customer_snapshots s WHERE s.customer_id = h.customer_id AND s.as_of = h.as_of)`);
      return {
        customers: Number(current?.n ?? 0),
        ruleVersion: Number(current?.rule_version),
        historyChanged: Number(history?.n ?? 0),
      };
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
