import { date, index, integer, jsonb, pgTable, primaryKey, serial, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.id] }),
    uniqueIndex('compliance_findings_sale_rule_uq').on(t.customerId, t.saleId, t.ruleCode),
    index('compliance_findings_status_idx').on(t.status, t.severity),
  ],
);

/** Review transitions (open → approved | rejected | escalated); never updated or deleted. */
export const findingReviews = pgTable(
  'finding_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    findingId: uuid('finding_id').notNull(),
    customerId: text('customer_id').notNull(),
    reviewerId: uuid('reviewer_id').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('finding_reviews_finding_idx').on(t.findingId)],
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
