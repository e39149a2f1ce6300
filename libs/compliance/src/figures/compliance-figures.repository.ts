import { Inject, Injectable } from '@nestjs/common';
import { max, sql, type SQL } from 'drizzle-orm';
import { complianceScans, DATABASE, queryRows, type Database } from '@banca/db';
import { BANK_PRODUCT_CATEGORIES, type AlertDimension, type RuleCode } from '@banca/domain';

/** Sales sold in [from, to] (inclusive), optionally of one branch. */
export interface FiguresPeriod {
  from: string;
  to: string;
  branchCode?: string;
}

/** One count of the mismatch trend: sales of a month, or sales with a finding of a severity or a rule. */
export interface TrendCountRow {
  month: string;
  kind: 'sales' | 'severity' | 'rule' | 'mismatch';
  code: string | null;
  sales: number;
}

export interface HeatmapRow {
  branchCode: string;
  branchName: string | null;
  sales: number;
  /** Null for a branch without findings. */
  ruleCode: RuleCode | null;
  findings: number;
}

export interface DimensionCountRow {
  key: string;
  label: string | null;
  sales: number;
  salesWithFinding: number;
  highFindings: number;
  coolingOffCancellations: number;
  /** Insurance sales (policies) and their annualised premium: the bases of the complaint ratios. */
  policies: number;
  premium: number;
  complaints: number;
  misSellingComplaints: number;
}

/**
 * Findings that count in the figures. A finding is a sale the rules caught at the point of sale, so it
 * counts whatever the review decided (open, escalated, approved, rejected: an approval says the
 * reviewer accepts the sale, not that it matched) — except `withdrawn` (a later scan on corrected data
 * no longer raises it) and `cleared` (evidence on file shows the rule allowed the sale).
 */
export const COUNTED_FINDING = sql`f.status NOT IN ('withdrawn', 'cleared')`;

/** Insurance sales (policies): a product of the sale known and not one of the bank's own categories. */
export const INSURANCE_PRODUCT = sql`(p.category IS NOT NULL AND p.category NOT IN (${sql.join(
  BANK_PRODUCT_CATEGORIES.map((c) => sql`${c}`),
  sql`, `,
)}))`;

/** Premium per year of sale `s` with its product `p`: monthly × 12 (the sale's mode, else the product's). */
export const ANNUALISED_PREMIUM = sql`CASE WHEN coalesce(s.premium_mode, p.premium_mode) = 'monthly' THEN s.amount * 12 ELSE s.amount END`;

/** The column of sales `s` that attributes a sale to a dimension value. */
export const SALE_DIMENSION_COLUMN: Record<AlertDimension, SQL> = {
  branch: sql`s.branch_code`,
  staff: sql`s.staff_code`,
  product: sql`s.product_code`,
  campaign: sql`s.campaign_code`,
};

/**
 * A complaint `c` is attributed through its linked sale `s` (same customer and sale_id); for a campaign,
 * the campaign the complaint names, else its sale's campaign.
 */
export const COMPLAINT_DIMENSION_COLUMN: Record<AlertDimension, SQL> = {
  branch: sql`s.branch_code`,
  staff: sql`s.staff_code`,
  product: sql`s.product_code`,
  campaign: sql`coalesce(c.campaign_code, s.campaign_code)`,
};

/** Where each dimension value's name lives. */
const LABELS: Record<AlertDimension, { table: SQL; key: SQL }> = {
  branch: { table: sql`branches`, key: sql`branch_code` },
  staff: { table: sql`staff`, key: sql`staff_code` },
  product: { table: sql`products`, key: sql`product_code` },
  campaign: { table: sql`campaigns`, key: sql`campaign_code` },
};

/** First day of the month of a date expression, as a date. */
export const monthOf = (date: SQL) => sql`date_trunc('month', (${date})::timestamp)::date`;

const int = (v: unknown) => Number(v ?? 0);

/** Compliance figures of the dashboard and its exports, each one set-based statement. */
@Injectable()
export class ComplianceFiguresRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Sales of `s` in the period (and branch). */
  private salesIn(period: FiguresPeriod): SQL {
    const branch = period.branchCode === undefined ? sql`` : sql` AND s.branch_code = ${period.branchCode}`;
    return sql`s.sold_at BETWEEN ${period.from}::date AND ${period.to}::date${branch}`;
  }

  /**
   * Per month of sale: sales checked, and sales with a counted finding per severity, per rule and of any
   * severity but info (the mismatch rate's numerator: COOLING_OFF_CANCELLED is a signal, not a breach).
   * Findings are joined to the sales counted, so a finding never counts without its sale.
   */
  async mismatchTrend(period: FiguresPeriod): Promise<TrendCountRow[]> {
    const rows = await queryRows<{ month: string; kind: TrendCountRow['kind']; code: string | null; sales: number }>(this.db, sql`
      WITH checked AS (
        SELECT s.customer_id, s.sale_id, ${monthOf(sql`s.sold_at`)} AS month
        FROM sales s
        WHERE ${this.salesIn(period)}
      ),
      counted AS (
        SELECT k.month, f.customer_id, f.sale_id, f.rule_code, f.severity
        FROM checked k
        JOIN compliance_findings f ON f.customer_id = k.customer_id AND f.sale_id = k.sale_id
        WHERE ${COUNTED_FINDING}
      ),
      -- one row per sale and severity it has, and per sale with a finding above info: DISTINCT may hash, count(DISTINCT) always sorts
      sale_severities AS (
        SELECT DISTINCT month, customer_id, sale_id, severity FROM counted
      ),
      mismatched AS (
        SELECT DISTINCT month, customer_id, sale_id FROM counted WHERE severity <> 'info'
      )
      SELECT month::text AS month, 'sales' AS kind, NULL::text AS code, count(*)::int AS sales FROM checked GROUP BY month
      UNION ALL
      SELECT month::text, 'severity', severity, count(*)::int FROM sale_severities GROUP BY month, severity
      UNION ALL
      SELECT month::text, 'rule', rule_code, count(*)::int FROM counted GROUP BY month, rule_code
      UNION ALL
      SELECT month::text, 'mismatch', NULL, count(*)::int FROM mismatched GROUP BY month`);
    return rows.map((r) => ({ month: r.month, kind: r.kind, code: r.code, sales: int(r.sales) }));
  }

  /** Per branch of sale: sales, and counted findings per rule (one row per branch and rule found). */
  async branchRuleHeatmap(period: FiguresPeriod): Promise<HeatmapRow[]> {
    const rows = await queryRows<Record<string, unknown>>(this.db, sql`
      WITH checked AS (
        SELECT s.customer_id, s.sale_id, s.branch_code
        FROM sales s
        WHERE ${this.salesIn(period)} AND s.branch_code IS NOT NULL
      ),
      branch_sales AS (
        SELECT branch_code, count(*)::int AS sales FROM checked GROUP BY branch_code
      ),
      cells AS (
        SELECT k.branch_code, f.rule_code, count(*)::int AS findings
        FROM checked k
        JOIN compliance_findings f ON f.customer_id = k.customer_id AND f.sale_id = k.sale_id
        WHERE ${COUNTED_FINDING}
        GROUP BY k.branch_code, f.rule_code
      )
      SELECT bs.branch_code, b.name AS branch_name, bs.sales, c.rule_code, coalesce(c.findings, 0) AS findings
      FROM branch_sales bs
      LEFT JOIN cells c ON c.branch_code = bs.branch_code
      LEFT JOIN branches b ON b.branch_code = bs.branch_code
      ORDER BY bs.branch_code, c.rule_code`);
    return rows.map((r) => ({
      branchCode: String(r.branch_code),
      branchName: r.branch_name === null ? null : String(r.branch_name),
      sales: int(r.sales),
      ruleCode: (r.rule_code as RuleCode | null) ?? null,
      findings: int(r.findings),
    }));
  }

  /**
   * Per branch, staff member, product or campaign of the sales sold in the period: sales, sales with a
   * counted finding of any severity but info, high findings, cooling-off cancellations, insurance sales
   * and their annualised premium; and the complaints received in the period attributed to it (every
   * category, and mis_selling apart). A value with complaints but no sales in the period is listed too.
   */
  async byDimension(dimension: AlertDimension, period: FiguresPeriod): Promise<DimensionCountRow[]> {
    const key = SALE_DIMENSION_COLUMN[dimension];
    const complaintKey = COMPLAINT_DIMENSION_COLUMN[dimension];
    const label = LABELS[dimension];
    // With a branch filter only complaints about a sale of that branch count: one naming just a campaign has no branch.
    const complaintBranch = period.branchCode === undefined ? sql`` : sql` AND s.branch_code = ${period.branchCode}`;
    const rows = await queryRows<Record<string, unknown>>(this.db, sql`
      WITH checked AS (
        SELECT s.customer_id, s.sale_id, ${key} AS key, s.status,
          ${INSURANCE_PRODUCT} AS insurance,
          ${ANNUALISED_PREMIUM} AS annual_premium
        FROM sales s
        LEFT JOIN products p ON p.product_code = s.product_code
        WHERE ${this.salesIn(period)} AND ${key} IS NOT NULL
      ),
      sale_figures AS (
        SELECT key,
          count(*)::int AS sales,
          count(*) FILTER (WHERE status = 'cancelled_cooling_off')::int AS cooling_off,
          count(*) FILTER (WHERE insurance)::int AS policies,
          coalesce(sum(annual_premium) FILTER (WHERE insurance), 0) AS premium
        FROM checked
        GROUP BY key
      ),
      finding_figures AS (
        SELECT k.key,
          count(DISTINCT (f.customer_id, f.sale_id)) FILTER (WHERE f.severity <> 'info')::int AS sales_with_finding,
          count(*) FILTER (WHERE f.severity = 'high')::int AS high_findings
        FROM checked k
        JOIN compliance_findings f ON f.customer_id = k.customer_id AND f.sale_id = k.sale_id
        WHERE ${COUNTED_FINDING}
        GROUP BY k.key
      ),
      complaint_figures AS (
        SELECT ${complaintKey} AS key,
          count(*)::int AS complaints,
          count(*) FILTER (WHERE c.category = 'mis_selling')::int AS mis_selling
        FROM complaints c
        LEFT JOIN sales s ON s.customer_id = c.customer_id AND s.sale_id = c.sale_id
        WHERE c.received_at BETWEEN ${period.from}::date AND ${period.to}::date
          AND ${complaintKey} IS NOT NULL${complaintBranch}
        GROUP BY 1
      )
      SELECT coalesce(sf.key, cf.key) AS key, l.name AS label,
        coalesce(sf.sales, 0) AS sales,
        coalesce(ff.sales_with_finding, 0) AS sales_with_finding,
        coalesce(ff.high_findings, 0) AS high_findings,
        coalesce(sf.cooling_off, 0) AS cooling_off,
        coalesce(sf.policies, 0) AS policies,
        coalesce(sf.premium, 0)::text AS premium,
        coalesce(cf.complaints, 0) AS complaints,
        coalesce(cf.mis_selling, 0) AS mis_selling
      FROM sale_figures sf
      LEFT JOIN finding_figures ff ON ff.key = sf.key
      FULL JOIN complaint_figures cf ON cf.key = sf.key
      LEFT JOIN ${label.table} l ON l.${label.key} = coalesce(sf.key, cf.key)
      ORDER BY 3 DESC, 1`);
    return rows.map((r) => ({
      key: String(r.key),
      label: r.label === null ? null : String(r.label),
      sales: int(r.sales),
      salesWithFinding: int(r.sales_with_finding),
      highFindings: int(r.high_findings),
      coolingOffCancellations: int(r.cooling_off),
      policies: int(r.policies),
      premium: Number(r.premium),
      complaints: int(r.complaints),
      misSellingComplaints: int(r.mis_selling),
    }));
  }

  /** When the latest finished compliance scan finished. */
  async lastScanAt(): Promise<Date | null> {
    const [row] = await this.db.select({ at: max(complianceScans.finishedAt) }).from(complianceScans);
    return row?.at ?? null;
  }

  async today(): Promise<string> {
    const [row] = await queryRows<{ d: string }>(this.db, sql`SELECT CURRENT_DATE::text AS d`);
    return row?.d ?? '';
  }
}
