import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DATABASE_HANDLE, queryRows, type DatabaseHandle, type Transaction } from '@banca/db';
import { PERSISTENCY_MONTHS } from '@banca/domain';

/** What an ingestion run loaded, as the RefreshCampaignRollups payload names it. */
export type RollupEntity = 'customers' | 'products' | 'sales' | 'complaints' | 'campaign_events' | 'campaigns';

/** Months of the retention curves: persistency from each sale, AUM from the campaign start. */
export const RETENTION_CURVE_MONTHS = 24;

/** Advisory lock class of a campaign's rollup (second key: hashtext of the code): one refresh of a campaign at a time. */
const ROLLUP_LOCK_CLASS = 7_243_005;

/** The rollup of one campaign, rebuilt. */
export interface CampaignRollupCounts {
  members: number;
}

/** The customers a run wrote, per entity: a CTE `touched (customer_id, at)` (at: the row's date, or null). */
function touchedCustomers(entity: 'sales' | 'complaints' | 'customers', runId: string): SQL {
  const run = sql`${runId}::uuid`;
  switch (entity) {
    case 'sales':
      return sql`SELECT customer_id, sold_at AS at FROM sales WHERE source_run_id = ${run}`;
    case 'complaints':
      return sql`SELECT customer_id, received_at AS at FROM complaints WHERE source_run_id = ${run}`;
    case 'customers':
      return sql`
        SELECT customer_id, NULL::date AS at FROM customer_snapshots WHERE source_run_id = ${run}
        UNION
        SELECT customer_id, NULL::date FROM customers WHERE source_run_id = ${run}`;
  }
}

/**
 * Whether a run's row dated `h.at` can change campaign `c`'s figures. Sales: any sale up to the window end
 * (sales before the start decide the penetration before). Complaints: received in the window. Customers:
 * snapshots of any date (AUM at the start and after, tier and region of imported campaigns).
 */
function touchesWindow(entity: 'sales' | 'complaints' | 'customers'): SQL {
  switch (entity) {
    case 'sales':
      return sql`h.at <= c.end_date + c.attribution_days`;
    case 'complaints':
      return sql`h.at BETWEEN c.start_date AND c.end_date + c.attribution_days`;
    case 'customers':
      return sql`true`;
  }
}

const codesOf = (rows: { campaign_code: string }[]) => rows.map((r) => String(r.campaign_code)).sort();

/**
 * The campaign figures rollup (DATA.md metric definitions): per campaign, member facts, figures by
 * dimension and by period, and retention curves, each rebuilt with one set-based statement.
 */
@Injectable()
export class CampaignRollupRepository {
  constructor(@Inject(DATABASE_HANDLE) private readonly handle: DatabaseHandle) {}

  private get db() {
    return this.handle.db;
  }

  /** Every campaign's code. */
  async allCampaignCodes(): Promise<string[]> {
    return codesOf(await queryRows<{ campaign_code: string }>(this.db, sql`SELECT campaign_code FROM campaigns`));
  }

  /** Codes of these that exist. */
  async existingCampaignCodes(codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const list = sql.join(codes.map((c) => sql`${c}::text`), sql`, `);
    return codesOf(await queryRows<{ campaign_code: string }>(this.db, sql`SELECT campaign_code FROM campaigns WHERE campaign_code IN (${list})`));
  }

  /** The entity an ingestion run loaded, or null for an unknown run. */
  async runEntity(runId: string): Promise<string | null> {
    const [row] = await queryRows<{ entity: string }>(this.db, sql`SELECT entity FROM ingestion_runs WHERE id = ${runId}::uuid`);
    return row ? String(row.entity) : null;
  }

  /**
   * The campaigns whose figures a run can have changed (incremental at campaign granularity), or null
   * when that cannot be told (unknown run): refresh all then.
   * - sales, complaints, customers: campaigns with a customer the run wrote in their audience (members
   *   not excluded; for imported campaigns, customers with an event), dated as `touchesWindow` says;
   * - campaign_events: the campaigns of the run's events in the window of an audience customer (any date
   *   for an imported campaign, whose audience and arms the events are);
   * - products: campaigns offering a product the run wrote, or offering one of its category (penetration);
   * - campaigns: the imported campaigns the run wrote.
   * Products and campaigns carry no source_run_id: rows changed since the run started are taken (the
   * upsert touches updated_at of changed rows only), which can only add campaigns, never miss one.
   */
  async campaignsTouchedByRun(runId: string, entity: RollupEntity): Promise<string[] | null> {
    const run = sql`${runId}::uuid`;
    const [started] = await queryRows<{ started_at: string | null }>(
      this.db,
      sql`SELECT started_at::text AS started_at FROM ingestion_runs WHERE id = ${run}`,
    );
    if (!started) return null;
    if (entity === 'campaigns' || entity === 'products') {
      if (started.started_at === null) return null;
      const since = sql`${started.started_at}::timestamptz`;
      if (entity === 'campaigns') {
        return codesOf(await queryRows<{ campaign_code: string }>(this.db, sql`
          SELECT campaign_code FROM campaigns WHERE origin = 'imported' AND updated_at >= ${since}`));
      }
      return codesOf(await queryRows<{ campaign_code: string }>(this.db, sql`
        WITH changed AS MATERIALIZED (SELECT product_code, category FROM products WHERE updated_at >= ${since})
        SELECT c.campaign_code
        FROM campaigns c
        WHERE c.product_codes && ARRAY(SELECT product_code FROM changed)
          OR EXISTS (
            SELECT 1 FROM products o JOIN changed x ON x.category = o.category
            WHERE o.product_code = ANY (c.product_codes))`));
    }
    if (entity === 'campaign_events') {
      return codesOf(await queryRows<{ campaign_code: string }>(this.db, sql`
        SELECT DISTINCT c.campaign_code
        FROM campaign_events e
        JOIN campaigns c ON c.campaign_code = e.campaign_code
        WHERE e.source_run_id = ${run}
          AND (c.origin = 'imported'
            OR (e.occurred_at BETWEEN c.start_date AND c.end_date + c.attribution_days
              AND EXISTS (
                SELECT 1 FROM audience_members m
                WHERE m.customer_id = e.customer_id AND m.campaign_code = e.campaign_code AND m."group" <> 'excluded')))`));
    }
    return codesOf(await queryRows<{ campaign_code: string }>(this.db, sql`
      WITH touched AS MATERIALIZED (${touchedCustomers(entity, runId)}),
      hits AS (
        SELECT m.campaign_code, t.at
        FROM touched t
        JOIN audience_members m ON m.customer_id = t.customer_id AND m."group" <> 'excluded'
        UNION ALL
        SELECT e.campaign_code, t.at
        FROM touched t
        JOIN campaign_events e ON e.customer_id = t.customer_id
        JOIN campaigns i ON i.campaign_code = e.campaign_code AND i.origin = 'imported'
      )
      SELECT DISTINCT c.campaign_code
      FROM hits h
      JOIN campaigns c ON c.campaign_code = h.campaign_code
      WHERE ${touchesWindow(entity)}`));
  }

  /**
   * Rebuilds one campaign's rollup in one transaction (the campaign's rows are replaced, never mixed with a
   * half-built set): member facts, figures, figures by period, retention curves and the rollup state. A
   * campaign that no longer exists loses its rollup (null). `today` is the as-of date of persistency,
   * AUM and penetration after; nothing else derives from the clock but `refreshed_at`.
   */
  async rebuild(params: { campaignCode: string; reason: string; today: string; startedAt: number }): Promise<CampaignRollupCounts | null> {
    const code = params.campaignCode;
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK_CLASS}::int, hashtext(${code}::text))`);
      if (this.handle.kind === 'postgres') {
        await tx.execute(sql.raw(`SET LOCAL work_mem = '256MB'`));
        await tx.execute(sql.raw(`SET LOCAL jit = off`));
      }
      for (const table of ['campaign_member_facts', 'campaign_figures', 'campaign_figures_by_period', 'campaign_retention_curve']) {
        await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE campaign_code = ${code}`);
      }
      const found = await this.stageCampaign(tx, code, params.today);
      if (!found) {
        await tx.execute(sql`DELETE FROM campaign_rollup_state WHERE campaign_code = ${code}`);
        return null;
      }
      await this.stageAudience(tx, code, found.origin);
      await this.stageOutcomes(tx, code);
      const members = await this.insertMemberFacts(tx, code);
      await this.insertFigures(tx, code);
      await this.insertFiguresByPeriod(tx, code);
      await this.insertRetentionCurves(tx, code);
      await tx.execute(sql`
        INSERT INTO campaign_rollup_state (campaign_code, refreshed_at, reason, duration_ms, members)
        VALUES (${code}, now(), ${params.reason}, ${Math.max(0, Math.round(Date.now() - params.startedAt))}::int, ${members}::int)
        ON CONFLICT (campaign_code) DO UPDATE SET
          refreshed_at = EXCLUDED.refreshed_at, reason = EXCLUDED.reason,
          duration_ms = EXCLUDED.duration_ms, members = EXCLUDED.members`);
      return { members };
    });
  }

  /**
   * `rollup_campaign`: the one row of dates every statement reads. W = [start, window_end]; after_date =
   * min(window end, today) is the "end" of AUM retention and penetration after; assets_until the last
   * date a snapshot is read for (the AUM end and the curve's months, at most RETENTION_CURVE_MONTHS).
   */
  private async stageCampaign(tx: Transaction, code: string, today: string): Promise<{ origin: string } | null> {
    await tx.execute(sql`
      CREATE TEMP TABLE rollup_campaign ON COMMIT DROP AS
      SELECT c.campaign_code, c.origin, c.start_date, (c.end_date + c.attribution_days) AS window_end,
        ${today}::date AS today,
        least(c.end_date + c.attribution_days, ${today}::date) AS after_date,
        greatest(
          c.start_date,
          least(c.end_date + c.attribution_days, ${today}::date),
          least(${today}::date, (c.start_date + make_interval(months => ${RETENTION_CURVE_MONTHS}::int))::date)
        ) AS assets_until,
        c.product_codes,
        ARRAY(SELECT DISTINCT p.category FROM products p WHERE p.product_code = ANY (c.product_codes)) AS categories
      FROM campaigns c
      WHERE c.campaign_code = ${code}`);
    const [row] = await queryRows<{ origin: string }>(tx, sql`SELECT origin FROM rollup_campaign`);
    return row ? { origin: String(row.origin) } : null;
  }

  /**
   * `rollup_audience (customer_id, arm, tier, branch_code, region)`. Launched campaigns: the members not
   * excluded, with tier, branch and region at launch. Imported ones (DATA.md): every customer with an event
   * of the campaign, in the holdout if an event says so, with today's tier, branch and region.
   */
  private async stageAudience(tx: Transaction, code: string, origin: string): Promise<void> {
    const audience =
      origin === 'imported'
        ? sql`
          SELECT e.customer_id, e.arm, t.tier, cu.branch_code, cu.region
          FROM (
            SELECT customer_id, CASE WHEN bool_or("group" = 'holdout') THEN 'holdout' ELSE 'treatment' END AS arm
            FROM campaign_events
            WHERE campaign_code = ${code}
            GROUP BY customer_id
          ) e
          LEFT JOIN customer_tiers t ON t.customer_id = e.customer_id
          LEFT JOIN customers cu ON cu.customer_id = e.customer_id`
        : sql`
          SELECT m.customer_id, m."group" AS arm, m.tier, m.branch_code, m.region
          FROM audience_members m
          WHERE m.campaign_code = ${code} AND m."group" <> 'excluded'`;
    await tx.execute(sql`CREATE TEMP TABLE rollup_audience ON COMMIT DROP AS ${audience}`);
    await tx.execute(sql`ANALYZE rollup_audience`);
  }

  /**
   * What the audience did, each read once from its table:
   * - `rollup_events`: each customer's first event of each kind in W (its date and channel);
   * - `rollup_sales`: the customer's sales that convert (an offered product sold in W) or decide
   *   penetration (an offered product's category sold by the after date), with per-sale measures: the
   *   annualised premium (monthly × 12, the sale's mode else the product's: `annualisedPremium` of
   *   libs/domain), fee income = premium × fee_rate rounded to the fen (no fee rate: 0), cancelled within
   *   the cooling-off days (an unknown cancellation date counts, as the COOLING_OFF_CANCELLED rule does),
   *   surrendered, and 13-month persistency (regular premium; due when sold 13 months before today;
   *   active when still active or ended after those 13 months);
   * - `rollup_complaints`: complaints received in W;
   * - `rollup_asset_points (customer_id, month, investable_assets)`: the snapshot in force (latest as_of ≤
   *   the date) at month -1 = the after date (when not before the start) and at months 0.. = start + month
   *   months (0 always, the others up to today): each snapshot's interval [as_of, next as_of) joined to
   *   the few dates, so the snapshots are read and sorted once.
   * Sorts by customer use COLLATE "C" (byte order is enough for grouping; locale comparison is slow).
   */
  private async stageOutcomes(tx: Transaction, code: string): Promise<void> {
    await tx.execute(sql`
      CREATE TEMP TABLE rollup_events ON COMMIT DROP AS
      SELECT DISTINCT ON (e.customer_id COLLATE "C", e.event) e.customer_id, e.event, e.occurred_at, e.channel
      FROM campaign_events e
      JOIN rollup_audience a ON a.customer_id = e.customer_id
      CROSS JOIN rollup_campaign w
      WHERE e.campaign_code = ${code}
        AND e.event IN ('contacted', 'responded', 'offer_redeemed', 'opted_out')
        AND e.occurred_at BETWEEN w.start_date AND w.window_end
      ORDER BY e.customer_id COLLATE "C", e.event, e.occurred_at`);

    const persistencyDate = sql`(s.sold_at + make_interval(months => ${PERSISTENCY_MONTHS}::int))::date`;
    await tx.execute(sql`
      CREATE TEMP TABLE rollup_sales ON COMMIT DROP AS
      SELECT x.*,
        round(x.premium * x.fee_rate, 2) AS fee_income
      FROM (
        SELECT s.customer_id, s.sale_id, s.sold_at, s.channel, s.staff_code, s.product_code, s.status, s.status_at,
          (s.product_code = ANY (w.product_codes) AND s.sold_at BETWEEN w.start_date AND w.window_end) AS converting,
          CASE WHEN coalesce(s.premium_mode, p.premium_mode) = 'monthly' THEN s.amount * 12 ELSE s.amount END AS premium,
          coalesce(p.fee_rate, 0) AS fee_rate,
          (s.status = 'cancelled_cooling_off'
            AND (s.status_at IS NULL OR coalesce(s.status_at - s.sold_at <= p.cooling_off_days, false))) AS cooled_off,
          (s.status = 'surrendered') AS surrendered,
          coalesce(coalesce(s.premium_mode, p.premium_mode) IN ('annual', 'monthly'), false) AS regular,
          (${persistencyDate} <= w.today) AS persistency_due,
          (s.status = 'active' OR coalesce(s.status_at > ${persistencyDate}, false)) AS persistency_active,
          coalesce(p.category = ANY (w.categories) AND s.sold_at < w.start_date
            AND (s.status = 'active' OR coalesce(s.status_at > w.start_date, false)), false) AS held_before,
          coalesce(p.category = ANY (w.categories) AND s.sold_at <= w.after_date
            AND (s.status = 'active' OR coalesce(s.status_at > w.after_date, false)), false) AS held_after
        FROM sales s
        JOIN rollup_audience a ON a.customer_id = s.customer_id
        CROSS JOIN rollup_campaign w
        LEFT JOIN products p ON p.product_code = s.product_code
        WHERE (s.product_code = ANY (w.product_codes) AND s.sold_at BETWEEN w.start_date AND w.window_end)
          OR (p.category = ANY (w.categories) AND s.sold_at <= w.after_date)
      ) x`);

    await tx.execute(sql`
      CREATE TEMP TABLE rollup_complaints ON COMMIT DROP AS
      SELECT c.customer_id, c.received_at, c.channel, coalesce(c.category = 'mis_selling', false) AS mis_selling
      FROM complaints c
      JOIN rollup_audience a ON a.customer_id = c.customer_id
      CROSS JOIN rollup_campaign w
      WHERE c.received_at BETWEEN w.start_date AND w.window_end`);

    await tx.execute(sql`
      CREATE TEMP TABLE rollup_asset_points ON COMMIT DROP AS
      WITH points AS (
        SELECT -1 AS month, w.after_date AS at FROM rollup_campaign w WHERE w.after_date >= w.start_date
        UNION ALL
        SELECT m.month, (w.start_date + make_interval(months => m.month))::date
        FROM rollup_campaign w
        CROSS JOIN generate_series(0, ${RETENTION_CURVE_MONTHS}::int) AS m (month)
        WHERE m.month = 0 OR (w.start_date + make_interval(months => m.month))::date <= w.today
      ),
      intervals AS (
        SELECT x.customer_id, x.as_of, x.investable_assets,
          coalesce(lead(x.as_of) OVER (PARTITION BY x.customer_id COLLATE "C" ORDER BY x.as_of), 'infinity'::date) AS until
        FROM customer_snapshots x
        JOIN rollup_audience a ON a.customer_id = x.customer_id
        CROSS JOIN rollup_campaign w
        WHERE x.as_of <= w.assets_until
      )
      SELECT i.customer_id, p.month, i.investable_assets
      FROM intervals i
      JOIN points p ON p.at >= i.as_of AND p.at < i.until`);
    for (const table of ['rollup_events', 'rollup_sales', 'rollup_asset_points']) await tx.execute(sql`ANALYZE ${sql.identifier(table)}`);
  }

  /**
   * One row per audience member (the grain of every figure). The first converting sale is the earliest by
   * date, then sale id; the AUM pair is the investable assets of the snapshot in force at the start and at
   * the after date (none when that is before the start).
   */
  private async insertMemberFacts(tx: Transaction, code: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(tx, sql`
      WITH inserted AS (
        INSERT INTO campaign_member_facts (campaign_code, customer_id, arm, tier, branch_code, region,
          contacted_on, responded_on, redeemed_on, opted_out_on,
          first_converted_on, convert_channel, convert_staff, convert_product,
          sales, premium, fee_income, cooling_off_cancelled, surrendered,
          persistency_due, persistency_active, persistency_due_premium, persistency_active_premium,
          complaints, mis_selling_complaints, aum_start, aum_end, held_before, held_after)
        SELECT ${code}, a.customer_id, a.arm, a.tier, a.branch_code, a.region,
          ev.contacted_on, ev.responded_on, ev.redeemed_on, ev.opted_out_on,
          fc.sold_at, fc.channel, fc.staff_code, fc.product_code,
          coalesce(sa.sales, 0), coalesce(sa.premium, 0), coalesce(sa.fee_income, 0),
          coalesce(sa.cooled_off, 0), coalesce(sa.surrendered, 0),
          coalesce(sa.persistency_due, 0), coalesce(sa.persistency_active, 0),
          coalesce(sa.persistency_due_premium, 0), coalesce(sa.persistency_active_premium, 0),
          coalesce(co.complaints, 0), coalesce(co.mis_selling, 0),
          s0.investable_assets, s1.investable_assets,
          coalesce(sa.held_before, false), coalesce(sa.held_after, false)
        FROM rollup_audience a
        LEFT JOIN (
          SELECT customer_id,
            min(occurred_at) FILTER (WHERE event = 'contacted') AS contacted_on,
            min(occurred_at) FILTER (WHERE event = 'responded') AS responded_on,
            min(occurred_at) FILTER (WHERE event = 'offer_redeemed') AS redeemed_on,
            min(occurred_at) FILTER (WHERE event = 'opted_out') AS opted_out_on
          FROM rollup_events
          GROUP BY customer_id
        ) ev ON ev.customer_id = a.customer_id
        LEFT JOIN (
          SELECT DISTINCT ON (customer_id COLLATE "C") customer_id, sold_at, channel, staff_code, product_code
          FROM rollup_sales
          WHERE converting
          ORDER BY customer_id COLLATE "C", sold_at, sale_id
        ) fc ON fc.customer_id = a.customer_id
        LEFT JOIN (
          SELECT customer_id,
            count(*) FILTER (WHERE converting)::int AS sales,
            sum(premium) FILTER (WHERE converting) AS premium,
            sum(fee_income) FILTER (WHERE converting) AS fee_income,
            count(*) FILTER (WHERE converting AND cooled_off)::int AS cooled_off,
            count(*) FILTER (WHERE converting AND surrendered)::int AS surrendered,
            count(*) FILTER (WHERE converting AND regular AND persistency_due)::int AS persistency_due,
            count(*) FILTER (WHERE converting AND regular AND persistency_due AND persistency_active)::int AS persistency_active,
            sum(premium) FILTER (WHERE converting AND regular AND persistency_due) AS persistency_due_premium,
            sum(premium) FILTER (WHERE converting AND regular AND persistency_due AND persistency_active) AS persistency_active_premium,
            bool_or(held_before) AS held_before,
            bool_or(held_after) AS held_after
          FROM rollup_sales
          GROUP BY customer_id
        ) sa ON sa.customer_id = a.customer_id
        LEFT JOIN (
          SELECT customer_id, count(*)::int AS complaints, count(*) FILTER (WHERE mis_selling)::int AS mis_selling
          FROM rollup_complaints
          GROUP BY customer_id
        ) co ON co.customer_id = a.customer_id
        LEFT JOIN rollup_asset_points s0 ON s0.customer_id = a.customer_id AND s0.month = 0
        LEFT JOIN rollup_asset_points s1 ON s1.customer_id = a.customer_id AND s1.month = -1
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM inserted`);
    return Number(row?.n ?? 0);
  }

  /**
   * campaign_figures from the member facts, one pass with GROUPING SETS. Customer dimensions (tier, branch,
   * region) split each arm by the member's value. Sale dimensions (channel, staff, product) group the
   * converted members by their first converting sale's value — every measure but `customers` counts those
   * converted members only — while `customers` is the whole arm (the denominator of the conversion rate).
   * key '' is "not recorded"; an arm without members has no rows.
   */
  private async insertFigures(tx: Transaction, code: string): Promise<void> {
    const bothAum = sql`aum_start IS NOT NULL AND aum_end IS NOT NULL`;
    await tx.execute(sql`
      WITH f AS (
        SELECT mf.*,
          coalesce(mf.tier, '') AS k_tier,
          coalesce(mf.branch_code, '') AS k_branch,
          coalesce(mf.region, '') AS k_region,
          CASE WHEN mf.first_converted_on IS NOT NULL THEN coalesce(mf.convert_channel, '') END AS k_channel,
          CASE WHEN mf.first_converted_on IS NOT NULL THEN coalesce(mf.convert_staff, '') END AS k_staff,
          CASE WHEN mf.first_converted_on IS NOT NULL THEN coalesce(mf.convert_product, '') END AS k_product
        FROM campaign_member_facts mf
        WHERE mf.campaign_code = ${code}
      ),
      g AS (
        SELECT arm,
          CASE
            WHEN grouping(k_tier) = 0 THEN 'tier'
            WHEN grouping(k_branch) = 0 THEN 'branch'
            WHEN grouping(k_region) = 0 THEN 'region'
            WHEN grouping(k_channel) = 0 THEN 'channel'
            WHEN grouping(k_staff) = 0 THEN 'staff'
            WHEN grouping(k_product) = 0 THEN 'product'
            ELSE 'total'
          END AS dimension,
          coalesce(k_tier, k_branch, k_region, k_channel, k_staff, k_product, '') AS key,
          count(*)::int AS customers,
          count(contacted_on)::int AS contacted,
          count(responded_on)::int AS responded,
          count(redeemed_on)::int AS redeemed,
          count(opted_out_on)::int AS opted_out,
          count(first_converted_on)::int AS converted,
          sum(sales)::int AS sales,
          sum(premium) AS premium,
          sum(fee_income) AS fee_income,
          sum(cooling_off_cancelled)::int AS cooling_off_cancelled,
          sum(surrendered)::int AS surrendered,
          sum(persistency_due)::int AS persistency_due,
          sum(persistency_active)::int AS persistency_active,
          sum(persistency_due_premium) AS persistency_due_premium,
          sum(persistency_active_premium) AS persistency_active_premium,
          sum(complaints)::int AS complaints,
          sum(mis_selling_complaints)::int AS mis_selling_complaints,
          count(*) FILTER (WHERE ${bothAum})::int AS aum_customers,
          coalesce(sum(aum_start) FILTER (WHERE ${bothAum}), 0) AS aum_start,
          coalesce(sum(aum_end) FILTER (WHERE ${bothAum}), 0) AS aum_end,
          count(*) FILTER (WHERE held_before)::int AS held_before,
          count(*) FILTER (WHERE held_after)::int AS held_after
        FROM f
        GROUP BY GROUPING SETS ((arm), (arm, k_tier), (arm, k_branch), (arm, k_region), (arm, k_channel), (arm, k_staff), (arm, k_product))
        -- sale dimensions: the members who did not convert form a NULL group of their own, left out
        HAVING NOT (grouping(k_channel) = 0 AND k_channel IS NULL)
          AND NOT (grouping(k_staff) = 0 AND k_staff IS NULL)
          AND NOT (grouping(k_product) = 0 AND k_product IS NULL)
      )
      INSERT INTO campaign_figures (campaign_code, dimension, key, arm, customers, contacted, responded, redeemed, opted_out,
        converted, sales, premium, fee_income, cooling_off_cancelled, surrendered,
        persistency_due, persistency_active, persistency_due_premium, persistency_active_premium,
        complaints, mis_selling_complaints, aum_customers, aum_start, aum_end, held_before, held_after)
      SELECT ${code}, g.dimension, g.key, g.arm,
        CASE WHEN g.dimension IN ('channel', 'staff', 'product') THEN t.customers ELSE g.customers END,
        g.contacted, g.responded, g.redeemed, g.opted_out,
        g.converted, g.sales, g.premium, g.fee_income, g.cooling_off_cancelled, g.surrendered,
        g.persistency_due, g.persistency_active, g.persistency_due_premium, g.persistency_active_premium,
        g.complaints, g.mis_selling_complaints, g.aum_customers, g.aum_start, g.aum_end, g.held_before, g.held_after
      FROM g
      JOIN g t ON t.arm = g.arm AND t.dimension = 'total'`);
  }

  /**
   * campaign_figures_by_period: contacted and responded by each member's first such event in W (channel:
   * the event's), converted by the first converting sale (its channel), sales, premium, fee income and
   * cooling-off cancellations by sale date (the sale's channel), complaints by received date (the
   * complaint's channel); per grain day, week (Monday) and month, arm, and total, tier or channel (key ''
   * not recorded). Summed over the periods each measure equals the campaign's figure.
   */
  private async insertFiguresByPeriod(tx: Transaction, code: string): Promise<void> {
    await tx.execute(sql`
      WITH items AS (
        SELECT a.arm, a.tier, e.channel, e.occurred_at AS day,
          (e.event = 'contacted')::int AS contacted, (e.event = 'responded')::int AS responded, 0 AS converted,
          0 AS sales, 0::numeric AS premium, 0::numeric AS fee_income, 0 AS complaints, 0 AS cooled_off
        FROM rollup_events e
        JOIN rollup_audience a ON a.customer_id = e.customer_id
        WHERE e.event IN ('contacted', 'responded')
        UNION ALL
        SELECT f.arm, f.tier, f.convert_channel, f.first_converted_on, 0, 0, 1, 0, 0, 0, 0, 0
        FROM campaign_member_facts f
        WHERE f.campaign_code = ${code} AND f.first_converted_on IS NOT NULL
        UNION ALL
        SELECT a.arm, a.tier, s.channel, s.sold_at, 0, 0, 0, 1, s.premium, s.fee_income, 0, s.cooled_off::int
        FROM rollup_sales s
        JOIN rollup_audience a ON a.customer_id = s.customer_id
        WHERE s.converting
        UNION ALL
        SELECT a.arm, a.tier, c.channel, c.received_at, 0, 0, 0, 0, 0, 0, 1, 0
        FROM rollup_complaints c
        JOIN rollup_audience a ON a.customer_id = c.customer_id
      ),
      dated AS (
        SELECT g.grain, date_trunc(g.grain, i.day::timestamp)::date AS period, i.arm,
          coalesce(i.tier, '') AS k_tier, coalesce(i.channel, '') AS k_channel,
          i.contacted, i.responded, i.converted, i.sales, i.premium, i.fee_income, i.complaints, i.cooled_off
        FROM items i
        CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g (grain)
      )
      INSERT INTO campaign_figures_by_period (campaign_code, grain, period, dimension, key, arm,
        contacted, responded, converted, sales, premium, fee_income, complaints, cooling_off_cancelled)
      SELECT ${code}, grain, period,
        CASE WHEN grouping(k_tier) = 0 THEN 'tier' WHEN grouping(k_channel) = 0 THEN 'channel' ELSE 'total' END,
        coalesce(k_tier, k_channel, ''),
        arm,
        sum(contacted)::int, sum(responded)::int, sum(converted)::int, sum(sales)::int,
        sum(premium), sum(fee_income), sum(complaints)::int, sum(cooled_off)::int
      FROM dated
      GROUP BY GROUPING SETS ((grain, period, arm), (grain, period, arm, k_tier), (grain, period, arm, k_channel))`);
  }

  /**
   * Retention curves per arm, months 0..RETENTION_CURVE_MONTHS.
   * - persistency, month m: base = converting regular-premium sales sold at least m months before today,
   *   retained = those still active m months after the sale (active now, or ended later); amounts are
   *   their annualised premiums. Month 13 equals the 13-month persistency of the figures.
   * - aum, month m (the date start + m months, up to today): base = members with investable assets known
   *   (snapshot in force) at the start and at that date, retained = those of them still holding assets
   *   (> 0) then; base_amount = Σ at the start, retained_amount = Σ at that date.
   */
  private async insertRetentionCurves(tx: Transaction, code: string): Promise<void> {
    const monthsAfter = (date: SQL) => sql`(${date} + make_interval(months => m.month))::date`;
    await tx.execute(sql`
      INSERT INTO campaign_retention_curve (campaign_code, kind, arm, month, base, retained, base_amount, retained_amount)
      SELECT ${code}, 'persistency', a.arm, m.month,
        count(*)::int,
        count(*) FILTER (WHERE s.status = 'active' OR s.status_at > ${monthsAfter(sql`s.sold_at`)})::int,
        sum(s.premium),
        coalesce(sum(s.premium) FILTER (WHERE s.status = 'active' OR s.status_at > ${monthsAfter(sql`s.sold_at`)}), 0)
      FROM rollup_sales s
      JOIN rollup_audience a ON a.customer_id = s.customer_id
      CROSS JOIN rollup_campaign w
      CROSS JOIN generate_series(0, ${RETENTION_CURVE_MONTHS}::int) AS m (month)
      WHERE s.converting AND s.regular AND ${monthsAfter(sql`s.sold_at`)} <= w.today
      GROUP BY a.arm, m.month`);
    await tx.execute(sql`
      INSERT INTO campaign_retention_curve (campaign_code, kind, arm, month, base, retained, base_amount, retained_amount)
      SELECT ${code}, 'aum', a.arm, pm.month,
        count(*)::int, count(*) FILTER (WHERE pm.investable_assets > 0)::int,
        sum(p0.investable_assets), sum(pm.investable_assets)
      FROM rollup_asset_points pm
      JOIN rollup_asset_points p0 ON p0.customer_id = pm.customer_id AND p0.month = 0 AND p0.investable_assets IS NOT NULL
      JOIN rollup_audience a ON a.customer_id = pm.customer_id
      CROSS JOIN rollup_campaign w
      WHERE pm.month >= 0 AND pm.investable_assets IS NOT NULL
        AND (w.start_date + make_interval(months => pm.month))::date <= w.today
      GROUP BY a.arm, pm.month`);
  }
}
