import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tstz, updatedAt } from './columns';

/** Compliance thresholds, severities and the C→R grid as a versioned setting (RULES.md). */
export const complianceRuleSets = pgTable('compliance_rule_sets', {
  version: serial('version').primaryKey(),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
});

export const complianceFindings = pgTable(
  'compliance_findings',
  {
    id: uuid('id').notNull().defaultRandom(),
    customerId: text('customer_id').notNull(),
    saleId: text('sale_id').notNull(),
    ruleCode: text('rule_code').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    severity: text('severity').notNull(),
    /** The facts the finding was decided on, e.g. { customerRisk: 'C2', productRisk: 'R4' }. */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull().default('open'),
    /** Copied from the sale so the queue filters and the figures need no join to the big sales table. */
    soldAt: date('sold_at', { mode: 'string' }).notNull(),
    productCode: text('product_code').notNull(),
    branchCode: text('branch_code'),
    staffCode: text('staff_code'),
    campaignCode: text('campaign_code'),
    /** Four eyes: the first approval of a high-severity finding waits here for a second, different reviewer. */
    firstApproverId: uuid('first_approver_id'),
    firstApprovedAt: tstz('first_approved_at'),
    /** Who made the last decision and when (the full history is in finding_reviews and audit_log). */
    decidedBy: uuid('decided_by'),
    decidedAt: tstz('decided_at'),
    /** The evidence that cleared the finding (status `cleared`). */
    clearedByEvidenceId: uuid('cleared_by_evidence_id'),
    /** Last scan that found the rule still firing (status `withdrawn` when a later scan no longer does). */
    lastScannedAt: tstz('last_scanned_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    uniqueIndex('compliance_findings_sale_rule_uq').on(t.customerId, t.saleId, t.ruleCode),
    index('compliance_findings_status_idx').on(t.status, t.severity),
    index('compliance_findings_sold_at_idx').on(t.soldAt),
    index('compliance_findings_rule_idx').on(t.ruleCode, t.soldAt),
    index('compliance_findings_branch_idx').on(t.branchCode),
    index('compliance_findings_id_idx').on(t.id),
  ],
);

/** Review transitions (open → approved | rejected | escalated); never updated or deleted. */
export const findingReviews = pgTable(
  'finding_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    findingId: uuid('finding_id').notNull(),
    customerId: text('customer_id').notNull(),
    /** Null for transitions the platform made itself (cleared by evidence, withdrawn by a re-scan). */
    reviewerId: uuid('reviewer_id'),
    reviewerRole: text('reviewer_role'),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    reason: text('reason').notNull(),
    evidenceId: uuid('evidence_id'),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [index('finding_reviews_finding_idx').on(t.findingId)],
);

/**
 * What crossed which threshold when: one row per dimension value, metric and month; re-evaluating updates
 * the value and `last_evaluated_at`, never duplicates, and keeps `first_detected_at`.
 */
export const complianceAlerts = pgTable(
  'compliance_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** branch | staff | product | campaign */
    dimension: text('dimension').notNull(),
    dimensionKey: text('dimension_key').notNull(),
    /** mismatch_rate | cooling_off_rate | complaints_per_100m_premium | complaints_per_10k_policies | persistency_13m */
    metric: text('metric').notNull(),
    /** First day of the month the figure covers. */
    period: date('period', { mode: 'string' }).notNull(),
    value: doublePrecision('value').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    /** above: the value must stay at or below the threshold; below: at or above (persistency). */
    direction: text('direction').notNull(),
    sales: integer('sales').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    /** active while the figure is over its threshold; resolved once a later evaluation finds it back within. */
    status: text('status').notNull().default('active'),
    firstDetectedAt: tstz('first_detected_at').notNull().defaultNow(),
    lastEvaluatedAt: tstz('last_evaluated_at').notNull().defaultNow(),
    resolvedAt: tstz('resolved_at'),
  },
  (t) => [
    uniqueIndex('compliance_alerts_uq').on(t.dimension, t.dimensionKey, t.metric, t.period),
    index('compliance_alerts_status_idx').on(t.status, t.firstDetectedAt),
  ],
);

/** One row per compliance scan: what triggered it, what it covered and what it changed. */
export const complianceScans = pgTable(
  'compliance_scans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reason: text('reason').notNull(),
    /** The ingestion run that triggered it, if any. */
    runId: uuid('run_id'),
    /** all | sales | customers | products | staff | complaints */
    scope: text('scope').notNull(),
    startedAt: tstz('started_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
    salesChecked: integer('sales_checked'),
    findingsCreated: integer('findings_created'),
    findingsUpdated: integer('findings_updated'),
    findingsWithdrawn: integer('findings_withdrawn'),
  },
  (t) => [index('compliance_scans_started_idx').on(t.startedAt)],
);

/** Declarations, recordings and approvals attached to a sale; they clear the rules that allow it. */
export const saleEvidence = pgTable(
  'sale_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: text('customer_id').notNull(),
    saleId: text('sale_id').notNull(),
    kind: text('kind').notNull(),
    reference: text('reference').notNull(),
    clears: text('clears').array().notNull().default([]),
    addedBy: uuid('added_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [index('sale_evidence_sale_idx').on(t.customerId, t.saleId)],
);
