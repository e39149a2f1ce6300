import { Inject, Injectable } from '@nestjs/common';
import { sql, type SQL } from 'drizzle-orm';
import { DATABASE, queryRows, type Database, type Transaction } from '@banca/db';
import { OPEN_FINDING_STATUSES } from '@banca/domain';
import type { RuleVersionWindow } from './compliance-rule-windows';
import {
  ageAtSql,
  effectiveProductRiskSql,
  inSettingsList,
  insuranceSql,
  noDataSharingConsentSql,
  noMarketingConsentSql,
  nonGuaranteedSql,
  preventionRuleFactsWhenFired,
  regularPremiumSql,
  ruleSettingsSql,
  type PreventionRuleFacts,
} from './prevention-rules.sql';

/**
 * Which sales a scan re-checks: every sale, the sales of given customers, or the sales of the customers an
 * ingestion run touched (its sales, its snapshots, its complaints).
 */
export type ScanScope =
  | { kind: 'all' }
  | { kind: 'customers'; customerIds: readonly string[] }
  | { kind: 'run'; entity: 'sales' | 'customers' | 'complaints'; runId: string };

export interface ScanCounts {
  salesChecked: number;
  findingsCreated: number;
  /** Open findings whose facts, severity, rule version or sale facts changed. */
  findingsUpdated: number;
  findingsWithdrawn: number;
  /** Withdrawn findings raised again. */
  findingsReopened: number;
}

export interface ComplianceScanRow {
  id: string;
  reason: string;
  scope: string;
  runId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  salesChecked: number | null;
  findingsCreated: number | null;
  findingsUpdated: number | null;
  findingsWithdrawn: number | null;
}

interface RawScanRow extends Record<string, unknown> {
  id: string;
  reason: string;
  scope: string;
  run_id: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  sales_checked: number | null;
  findings_created: number | null;
  findings_updated: number | null;
  findings_withdrawn: number | null;
}

// Scans run one at a time: each sees the findings the previous one left, and "not seen by this scan"
// (last_scanned_at before its start) means what it says.
const SCAN_LOCK_ID = 7_243_202;

const SCAN_COLUMNS = sql`id, reason, scope, run_id, started_at, finished_at, sales_checked, findings_created, findings_updated, findings_withdrawn`;

const toScanRow = (r: RawScanRow): ComplianceScanRow => ({
  id: r.id,
  reason: r.reason,
  scope: r.scope,
  runId: r.run_id,
  startedAt: new Date(r.started_at),
  finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
  salesChecked: r.sales_checked === null ? null : Number(r.sales_checked),
  findingsCreated: r.findings_created === null ? null : Number(r.findings_created),
  findingsUpdated: r.findings_updated === null ? null : Number(r.findings_updated),
  findingsWithdrawn: r.findings_withdrawn === null ? null : Number(r.findings_withdrawn),
});

/** Statuses a reviewer can still act on: a scan refreshes their facts and withdraws them when no longer raised. */
const REVIEWABLE = sql.raw(OPEN_FINDING_STATUSES.map((s) => `'${s}'`).join(', '));

/** Customers of the scope as a subquery of customer_id, or null for every customer. */
function scopeCustomers(scope: ScanScope): SQL | null {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'customers':
      return sql`SELECT jsonb_array_elements_text(${JSON.stringify(scope.customerIds)}::jsonb)`;
    case 'run': {
      const runId = sql`${scope.runId}::uuid`;
      if (scope.entity === 'sales') return sql`SELECT customer_id FROM sales WHERE source_run_id = ${runId}`;
      if (scope.entity === 'customers') return sql`SELECT customer_id FROM customer_snapshots WHERE source_run_id = ${runId}`;
      return sql`SELECT customer_id FROM complaints WHERE source_run_id = ${runId}`;
    }
  }
}

/** Findings the withdrawal may touch: those of the scope's customers, and (a sales run) those of sales it moved away. */
function scopeFindings(scope: ScanScope, alias: string): SQL {
  const f = sql.identifier(alias);
  const customers = scopeCustomers(scope);
  if (!customers) return sql`TRUE`;
  const inScope = sql`${f}.customer_id IN (${customers})`;
  if (scope.kind !== 'run' || scope.entity !== 'sales') return inScope;
  // A sale_id re-sent with another customer moves: the finding left on the old customer is no longer raised.
  return sql`(${inScope} OR ${f}.sale_id IN (SELECT sale_id FROM sales WHERE source_run_id = ${scope.runId}::uuid))`;
}

/** `value` is an element of the list (a text[] of cfg, alias k); false for a null value, as `includes(null)`. */
const inList = (list: string, value: SQL): SQL => inSettingsList('k', list, value);

/** The prevention rules read the derived facts of `reasons` (alias f) and the settings row k. */
const PREVENTION_FACTS: PreventionRuleFacts = {
  settings: 'k',
  productRisk: sql`f.product_risk`,
  customerRiskLevel: sql`f.risk_level`,
  riskLevelSource: sql`f.risk_source`,
  age: sql`f.age`,
  category: sql`f.category`,
  premiumMode: sql`f.premium_mode`,
  nonGuaranteed: sql`f.non_guaranteed`,
  regular: sql`f.regular`,
  campaignCode: sql`f.campaign_code`,
  noMarketingConsent: sql`f.no_marketing_consent`,
  noDataSharingConsent: sql`f.no_data_sharing_consent`,
};

/**
 * Every rule of RULES.md for the sales of one version window, as rows (customer_id, sale_id, rule_code,
 * severity, facts, and the sale facts findings copy). One statement: sales with their product (effective
 * risk: the highest of the product's rating and every partner's), the snapshot in force at the sale date,
 * the seller, evidence on file, mis-selling complaints and earlier active cover, then one row per rule that
 * fires and no evidence clears. Settings come in as one jsonb parameter (lists read once as text[]). The
 * prevention rules and the facts they read come from prevention-rules.sql.ts, shared with campaign audiences. Money
 * is compared in float8, in the order the TypeScript rules (libs/domain suitability.rules.ts) compute it, so
 * boundaries agree. `reasons` is materialised so each derived fact is computed once per sale, and a rule's
 * facts are built only when it fires (100k sales: about 4 s for this part on PostgreSQL).
 */
function firedFindings(window: RuleVersionWindow, scope: ScanScope): SQL {
  const customers = scopeCustomers(scope);
  const conditions: SQL[] = [];
  if (window.from !== null) conditions.push(sql`s.sold_at >= ${window.from}::date`);
  if (window.to !== null) conditions.push(sql`s.sold_at < ${window.to}::date`);
  if (customers) conditions.push(sql`s.customer_id IN (${customers})`);
  const where = conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;

  return sql`
  cfg AS (${ruleSettingsSql(window.version.settings)}
  ),
  sale AS (
    SELECT s.customer_id, s.sale_id, s.product_code, s.sold_at, s.amount::float8 AS amount,
      COALESCE(s.premium_mode, p.premium_mode) AS premium_mode,
      s.channel, s.branch_code, s.staff_code, s.campaign_code, s.customer_risk_level_at_sale, s.dual_recording,
      s.status, s.status_at, p.category, p.term_years, p.cooling_off_days,
      ${effectiveProductRiskSql('p')} AS product_risk
    FROM sales s
    JOIN products p ON p.product_code = s.product_code
    ${where}
  ),
  known AS (
    SELECT sa.*, cs.as_of AS snapshot_as_of, cs.region, cs.risk_assessed_at, cs.consent_marketing, cs.consent_data_sharing,
      cs.monthly_income::float8 AS monthly_income,
      cs.household_annual_income::float8 AS household,
      COALESCE(cs.risk_level, sa.customer_risk_level_at_sale) AS risk_level,
      CASE WHEN cs.risk_level IS NOT NULL THEN 'snapshot' WHEN sa.customer_risk_level_at_sale IS NOT NULL THEN 'sale' END AS risk_source,
      -- whole years, reached on the birthday; else the calendar-year difference from the birth year
      ${ageAtSql(sql`cs.birth_date`, sql`cs.birth_year`, sql`sa.sold_at`)} AS age,
      st.staff_code IS NOT NULL AS staff_known, st.qualified_since, st.qualified_until,
      ev.kinds AS evidence_kinds,
      cm.complaints,
      dup.earliest AS earlier_sale_id, dup.sales AS earlier_sales
    FROM sale sa
    LEFT JOIN LATERAL (
      SELECT c.as_of, c.birth_date, c.birth_year, c.region, c.monthly_income, c.household_annual_income, c.risk_level,
        c.risk_assessed_at, c.consent_marketing, c.consent_data_sharing
      FROM customer_snapshots c
      WHERE c.customer_id = sa.customer_id AND c.as_of <= sa.sold_at
      ORDER BY c.as_of DESC
      LIMIT 1
    ) cs ON TRUE
    LEFT JOIN staff st ON st.staff_code = sa.staff_code
    LEFT JOIN LATERAL (
      SELECT array_agg(DISTINCT e.kind) AS kinds FROM sale_evidence e
      WHERE e.customer_id = sa.customer_id AND e.sale_id = sa.sale_id AND e.revoked_at IS NULL
    ) ev ON TRUE
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS complaints FROM complaints c
      WHERE c.customer_id = sa.customer_id AND c.sale_id = sa.sale_id AND c.category = 'mis_selling'
    ) cm ON TRUE
    LEFT JOIN LATERAL (
      SELECT min(o.sale_id COLLATE "C") AS earliest, count(*)::int AS sales
      FROM sales o JOIN products op ON op.product_code = o.product_code
      WHERE o.customer_id = sa.customer_id AND op.category = sa.category AND o.sold_at < sa.sold_at
        AND (o.status = 'active' OR o.status_at > sa.sold_at)
    ) dup ON TRUE
  ),
  derived AS (
    SELECT f.*,
      ${nonGuaranteedSql('k', sql`f.category`)} AS non_guaranteed,
      ${regularPremiumSql(sql`f.premium_mode`)} AS regular,
      (k.assessment_for_all OR ${inList('assessment_categories', sql`f.category`)}) AS needs_assessment,
      ${inList('life_cover_categories', sql`f.category`)} AND (f.term_years IS NULL OR f.term_years > k.life_cover_min_term) AS life_cover,
      ${insuranceSql('k', sql`f.category`)} AS insurance,
      CASE WHEN f.monthly_income IS NOT NULL THEN f.monthly_income * 12 ELSE f.household END AS annual_income,
      CASE WHEN f.monthly_income IS NOT NULL THEN 'monthly' WHEN f.household IS NOT NULL THEN 'household' END AS income_source,
      COALESCE((k.low_income_regions->>f.region)::float8, k.low_income_national) AS income_threshold,
      CASE WHEN f.premium_mode = 'monthly' THEN f.amount * 12 ELSE f.amount END AS annual_premium
    FROM known f CROSS JOIN cfg k
  ),
  reasons AS MATERIALIZED (
    SELECT d.*,
      CASE WHEN d.insurance AND ${inList('outlet_channels', sql`d.channel`)} THEN 'agency_outlet'
           WHEN d.life_cover AND ${inList('bank_channels', sql`d.channel`)} THEN 'life_cover_bank'
           WHEN d.category = 'investment_linked' THEN 'investment_linked'
           WHEN d.life_cover AND d.age >= k.dual_recording_age THEN 'elderly_life_cover' END AS dual_reason,
      CASE WHEN NOT d.staff_known THEN 'unknown_staff'
           WHEN d.qualified_until IS NULL THEN 'no_qualification'
           WHEN d.qualified_until < d.sold_at THEN 'expired'
           WHEN d.qualified_since > d.sold_at THEN 'not_yet_valid'
           WHEN d.category = 'investment_linked'
             AND (d.qualified_since IS NULL OR (d.qualified_since + make_interval(months => k.experience_months))::date > d.sold_at)
             THEN 'experience' END AS staff_reason,
      ${noMarketingConsentSql(sql`d.consent_marketing`)} AS no_marketing_consent,
      d.insurance AND ${noDataSharingConsentSql(sql`d.consent_data_sharing`)} AS no_data_sharing_consent
    FROM derived d CROSS JOIN cfg k
  ),
  fired AS (
    SELECT f.customer_id, f.sale_id, f.sold_at, f.product_code, f.branch_code, f.staff_code, f.campaign_code,
      r.rule_code, k.severities->>r.rule_code AS severity, r.facts
    FROM reasons f
    CROSS JOIN cfg k
    CROSS JOIN LATERAL (VALUES
      ('RISK_MISMATCH', ${preventionRuleFactsWhenFired('RISK_MISMATCH', PREVENTION_FACTS)}),
      ('RISK_ASSESSMENT_MISSING',
        CASE WHEN f.needs_assessment AND f.risk_level IS NULL
        THEN jsonb_build_object('productCategory', f.category, 'snapshotAsOf', f.snapshot_as_of::text) END),
      ('RISK_ASSESSMENT_EXPIRED',
        CASE WHEN f.needs_assessment AND f.risk_level IS NOT NULL
          AND f.sold_at > (f.risk_assessed_at + make_interval(months => k.validity_months))::date
        THEN jsonb_build_object('riskAssessedAt', f.risk_assessed_at::text, 'validityMonths', k.validity_months) END),
      ('ELDERLY_NON_GUARANTEED', ${preventionRuleFactsWhenFired('ELDERLY_NON_GUARANTEED', PREVENTION_FACTS)}),
      ('LOW_INCOME_NON_GUARANTEED',
        CASE WHEN f.non_guaranteed AND f.snapshot_as_of IS NOT NULL AND f.annual_income < f.income_threshold
        THEN jsonb_build_object('annualIncome', f.annual_income, 'incomeSource', f.income_source,
          'threshold', f.income_threshold, 'region', f.region) END),
      ('AFFORDABILITY_SINGLE',
        CASE WHEN f.non_guaranteed AND f.premium_mode = 'single' AND f.amount > k.single_multiple * f.household
        THEN jsonb_build_object('premium', f.amount, 'householdAnnualIncome', f.household, 'multiple', k.single_multiple) END),
      ('AFFORDABILITY_REGULAR',
        CASE WHEN f.non_guaranteed AND f.regular AND f.annual_premium > k.regular_share * f.household
        THEN jsonb_build_object('annualPremium', f.annual_premium, 'householdAnnualIncome', f.household, 'share', k.regular_share) END),
      ('AFFORDABILITY_HORIZON',
        CASE WHEN f.non_guaranteed AND f.regular AND f.term_years + f.age >= k.horizon_age
        THEN jsonb_build_object('termYears', f.term_years, 'age', f.age) END),
      ('DUAL_RECORDING_MISSING',
        CASE WHEN f.dual_recording IS NOT TRUE AND f.dual_reason IS NOT NULL
        THEN jsonb_build_object('reason', f.dual_reason, 'channel', f.channel, 'productCategory', f.category) END),
      ('STAFF_UNQUALIFIED',
        CASE WHEN f.staff_code IS NOT NULL AND f.staff_reason IS NOT NULL
        THEN jsonb_build_object('staffCode', f.staff_code, 'reason', f.staff_reason) END),
      ('CONSENT_MISSING', ${preventionRuleFactsWhenFired('CONSENT_MISSING', PREVENTION_FACTS)}),
      ('DUPLICATE_COVER',
        CASE WHEN ${inList('protection_categories', sql`f.category`)} AND f.earlier_sales > 0
        THEN jsonb_build_object('category', f.category, 'earlierSaleId', f.earlier_sale_id, 'earlierSales', f.earlier_sales) END),
      ('COOLING_OFF_CANCELLED',
        CASE WHEN f.status = 'cancelled_cooling_off' AND (f.status_at IS NULL OR f.status_at - f.sold_at <= f.cooling_off_days)
        THEN jsonb_build_object('daysAfterSale', f.status_at - f.sold_at, 'coolingOffDays', f.cooling_off_days) END),
      ('MIS_SELLING_COMPLAINT',
        CASE WHEN f.complaints >= 1
        THEN jsonb_build_object('complaints', f.complaints) END)
    ) AS r(rule_code, facts)
    WHERE r.facts IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM unnest(f.evidence_kinds) AS e(kind)
        WHERE COALESCE((k.evidence_clears->e.kind) @> to_jsonb(r.rule_code::text), false))
  )`;
}

@Injectable()
export class ComplianceScanRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /**
   * Checks the sales of the scope under the version in force at each sale date and brings the findings in
   * line, in one transaction: new findings are inserted; open ones (open, escalated, awaiting a second
   * approval) get the new facts; decided ones stay as decided; a withdrawn one raised again reopens; an
   * open one no longer raised is withdrawn. Each platform transition adds a finding_reviews row (no reviewer).
   */
  async scan(params: {
    windows: readonly RuleVersionWindow[];
    scope: ScanScope;
    /** Called after each version window is written (for job progress). */
    onWindowDone?: (done: number, total: number) => Promise<void>;
  }): Promise<ScanCounts> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SCAN_LOCK_ID})`);
      // Per-row expression work: JIT compilation (about a second) made the scan slower, not faster, on 100k sales.
      await tx.execute(sql`SET LOCAL jit = off`);
      const [clock] = await queryRows<{ at: string; day: string }>(
        tx,
        sql`SELECT clock_timestamp()::text AS at, to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day`,
      );
      const scanAt = sql`${clock!.at}::timestamptz`;
      const counts: ScanCounts = { salesChecked: 0, findingsCreated: 0, findingsUpdated: 0, findingsWithdrawn: 0, findingsReopened: 0 };
      for (const [i, window] of params.windows.entries()) {
        const c = await this.upsertWindow(tx, window, params.scope, scanAt);
        await params.onWindowDone?.(i + 1, params.windows.length);
        counts.salesChecked += c.salesChecked;
        counts.findingsCreated += c.findingsCreated;
        counts.findingsUpdated += c.findingsUpdated;
        counts.findingsReopened += c.findingsReopened;
      }
      counts.findingsWithdrawn = await this.withdrawUnseen(tx, params.scope, scanAt, clock!.day);
      return counts;
    });
  }

  private async upsertWindow(tx: Transaction, window: RuleVersionWindow, scope: ScanScope, scanAt: SQL): Promise<Omit<ScanCounts, 'findingsWithdrawn'>> {
    const version = window.version.version;
    const saleFacts = sql`sold_at, product_code, branch_code, staff_code, campaign_code`;
    const [row] = await queryRows<{ sales_checked: number; created: number; updated: number; reopened: number }>(tx, sql`
      WITH ${firedFindings(window, scope)},
      prior AS (
        SELECT f.id, f.customer_id, f.sale_id, f.rule_code, f.status,
          (f.rule_version, f.severity, f.facts, f.sold_at, f.product_code, f.branch_code, f.staff_code, f.campaign_code)
            IS DISTINCT FROM (${version}::int, d.severity, d.facts, d.sold_at, d.product_code, d.branch_code, d.staff_code, d.campaign_code) AS changed
        FROM fired d
        JOIN compliance_findings f ON f.customer_id = d.customer_id AND f.sale_id = d.sale_id AND f.rule_code = d.rule_code
      ),
      written AS (
        INSERT INTO compliance_findings AS cf (customer_id, sale_id, rule_code, rule_version, severity, facts, status, ${saleFacts}, last_scanned_at)
        SELECT customer_id, sale_id, rule_code, ${version}::int, severity, facts, 'open', ${saleFacts}, ${scanAt} FROM fired
        ON CONFLICT (customer_id, sale_id, rule_code) DO UPDATE SET
          rule_version = EXCLUDED.rule_version,
          severity = EXCLUDED.severity,
          facts = EXCLUDED.facts,
          sold_at = EXCLUDED.sold_at,
          product_code = EXCLUDED.product_code,
          branch_code = EXCLUDED.branch_code,
          staff_code = EXCLUDED.staff_code,
          campaign_code = EXCLUDED.campaign_code,
          last_scanned_at = EXCLUDED.last_scanned_at,
          status = CASE WHEN cf.status = 'withdrawn' THEN 'open' ELSE cf.status END,
          decided_by = CASE WHEN cf.status = 'withdrawn' THEN NULL ELSE cf.decided_by END,
          decided_at = CASE WHEN cf.status = 'withdrawn' THEN NULL ELSE cf.decided_at END,
          updated_at = CASE
            WHEN cf.status = 'withdrawn'
              OR (cf.rule_version, cf.severity, cf.facts, cf.sold_at, cf.product_code, cf.branch_code, cf.staff_code, cf.campaign_code)
                IS DISTINCT FROM (EXCLUDED.rule_version, EXCLUDED.severity, EXCLUDED.facts, EXCLUDED.sold_at, EXCLUDED.product_code,
                  EXCLUDED.branch_code, EXCLUDED.staff_code, EXCLUDED.campaign_code)
            THEN now() ELSE cf.updated_at END
        WHERE cf.status IN (${REVIEWABLE}, 'withdrawn')
        RETURNING 1
      ),
      reopened AS (
        INSERT INTO finding_reviews (finding_id, customer_id, reviewer_id, from_status, to_status, reason)
        SELECT id, customer_id, NULL, 'withdrawn', 'open', 'raised again by a scan' FROM prior WHERE status = 'withdrawn'
        RETURNING 1
      )
      SELECT
        (SELECT count(*) FROM sale)::int AS sales_checked,
        (SELECT count(*) FROM fired d WHERE NOT EXISTS (
          SELECT 1 FROM prior p WHERE p.customer_id = d.customer_id AND p.sale_id = d.sale_id AND p.rule_code = d.rule_code))::int AS created,
        (SELECT count(*) FROM prior WHERE status IN (${REVIEWABLE}) AND changed)::int AS updated,
        (SELECT count(*) FROM reopened)::int AS reopened,
        (SELECT count(*) FROM written)::int AS written`);
    return {
      salesChecked: Number(row?.sales_checked ?? 0),
      findingsCreated: Number(row?.created ?? 0),
      findingsUpdated: Number(row?.updated ?? 0),
      findingsReopened: Number(row?.reopened ?? 0),
    };
  }

  /** Open findings of the scope this scan did not raise again (last_scanned_at before it) become withdrawn. */
  private async withdrawUnseen(tx: Transaction, scope: ScanScope, scanAt: SQL, day: string): Promise<number> {
    const [row] = await queryRows<{ withdrawn: number }>(tx, sql`
      WITH stale AS (
        SELECT f.customer_id, f.id, f.status FROM compliance_findings f
        WHERE f.status IN (${REVIEWABLE}) AND f.last_scanned_at < ${scanAt} AND ${scopeFindings(scope, 'f')}
        FOR UPDATE
      ),
      gone AS (
        UPDATE compliance_findings f
        SET status = 'withdrawn', decided_by = NULL, decided_at = ${scanAt}, updated_at = now()
        FROM stale
        WHERE f.customer_id = stale.customer_id AND f.id = stale.id
        RETURNING f.id, f.customer_id, stale.status AS from_status
      ),
      reviews AS (
        INSERT INTO finding_reviews (finding_id, customer_id, reviewer_id, from_status, to_status, reason)
        SELECT id, customer_id, NULL, from_status, 'withdrawn', ${`no longer raised by the scan of ${day}`} FROM gone
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM gone)::int AS withdrawn, (SELECT count(*) FROM reviews)::int AS reviews`);
    return Number(row?.withdrawn ?? 0);
  }

  /** Records a scan as started; returns its id. */
  async startScan(params: { reason: string; scope: string; runId: string | null }): Promise<string> {
    const [row] = await queryRows<{ id: string }>(this.db, sql`
      INSERT INTO compliance_scans (reason, scope, run_id) VALUES (${params.reason}, ${params.scope}, ${params.runId}::uuid)
      RETURNING id`);
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return row.id;
  }

  async finishScan(id: string, counts: ScanCounts): Promise<ComplianceScanRow> {
    const [row] = await queryRows<RawScanRow>(this.db, sql`
      UPDATE compliance_scans SET finished_at = now(), sales_checked = ${counts.salesChecked},
        findings_created = ${counts.findingsCreated}, findings_updated = ${counts.findingsUpdated + counts.findingsReopened},
        findings_withdrawn = ${counts.findingsWithdrawn}
      WHERE id = ${id}::uuid
      RETURNING ${SCAN_COLUMNS}`);
    if (!row) throw new Error(`compliance scan ${id} is not recorded`);
    return toScanRow(row);
  }

  /** The latest scans, newest first. */
  async listScans(limit: number): Promise<ComplianceScanRow[]> {
    const rows = await queryRows<RawScanRow>(this.db, sql`
      SELECT ${SCAN_COLUMNS} FROM compliance_scans ORDER BY started_at DESC, id LIMIT ${limit}`);
    return rows.map(toScanRow);
  }
}
