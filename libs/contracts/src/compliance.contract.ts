import { z } from 'zod';
import {
  ALERT_DIMENSIONS,
  ALERT_METRICS,
  CUSTOMER_RISK_LEVELS,
  EVIDENCE_KINDS,
  FINDING_STATUSES,
  PRODUCT_CATEGORIES,
  PRODUCT_RISK_LEVELS,
  REVIEW_DECISIONS,
  RULE_CODES,
  SEVERITIES,
} from '@banca/domain';
import { calendarDateSchema } from './segments.contract';

export const ruleCodeSchema = z.enum(RULE_CODES);
export const severitySchema = z.enum(SEVERITIES);
export const findingStatusSchema = z.enum(FINDING_STATUSES);
export const reviewDecisionSchema = z.enum(REVIEW_DECISIONS);
export const evidenceKindSchema = z.enum(EVIDENCE_KINDS);
export const alertMetricSchema = z.enum(ALERT_METRICS);
export const alertDimensionSchema = z.enum(ALERT_DIMENSIONS);
export const exportFormatSchema = z.enum(['csv', 'arrow']);

const count = z.number().int().nonnegative();
/** A share between 0 and 1; null when the group is empty. */
const share = z.number().min(0).max(1).nullable();
const code = z.string().trim().min(1).max(100);
const reason = z.string().trim().min(3, 'say why, in a few words').max(2000);
const isoDateTime = z.string().datetime({ offset: true });
/** Facts a rule was decided on: plain values only. */
const factsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

// ---------------------------------------------------------------------------------------------------
// Settings: thresholds, severities and the C→R grid, versioned with effective dates

const categories = z.array(z.enum(PRODUCT_CATEGORIES));
const amount = z.number().positive().lt(1e16);
const years = z.number().int().min(0).max(150);

export const alertThresholdsSchema = z.strictObject({
  mismatchRate: z.number().min(0).max(1),
  mismatchMinSeverity: severitySchema,
  coolingOffRate: z.number().min(0).max(1),
  complaintsPer100mPremium: z.number().nonnegative().lt(1e9),
  complaintsPer10kPolicies: z.number().nonnegative().lt(1e9),
  persistency13m: z.number().min(0).max(1),
  minSales: z.number().int().min(1).max(1_000_000),
});

/** Mirrors `ComplianceSettings` of libs/domain; every field is required, so a version is complete on its own. */
export const complianceSettingsSchema = z.strictObject({
  severities: z.strictObject(Object.fromEntries(RULE_CODES.map((c) => [c, severitySchema])) as Record<(typeof RULE_CODES)[number], typeof severitySchema>),
  riskGrid: z.strictObject(
    Object.fromEntries(CUSTOMER_RISK_LEVELS.map((c) => [c, z.enum(PRODUCT_RISK_LEVELS)])) as Record<
      (typeof CUSTOMER_RISK_LEVELS)[number],
      z.ZodEnum<{ [K in (typeof PRODUCT_RISK_LEVELS)[number]]: K }>
    >,
  ),
  assessmentRequiredCategories: z.union([z.literal('all'), categories]),
  assessmentValidityMonths: z.number().int().min(1).max(120),
  nonGuaranteedCategories: categories,
  elderlyAge: years,
  elderlyRegularPremiumAge: years,
  lowIncome: z.strictObject({ national: amount, regions: z.record(z.string().trim().min(1).max(100), amount) }),
  affordabilitySingleMultiple: z.number().positive().max(1000),
  affordabilityRegularShare: z.number().positive().max(1),
  affordabilityHorizonAge: years,
  insuranceCategories: categories,
  lifeCoverCategories: categories,
  lifeCoverMinTermYears: years,
  outletChannels: z.array(code),
  bankChannels: z.array(code),
  dualRecordingAge: years,
  investmentLinkedExperienceMonths: z.number().int().min(0).max(600),
  protectionCategories: categories,
  evidenceClears: z.strictObject({
    declaration: z.array(ruleCodeSchema),
    recording: z.array(ruleCodeSchema),
    approval: z.array(ruleCodeSchema),
  }),
  alerts: alertThresholdsSchema,
});
export type ComplianceSettingsDto = z.infer<typeof complianceSettingsSchema>;

export const createComplianceRuleSetRequestSchema = z.strictObject({
  settings: complianceSettingsSchema,
  effectiveFrom: calendarDateSchema,
  note: z.string().trim().max(500).optional(),
});
export type CreateComplianceRuleSetRequest = z.infer<typeof createComplianceRuleSetRequestSchema>;

export const complianceRuleSetSchema = z.object({
  version: z.number().int().positive(),
  settings: complianceSettingsSchema,
  effectiveFrom: calendarDateSchema,
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: isoDateTime,
  /** True for the version in force today. */
  inForce: z.boolean(),
});
export type ComplianceRuleSetDto = z.infer<typeof complianceRuleSetSchema>;

export const complianceRuleSetListSchema = z.object({
  versions: z.array(complianceRuleSetSchema),
  inForceVersion: z.number().int().nullable(),
  /** RULES.md defaults, for "reset to defaults" in the settings page. */
  defaults: complianceSettingsSchema,
});
export type ComplianceRuleSetListDto = z.infer<typeof complianceRuleSetListSchema>;

export const createComplianceRuleSetResponseSchema = z.object({
  ruleSet: complianceRuleSetSchema,
  /** The re-scan the new version started. */
  scanJobId: z.string(),
});
export type CreateComplianceRuleSetResponse = z.infer<typeof createComplianceRuleSetResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Findings and the review queue

/** Queue filters; every one lives in the dashboard URL too. Dates filter on the sale date. */
export const findingListQuerySchema = z.object({
  severity: severitySchema.optional(),
  ruleCode: ruleCodeSchema.optional(),
  status: findingStatusSchema.optional(),
  branchCode: code.optional(),
  staffCode: code.optional(),
  productCode: code.optional(),
  campaignCode: code.optional(),
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type FindingListQuery = z.infer<typeof findingListQuerySchema>;

export const findingSummarySchema = z.object({
  id: z.uuid(),
  saleId: z.string(),
  ruleCode: ruleCodeSchema,
  ruleVersion: z.number().int(),
  severity: severitySchema,
  status: findingStatusSchema,
  facts: factsSchema,
  soldAt: calendarDateSchema,
  productCode: z.string(),
  branchCode: z.string().nullable(),
  staffCode: z.string().nullable(),
  campaignCode: z.string().nullable(),
  /** Pseudonymous customer reference (first 12 characters of the pseudonym). */
  customerRef: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Set while a high-severity finding waits for its second approval. */
  firstApproverId: z.string().nullable(),
});
export type FindingSummaryDto = z.infer<typeof findingSummarySchema>;

export const findingListResponseSchema = z.object({
  items: z.array(findingSummarySchema),
  total: count,
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  /** Findings per status under the same filters (status filter aside), for the queue's tabs. */
  statusCounts: z.array(z.object({ status: findingStatusSchema, findings: count })),
});
export type FindingListResponse = z.infer<typeof findingListResponseSchema>;

export const evidenceSchema = z.object({
  id: z.uuid(),
  saleId: z.string(),
  kind: evidenceKindSchema,
  reference: z.string(),
  /** Rules this evidence clears (from the settings in force when it was added). */
  clears: z.array(ruleCodeSchema),
  addedBy: z.string().nullable(),
  createdAt: isoDateTime,
  revokedAt: isoDateTime.nullable(),
});
export type EvidenceDto = z.infer<typeof evidenceSchema>;

export const findingReviewSchema = z.object({
  id: z.uuid(),
  fromStatus: findingStatusSchema,
  toStatus: findingStatusSchema,
  reason: z.string(),
  /** Null for what the platform did itself (cleared by evidence, withdrawn by a re-scan). */
  reviewerId: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewerRole: z.string().nullable(),
  evidenceId: z.string().nullable(),
  createdAt: isoDateTime,
});
export type FindingReviewDto = z.infer<typeof findingReviewSchema>;

export const findingDetailSchema = z.object({
  finding: findingSummarySchema,
  sale: z.object({
    saleId: z.string(),
    soldAt: calendarDateSchema,
    amount: z.number(),
    currency: z.string(),
    premiumMode: z.string().nullable(),
    channel: z.string().nullable(),
    branchCode: z.string().nullable(),
    staffCode: z.string().nullable(),
    campaignCode: z.string().nullable(),
    status: z.string(),
    statusAt: calendarDateSchema.nullable(),
    dualRecording: z.boolean().nullable(),
    customerRiskLevelAtSale: z.string().nullable(),
  }),
  /** The customer as they were at the sale date (the snapshot in force then), pseudonymised; null when none. */
  customerAtSale: z
    .object({
      customerRef: z.string(),
      asOf: calendarDateSchema,
      ageAtSale: z.number().int().nullable(),
      region: z.string().nullable(),
      riskLevel: z.string().nullable(),
      riskAssessedAt: calendarDateSchema.nullable(),
      monthlyIncome: z.number().nullable(),
      householdAnnualIncome: z.number().nullable(),
      consentMarketing: z.boolean().nullable(),
      consentDataSharing: z.boolean().nullable(),
    })
    .nullable(),
  product: z.object({
    productCode: z.string(),
    name: z.string(),
    provider: z.string(),
    category: z.string(),
    /** The rating used: the higher of the product's own and every partner's. */
    riskLevel: z.string(),
    ratings: z.array(z.object({ ratedBy: z.string(), riskLevel: z.string() })),
    premiumMode: z.string().nullable(),
    termYears: z.number().int().nullable(),
  }),
  rule: z.object({ code: ruleCodeSchema, version: z.number().int(), effectiveFrom: calendarDateSchema, severity: severitySchema }),
  evidence: z.array(evidenceSchema),
  history: z.array(findingReviewSchema),
  /** Decisions the signed-in user may take now (empty for readers, or for the first approver of a four-eyes finding). */
  allowedDecisions: z.array(reviewDecisionSchema),
});
export type FindingDetailDto = z.infer<typeof findingDetailSchema>;

export const findingDecisionRequestSchema = z.strictObject({ decision: reviewDecisionSchema, reason });
export type FindingDecisionRequest = z.infer<typeof findingDecisionRequestSchema>;

/** Bulk decisions: for low and info severity only; each finding is decided or refused with its reason. */
export const bulkFindingDecisionRequestSchema = z.strictObject({
  findingIds: z.array(z.uuid()).min(1).max(500),
  decision: z.enum(['approve', 'reject']),
  reason,
});
export type BulkFindingDecisionRequest = z.infer<typeof bulkFindingDecisionRequestSchema>;

export const bulkFindingDecisionResponseSchema = z.object({
  decided: z.array(z.object({ id: z.uuid(), status: findingStatusSchema })),
  refused: z.array(z.object({ id: z.uuid(), reason: z.string() })),
});
export type BulkFindingDecisionResponse = z.infer<typeof bulkFindingDecisionResponseSchema>;

export const addEvidenceRequestSchema = z.strictObject({
  kind: evidenceKindSchema,
  /** Where the document or recording is kept (document number, archive reference). */
  reference: z.string().trim().min(1).max(500),
});
export type AddEvidenceRequest = z.infer<typeof addEvidenceRequestSchema>;

export const addEvidenceResponseSchema = z.object({
  evidence: evidenceSchema,
  /** Findings of the sale this evidence cleared. */
  clearedFindingIds: z.array(z.uuid()),
});
export type AddEvidenceResponse = z.infer<typeof addEvidenceResponseSchema>;

/** The evidence of one sale, revoked pieces included, oldest first. */
export const evidenceListResponseSchema = z.object({ evidence: z.array(evidenceSchema) });
export type EvidenceListResponse = z.infer<typeof evidenceListResponseSchema>;

export const revokeEvidenceRequestSchema = z.strictObject({ reason });
export type RevokeEvidenceRequest = z.infer<typeof revokeEvidenceRequestSchema>;

// ---------------------------------------------------------------------------------------------------
// Scans

export const complianceScanSchema = z.object({
  id: z.uuid(),
  reason: z.string(),
  scope: z.string(),
  runId: z.string().nullable(),
  startedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  salesChecked: count.nullable(),
  findingsCreated: count.nullable(),
  findingsUpdated: count.nullable(),
  findingsWithdrawn: count.nullable(),
});
export type ComplianceScanDto = z.infer<typeof complianceScanSchema>;

export const complianceScanListSchema = z.object({ scans: z.array(complianceScanSchema) });
export type ComplianceScanListDto = z.infer<typeof complianceScanListSchema>;

// ---------------------------------------------------------------------------------------------------
// Figures and alerts (each figure table also downloads as CSV and Arrow with ?format=csv|arrow)

/** Period filter of the figures, on the sale date; default: the last 12 months to today. */
export const complianceFiguresQuerySchema = z.object({
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  branchCode: code.optional(),
  format: exportFormatSchema.optional(),
});
export type ComplianceFiguresQuery = z.infer<typeof complianceFiguresQuerySchema>;

/** Mismatch rate by rule and severity per month: sales with a finding / sales checked. */
export const mismatchTrendResponseSchema = z.object({
  from: calendarDateSchema,
  to: calendarDateSchema,
  months: z.array(
    z.object({
      month: calendarDateSchema,
      sales: count,
      /** Sales with at least one finding of each severity, and of any severity but info. */
      bySeverity: z.array(z.object({ severity: severitySchema, sales: count, rate: share })),
      byRule: z.array(z.object({ ruleCode: ruleCodeSchema, sales: count, rate: share })),
      mismatchRate: share,
    }),
  ),
  lastScanAt: isoDateTime.nullable(),
});
export type MismatchTrendResponse = z.infer<typeof mismatchTrendResponseSchema>;

/** Branch × rule: findings and the share of the branch's sales with that rule's finding. */
export const branchRuleHeatmapResponseSchema = z.object({
  from: calendarDateSchema,
  to: calendarDateSchema,
  ruleCodes: z.array(ruleCodeSchema),
  branches: z.array(
    z.object({
      branchCode: z.string(),
      branchName: z.string().nullable(),
      sales: count,
      cells: z.array(z.object({ ruleCode: ruleCodeSchema, findings: count, rate: share })),
    }),
  ),
  lastScanAt: isoDateTime.nullable(),
});
export type BranchRuleHeatmapResponse = z.infer<typeof branchRuleHeatmapResponseSchema>;

export const dimensionFiguresQuerySchema = complianceFiguresQuerySchema.extend({ dimension: alertDimensionSchema });
export type DimensionFiguresQuery = z.infer<typeof dimensionFiguresQuerySchema>;

/** Per branch, staff member, product or campaign: mismatch, cooling-off cancellations, mis-selling complaints. */
export const dimensionFiguresResponseSchema = z.object({
  dimension: alertDimensionSchema,
  from: calendarDateSchema,
  to: calendarDateSchema,
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string().nullable(),
      sales: count,
      salesWithFinding: count,
      mismatchRate: share,
      highFindings: count,
      coolingOffCancellations: count,
      coolingOffRate: share,
      misSellingComplaints: count,
      premium: z.number(),
      complaintsPer100mPremium: z.number().nullable(),
      complaintsPer10kPolicies: z.number().nullable(),
    }),
  ),
  lastScanAt: isoDateTime.nullable(),
});
export type DimensionFiguresResponse = z.infer<typeof dimensionFiguresResponseSchema>;

export const alertListQuerySchema = z.object({
  status: z.enum(['active', 'resolved']).optional(),
  dimension: alertDimensionSchema.optional(),
  metric: alertMetricSchema.optional(),
  format: exportFormatSchema.optional(),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const complianceAlertSchema = z.object({
  id: z.uuid(),
  dimension: alertDimensionSchema,
  dimensionKey: z.string(),
  label: z.string().nullable(),
  metric: alertMetricSchema,
  period: calendarDateSchema,
  value: z.number(),
  threshold: z.number(),
  direction: z.enum(['above', 'below']),
  sales: count,
  ruleVersion: z.number().int(),
  status: z.enum(['active', 'resolved']),
  firstDetectedAt: isoDateTime,
  lastEvaluatedAt: isoDateTime,
  resolvedAt: isoDateTime.nullable(),
});
export type ComplianceAlertDto = z.infer<typeof complianceAlertSchema>;

export const alertListResponseSchema = z.object({ alerts: z.array(complianceAlertSchema), lastEvaluatedAt: isoDateTime.nullable() });
export type AlertListResponse = z.infer<typeof alertListResponseSchema>;
