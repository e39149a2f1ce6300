import { Inject, Injectable } from '@nestjs/common';
import { and, asc, desc, eq, max, sql, type SQL } from 'drizzle-orm';
import { branches, campaigns, complianceAlerts, DATABASE, products, queryRows, staff, type Database } from '@banca/db';
import {
  ALERT_DIRECTIONS,
  PERSISTENCY_MONTHS,
  POLICY_BASE,
  PREMIUM_BASE,
  SEVERITIES,
  severityRank,
  type AlertDimension,
  type AlertDirection,
  type AlertMetric,
  type AlertThresholds,
} from '@banca/domain';
import { ANNUALISED_PREMIUM, COMPLAINT_DIMENSION_COLUMN, COUNTED_FINDING, INSURANCE_PRODUCT, monthOf, SALE_DIMENSION_COLUMN } from './compliance-figures.repository';

export interface AlertEvaluationParams {
  /** The database's today: months up to its month are evaluated, persistency only where 13 months have passed. */
  today: string;
  /** First day of the oldest month evaluated. */
  windowStart: string;
  thresholds: AlertThresholds;
  /** The compliance settings version the thresholds come from. */
  ruleVersion: number;
}

export interface AlertEvaluationCounts {
  /** Figures (dimension value × metric × month) with enough sales to be judged. */
  evaluated: number;
  /** Alerts raised for the first time. */
  raised: number;
  /** Alerts over their threshold again or still (value, threshold and evaluation time updated). */
  stillOver: number;
  /** Active alerts whose figure came back within its threshold. */
  resolved: number;
}

export interface AlertFilter {
  status?: 'active' | 'resolved';
  dimension?: AlertDimension;
  metric?: AlertMetric;
}

export interface AlertRow {
  id: string;
  dimension: AlertDimension;
  dimensionKey: string;
  label: string | null;
  metric: AlertMetric;
  period: string;
  value: number;
  threshold: number;
  direction: AlertDirection;
  sales: number;
  ruleVersion: number;
  status: 'active' | 'resolved';
  firstDetectedAt: Date;
  lastEvaluatedAt: Date;
  resolvedAt: Date | null;
}

/** Every dimension a sale `s` (or a complaint `c` with its sale `s`) is attributed to, as (dimension, key) rows. */
function dimensionValues(columns: Record<AlertDimension, SQL>): SQL {
  const rows = (Object.keys(columns) as AlertDimension[]).map((d) => sql`(${d}::text, ${columns[d]})`);
  return sql`(VALUES ${sql.join(rows, sql`, `)}) AS d(dimension, key)`;
}

const int = (v: unknown) => Number(v ?? 0);

/** compliance_alerts: the evaluation as one statement, and the alert list. */
@Injectable()
export class ComplianceAlertRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Computes every watched figure per dimension value and month of the window, upserts an alert for each
   * one beyond its threshold (keeping first_detected_at) and resolves active alerts of the window whose
   * figure is back within it — one statement, so a concurrent reader never sees half an evaluation.
   *
   * Figures (DATA.md, RULES.md "Prevention and monitoring"), each judged only with at least
   * `minSales` sales in its base (the `sales` stored with the alert):
   * - mismatch_rate: sales with a counted finding of severity ≥ mismatchMinSeverity / sales of the month;
   * - cooling_off_rate: sales of the month in status cancelled_cooling_off / sales of the month;
   * - complaints_per_100m_premium and _per_10k_policies: complaints (every category) received in the
   *   month and attributed to the value / annualised premium, resp. number, of its insurance sales of
   *   the month;
   * - persistency_13m: of its regular-premium insurance sales of the month, the share (by count) still in
   *   force 13 months later — active now, or ended after that date — only for months whose every sale
   *   has reached its 13-month date.
   */
  async evaluate(params: AlertEvaluationParams): Promise<AlertEvaluationCounts> {
    const t = params.thresholds;
    const severities = sql`ARRAY[${sql.join(SEVERITIES.map((s) => sql`${s}`), sql`, `)}]::text[]`;
    const threshold = (metric: AlertMetric, value: number) => sql`${metric}::text, ${value}::float8, ${ALERT_DIRECTIONS[metric]}::text`;
    const [row] = await queryRows<Record<string, unknown>>(this.db, sql`
      WITH checked AS (
        SELECT s.customer_id, s.sale_id, ${monthOf(sql`s.sold_at`)} AS period,
          s.branch_code, s.staff_code, s.product_code, s.campaign_code,
          s.status = 'cancelled_cooling_off' AS cooled_off,
          ${INSURANCE_PRODUCT} AS insurance,
          ${ANNUALISED_PREMIUM} AS annual_premium,
          ${INSURANCE_PRODUCT} AND coalesce(s.premium_mode, p.premium_mode) IN ('annual', 'monthly') AS regular,
          (s.status = 'active' OR s.status_at > (s.sold_at + make_interval(months => ${PERSISTENCY_MONTHS}::int))::date) AS persisted
        FROM sales s
        LEFT JOIN products p ON p.product_code = s.product_code
        WHERE s.sold_at BETWEEN ${params.windowStart}::date AND ${params.today}::date
      ),
      mismatched AS (
        SELECT DISTINCT f.customer_id, f.sale_id
        FROM checked k
        JOIN compliance_findings f ON f.customer_id = k.customer_id AND f.sale_id = k.sale_id
        WHERE ${COUNTED_FINDING} AND array_position(${severities}, f.severity) >= ${severityRank(t.mismatchMinSeverity)}::int
      ),
      sale_counts AS (
        SELECT d.dimension, d.key, s.period,
          count(*)::int AS sales,
          count(m.sale_id)::int AS mismatched,
          count(*) FILTER (WHERE s.cooled_off)::int AS cooled_off,
          count(*) FILTER (WHERE s.insurance)::int AS policies,
          coalesce(sum(s.annual_premium) FILTER (WHERE s.insurance), 0)::float8 AS premium,
          count(*) FILTER (WHERE s.regular)::int AS regular,
          count(*) FILTER (WHERE s.regular AND s.persisted)::int AS persisted
        FROM checked s
        LEFT JOIN mismatched m ON m.customer_id = s.customer_id AND m.sale_id = s.sale_id
        CROSS JOIN LATERAL ${dimensionValues(SALE_DIMENSION_COLUMN)}
        WHERE d.key IS NOT NULL
        GROUP BY d.dimension, d.key, s.period
      ),
      complaint_counts AS (
        SELECT d.dimension, d.key, ${monthOf(sql`c.received_at`)} AS period, count(*)::int AS complaints
        FROM complaints c
        LEFT JOIN sales s ON s.customer_id = c.customer_id AND s.sale_id = c.sale_id
        CROSS JOIN LATERAL ${dimensionValues(COMPLAINT_DIMENSION_COLUMN)}
        WHERE c.received_at BETWEEN ${params.windowStart}::date AND ${params.today}::date AND d.key IS NOT NULL
        GROUP BY 1, 2, 3
      ),
      figures AS (
        SELECT n.dimension, n.key, n.period, v.metric, v.value, v.threshold, v.direction, v.sales
        FROM sale_counts n
        LEFT JOIN complaint_counts c ON c.dimension = n.dimension AND c.key = n.key AND c.period = n.period
        CROSS JOIN LATERAL (VALUES
          (${threshold('mismatch_rate', t.mismatchRate)}, n.mismatched::float8 / n.sales, n.sales),
          (${threshold('cooling_off_rate', t.coolingOffRate)}, n.cooled_off::float8 / n.sales, n.sales),
          (${threshold('complaints_per_100m_premium', t.complaintsPer100mPremium)},
            CASE WHEN n.premium > 0 THEN coalesce(c.complaints, 0)::float8 * ${PREMIUM_BASE}::float8 / n.premium END, n.policies),
          (${threshold('complaints_per_10k_policies', t.complaintsPer10kPolicies)},
            CASE WHEN n.policies > 0 THEN coalesce(c.complaints, 0)::float8 * ${POLICY_BASE}::float8 / n.policies END, n.policies),
          (${threshold('persistency_13m', t.persistency13m)},
            CASE WHEN n.regular > 0
              AND (n.period + interval '1 month' - interval '1 day' + make_interval(months => ${PERSISTENCY_MONTHS}::int))::date <= ${params.today}::date
            THEN n.persisted::float8 / n.regular END, n.regular)
        ) AS v(metric, threshold, direction, value, sales)
        WHERE v.value IS NOT NULL AND v.sales >= ${t.minSales}::int
      ),
      beyond AS (
        SELECT * FROM figures
        WHERE (direction = 'above' AND value > threshold) OR (direction = 'below' AND value < threshold)
      ),
      upserted AS (
        INSERT INTO compliance_alerts (dimension, dimension_key, metric, period, value, threshold, direction, sales, rule_version,
          status, first_detected_at, last_evaluated_at, resolved_at)
        SELECT dimension, key, metric, period, value, threshold, direction, sales, ${params.ruleVersion}::int, 'active', now(), now(), NULL
        FROM beyond
        ON CONFLICT (dimension, dimension_key, metric, period) DO UPDATE SET
          value = excluded.value, threshold = excluded.threshold, direction = excluded.direction, sales = excluded.sales,
          rule_version = excluded.rule_version, status = 'active', last_evaluated_at = excluded.last_evaluated_at, resolved_at = NULL
        RETURNING first_detected_at = now() AS raised
      ),
      settled AS (
        UPDATE compliance_alerts a SET
          status = 'resolved',
          resolved_at = CASE WHEN a.status = 'active' THEN now() ELSE a.resolved_at END,
          last_evaluated_at = now()
        WHERE a.period >= ${params.windowStart}::date
          AND NOT EXISTS (
            SELECT 1 FROM beyond b
            WHERE b.dimension = a.dimension AND b.key = a.dimension_key AND b.metric = a.metric AND b.period = a.period)
        RETURNING a.resolved_at = now() AS resolved
      )
      SELECT
        (SELECT count(*) FROM figures)::int AS evaluated,
        (SELECT count(*) FILTER (WHERE raised) FROM upserted)::int AS raised,
        (SELECT count(*) FILTER (WHERE NOT raised) FROM upserted)::int AS still_over,
        (SELECT count(*) FILTER (WHERE resolved) FROM settled)::int AS resolved`);
    return { evaluated: int(row?.evaluated), raised: int(row?.raised), stillOver: int(row?.still_over), resolved: int(row?.resolved) };
  }

  /** Alerts with the name of what they are about; active first, then the latest month first. */
  async list(filter: AlertFilter): Promise<AlertRow[]> {
    const a = complianceAlerts;
    const conditions = [
      filter.status === undefined ? undefined : eq(a.status, filter.status),
      filter.dimension === undefined ? undefined : eq(a.dimension, filter.dimension),
      filter.metric === undefined ? undefined : eq(a.metric, filter.metric),
    ];
    const rows = await this.db
      .select({
        id: a.id,
        dimension: a.dimension,
        dimensionKey: a.dimensionKey,
        label: sql<string | null>`coalesce(${branches.name}, ${staff.name}, ${products.name}, ${campaigns.name})`,
        metric: a.metric,
        period: a.period,
        value: a.value,
        threshold: a.threshold,
        direction: a.direction,
        sales: a.sales,
        ruleVersion: a.ruleVersion,
        status: a.status,
        firstDetectedAt: a.firstDetectedAt,
        lastEvaluatedAt: a.lastEvaluatedAt,
        resolvedAt: a.resolvedAt,
      })
      .from(a)
      .leftJoin(branches, and(eq(a.dimension, 'branch'), eq(branches.branchCode, a.dimensionKey)))
      .leftJoin(staff, and(eq(a.dimension, 'staff'), eq(staff.staffCode, a.dimensionKey)))
      .leftJoin(products, and(eq(a.dimension, 'product'), eq(products.productCode, a.dimensionKey)))
      .leftJoin(campaigns, and(eq(a.dimension, 'campaign'), eq(campaigns.campaignCode, a.dimensionKey)))
      .where(and(...conditions))
      .orderBy(asc(a.status), desc(a.period), asc(a.dimension), asc(a.dimensionKey), asc(a.metric));
    return rows.map((r) => ({
      ...r,
      dimension: r.dimension as AlertDimension,
      metric: r.metric as AlertMetric,
      direction: r.direction as AlertDirection,
      status: r.status as AlertRow['status'],
    }));
  }

  /** The latest evaluation that touched an alert (every evaluation touches every alert of its window). */
  async lastEvaluatedAt(): Promise<Date | null> {
    const [row] = await this.db.select({ at: max(complianceAlerts.lastEvaluatedAt) }).from(complianceAlerts);
    return row?.at ?? null;
  }
}
