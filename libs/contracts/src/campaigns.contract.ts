import { z } from 'zod';
import {
  AUDIENCE_GROUPS,
  AUDIENCE_STATUSES,
  BUDGET_LINES,
  CAMPAIGN_BREAKDOWN_DIMENSIONS,
  CAMPAIGN_EVENT_TYPES,
  CAMPAIGN_EXCLUSION_REASONS,
  CAMPAIGN_ORIGINS,
  CAMPAIGN_STATUSES,
  DEFAULT_ATTRIBUTION_DAYS,
  DEFAULT_CONTACT_POLICY,
  DEFAULT_HOLDOUT_SHARE,
  GOAL_METRICS,
  MAX_HOLDOUT_SHARE,
  OFFER_KINDS,
  PERIOD_GRAINS,
  PREMIUM_MODES,
  SALE_STATUSES,
  TIERS,
} from '@banca/domain';
import { campaignCodeSchema } from './analytics.contract';
import { exportFormatSchema } from './compliance.contract';
import { calendarDateSchema, segmentRuleSchema } from './segments.contract';

/**
 * Campaigns planned, launched and measured in the platform (issue 5; DATA.md "Campaigns" and "Metric
 * definitions"). Money is CNY as numbers; shares are 0–1; a figure over an empty group is null, never 0.
 */

export const campaignStatusSchema = z.enum(CAMPAIGN_STATUSES);
export const campaignOriginSchema = z.enum(CAMPAIGN_ORIGINS);
export const audienceStatusSchema = z.enum(AUDIENCE_STATUSES);
export const audienceGroupSchema = z.enum(AUDIENCE_GROUPS);
export const exclusionReasonSchema = z.enum(CAMPAIGN_EXCLUSION_REASONS);
export const campaignBreakdownDimensionSchema = z.enum(CAMPAIGN_BREAKDOWN_DIMENSIONS);
export const periodGrainSchema = z.enum(PERIOD_GRAINS);
export const budgetLineSchema = z.enum(BUDGET_LINES);

const count = z.number().int().nonnegative();
const money = z.number().nonnegative().lt(1e15);
const share = z.number().min(0).max(1);
const isoDateTime = z.string().datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max);
const partner = z.string().trim().min(1, 'name the partner').max(200);
const productCode = z.string().trim().min(1).max(100);
const channel = z.string().trim().min(1).max(50);

// ---------------------------------------------------------------------------------------------------
// The plan

export const campaignTargetSchema = z.strictObject({
  tiers: z.array(z.enum(TIERS)).max(TIERS.length).default([]),
  segmentIds: z.array(z.string().uuid()).max(20).default([]),
  filter: segmentRuleSchema.nullable().default(null),
});

export const campaignOfferSchema = z.strictObject({
  kind: z.enum(OFFER_KINDS),
  description: text(500).default(''),
  rate: share.nullable().default(null),
  costPerRedemption: money.default(0),
});

export const campaignGoalSchema = z.strictObject({ metric: z.enum(GOAL_METRICS), target: z.number().nonnegative().lt(1e15) });

export const contactPolicySchema = z.strictObject({
  maxContacts: z.number().int().min(1).max(100),
  periodDays: z.number().int().min(1).max(366),
});

/**
 * POST /api/v1/campaigns: a new draft. Field shapes are checked here; what depends on several fields
 * (dates in order, budget lines within the budget, holdout 0–50 %) by `campaignPlanProblems` of libs/domain,
 * every problem reported at once with its field.
 */
export const campaignPlanSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/, 'letters, digits, "_", "." and "-", 2–64 characters'),
  name: z.string().trim().min(1, 'give the campaign a name').max(200),
  description: text(4000).default(''),
  bankPartner: partner,
  insurerPartner: partner,
  startDate: calendarDateSchema,
  endDate: calendarDateSchema,
  attributionDays: z.number().int().min(0).max(365).default(DEFAULT_ATTRIBUTION_DAYS),
  target: campaignTargetSchema.default({ tiers: [], segmentIds: [], filter: null }),
  productCodes: z.array(productCode).max(20).default([]),
  offer: campaignOfferSchema.default({ kind: 'none', description: '', rate: null, costPerRedemption: 0 }),
  channels: z.array(channel).max(20).default([]),
  budget: money.default(0),
  budgetLines: z.partialRecord(budgetLineSchema, money).default({}),
  goal: campaignGoalSchema.nullable().default(null),
  holdoutShare: z.number().min(0).max(MAX_HOLDOUT_SHARE, 'the holdout is at most 50 %').default(DEFAULT_HOLDOUT_SHARE),
  contactPolicy: contactPolicySchema.default(DEFAULT_CONTACT_POLICY),
});
export type CampaignPlanRequest = z.infer<typeof campaignPlanSchema>;

/** PATCH /api/v1/campaigns/:code: any plan field but the code. After launch the audience fields are locked. */
export const campaignPatchSchema = campaignPlanSchema.omit({ code: true }).partial();
export type CampaignPatchRequest = z.infer<typeof campaignPatchSchema>;

export const campaignParamsSchema = z.object({ code: campaignCodeSchema });
export type CampaignParams = z.infer<typeof campaignParamsSchema>;

/** POST /api/v1/campaigns/:code/cancel */
export const cancelCampaignSchema = z.strictObject({ reason: z.string().trim().min(3, 'say why, in a few words').max(2000) });
export type CancelCampaignRequest = z.infer<typeof cancelCampaignSchema>;

/** The audience a launch built: sizes per arm and how many were left out, per reason. */
export const audienceSummarySchema = z.object({
  status: audienceStatusSchema,
  /** The build job (`<queue>:<id>`) while building or after it ran. */
  jobId: z.string().nullable(),
  builtAt: isoDateTime.nullable(),
  /** The date eligibility was decided on (consent, contact counts, the compliance rules in force). */
  decidedOn: calendarDateSchema.nullable(),
  targeted: count,
  eligible: count,
  treatment: count,
  holdout: count,
  excluded: z.record(exclusionReasonSchema, count),
  error: z.string().nullable(),
});
export type AudienceSummaryDto = z.infer<typeof audienceSummarySchema>;

export const campaignSchema = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  origin: campaignOriginSchema,
  status: campaignStatusSchema,
  bankPartner: z.string().nullable(),
  insurerPartner: z.string().nullable(),
  startDate: calendarDateSchema,
  endDate: calendarDateSchema,
  attributionDays: count,
  /** endDate + attributionDays: sales up to this date (included) count. */
  windowEnd: calendarDateSchema,
  target: campaignTargetSchema,
  productCodes: z.array(z.string()),
  offer: campaignOfferSchema,
  channels: z.array(z.string()),
  budget: money,
  budgetLines: z.partialRecord(budgetLineSchema, money),
  goal: campaignGoalSchema.nullable(),
  holdoutShare: share,
  contactPolicy: contactPolicySchema,
  audience: audienceSummarySchema,
  launchedAt: isoDateTime.nullable(),
  completedAt: isoDateTime.nullable(),
  cancelledAt: isoDateTime.nullable(),
  cancelReason: z.string().nullable(),
  /** What is missing before a launch (empty when it can launch), each with its field. */
  launchProblems: z.array(z.object({ field: z.string(), message: z.string() })),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type CampaignDto = z.infer<typeof campaignSchema>;

/** POST /api/v1/campaigns/:code/launch → 202: the campaign (audience building) and the job to follow. */
export const launchCampaignResponseSchema = z.object({ campaign: campaignSchema, jobId: z.string() });
export type LaunchCampaignResponse = z.infer<typeof launchCampaignResponseSchema>;

export const campaignListQuerySchema = z.object({
  status: campaignStatusSchema.optional(),
  origin: campaignOriginSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
export type CampaignListQuery = z.infer<typeof campaignListQuerySchema>;

/** One row of the campaign list: the plan at a glance and its headline figures from the rollups. */
export const campaignListItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  origin: campaignOriginSchema,
  status: campaignStatusSchema,
  bankPartner: z.string().nullable(),
  insurerPartner: z.string().nullable(),
  startDate: calendarDateSchema,
  endDate: calendarDateSchema,
  audienceStatus: audienceStatusSchema,
  treatment: count,
  holdout: count,
  conversionTreatment: share.nullable(),
  conversionHoldout: share.nullable(),
  /** Uplift in points (rate T − rate H); null without a holdout or before the first rollup. */
  upliftPoints: z.number().nullable(),
  upliftSignificant: z.boolean().nullable(),
  budget: money,
  spent: money,
  refreshedAt: isoDateTime.nullable(),
});
export const campaignListSchema = z.object({ items: z.array(campaignListItemSchema) });
export type CampaignListItemDto = z.infer<typeof campaignListItemSchema>;
export type CampaignListDto = z.infer<typeof campaignListSchema>;

// ---------------------------------------------------------------------------------------------------
// Spend against budget

/** POST /api/v1/campaigns/:code/spend: money spent on one budget line. */
export const recordSpendSchema = z.strictObject({
  line: budgetLineSchema,
  amount: z.number().positive().lt(1e12),
  spentOn: calendarDateSchema,
  note: text(500).default(''),
});
export type RecordSpendRequest = z.infer<typeof recordSpendSchema>;

export const spendEntrySchema = z.object({
  id: z.string().uuid(),
  line: budgetLineSchema,
  amount: money,
  spentOn: calendarDateSchema,
  note: z.string(),
  createdAt: isoDateTime,
});
export const spendListSchema = z.object({
  items: z.array(spendEntrySchema),
  /** Recorded spend per line, plus `redemptions`: offer_redeemed events × the offer's cost per redemption. */
  byLine: z.record(z.string(), money),
  total: money,
  budget: money,
});
export type SpendEntryDto = z.infer<typeof spendEntrySchema>;
export type SpendListDto = z.infer<typeof spendListSchema>;

// ---------------------------------------------------------------------------------------------------
// Outcomes one at a time (integrations). customerId is the partner's raw identifier: it is pseudonymised
// on arrival, exactly as in a file, and never stored or echoed.

export const recordCampaignEventSchema = z.strictObject({
  customerId: z.string().trim().min(1).max(200),
  event: z.enum(CAMPAIGN_EVENT_TYPES),
  occurredAt: calendarDateSchema,
  channel: channel.optional(),
  group: audienceGroupSchema.optional(),
});
export type RecordCampaignEventRequest = z.infer<typeof recordCampaignEventSchema>;

/** POST /api/v1/sales: one sale or policy, the fields of DATA.md `sales`. */
export const recordSaleSchema = z.strictObject({
  saleId: z.string().trim().min(1).max(100),
  customerId: z.string().trim().min(1).max(200),
  productCode,
  soldAt: calendarDateSchema,
  amount: z.number().positive().lt(1e12),
  premiumMode: z.enum(PREMIUM_MODES).optional(),
  channel: channel.optional(),
  branchCode: z.string().trim().min(1).max(100).optional(),
  staffCode: z.string().trim().min(1).max(100).optional(),
  campaignCode: campaignCodeSchema.optional(),
  customerRiskLevelAtSale: z.string().trim().regex(/^C[1-5]$/).optional(),
  dualRecording: z.boolean().optional(),
  status: z.enum(SALE_STATUSES).default('active'),
  statusAt: calendarDateSchema.optional(),
  renewedAt: calendarDateSchema.optional(),
});
export type RecordSaleRequest = z.infer<typeof recordSaleSchema>;

/** What a one-at-a-time outcome did: created or updated, and the pseudonymous customer reference. */
export const recordOutcomeResponseSchema = z.object({
  outcome: z.enum(['created', 'updated', 'unchanged']),
  customerRef: z.string().regex(/^[0-9a-f]{12}$/),
  /** The rollup refresh queued for the campaigns the outcome touches. */
  refreshJobId: z.string().nullable(),
});
export type RecordOutcomeResponse = z.infer<typeof recordOutcomeResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Measurement (from the rollup tables; every response says when they were refreshed)

/** A rate with its 95 % Wilson interval; rate and interval null for an empty group. */
export const rateFigureSchema = z.object({
  customers: count,
  converted: count,
  rate: share.nullable(),
  interval: z.object({ low: share, high: share }).nullable(),
});
export type RateFigureDto = z.infer<typeof rateFigureSchema>;

/** rate(T) − rate(H): points with the unpooled 95 % interval, relative to rate(H), two-sided p-value. */
export const upliftSchema = z.object({
  points: z.number(),
  low: z.number(),
  high: z.number(),
  /** points / rate(H); null when the holdout converted nobody. */
  relative: z.number().nullable(),
  pValue: z.number().min(0).max(1),
  /** p < 0.05 */
  significant: z.boolean(),
});
export type UpliftDto = z.infer<typeof upliftSchema>;

/** Sample ratio check: chi-square (1 df) of observed arm sizes against the configured split; flagged at p < 0.001. */
export const sampleRatioSchema = z.object({
  expectedHoldoutShare: share,
  observedHoldoutShare: share,
  chiSquare: z.number().nonnegative(),
  pValue: z.number().min(0).max(1),
  flagged: z.boolean(),
});
export type SampleRatioDto = z.infer<typeof sampleRatioSchema>;

/** Money and retention figures of one arm (or one breakdown row). */
export const armOutcomeSchema = z.object({
  customers: count,
  contacted: count,
  responded: count,
  redeemed: count,
  optedOut: count,
  converted: count,
  /** Converting sales (offered products, in the window) and their annualised premium, fee income. */
  sales: count,
  premium: money,
  feeIncome: money,
  coolingOffCancelled: count,
  /** cancelled within cooling-off days / sales */
  coolingOffRate: share.nullable(),
  surrendered: count,
  surrenderRate: share.nullable(),
  /** 13-month persistency of the regular-premium converting sales old enough to be measured. */
  persistency13m: z.object({ due: count, byCount: share.nullable(), byPremium: share.nullable() }),
  /** Σ investable assets at the window end (or latest) / Σ at the start, same customers. */
  aumRetention: z.number().nonnegative().nullable(),
  complaints: count,
  misSellingComplaints: count,
  complaintsPer1000Sales: z.number().nonnegative().nullable(),
  complaintsPer100mPremium: z.number().nonnegative().nullable(),
  /** Customers holding an offered product's category at the start and at the window end (or latest). */
  penetrationBefore: share.nullable(),
  penetrationAfter: share.nullable(),
});
export type ArmOutcomeDto = z.infer<typeof armOutcomeSchema>;

export const campaignRefSchema = z.object({
  code: z.string(),
  name: z.string(),
  origin: campaignOriginSchema,
  status: campaignStatusSchema,
  startDate: calendarDateSchema,
  endDate: calendarDateSchema,
  windowEnd: calendarDateSchema,
  productCodes: z.array(z.string()),
  holdoutShare: share,
});

/** GET /api/v1/campaigns/:code/metrics */
export const campaignMetricsSchema = z.object({
  campaign: campaignRefSchema,
  /** When the rollup these figures come from was refreshed; null before the first refresh. */
  refreshedAt: isoDateTime.nullable(),
  funnel: z.object({ targeted: count, eligible: count, treatment: count, contacted: count, responded: count, converted: count }),
  conversion: z.object({ treatment: rateFigureSchema, holdout: rateFigureSchema }),
  hasHoldout: z.boolean(),
  /** null without a holdout (not available, rather than invented) or while an arm is empty. */
  uplift: upliftSchema.nullable(),
  sampleRatio: sampleRatioSchema.nullable(),
  /** uplift × |T|; null with the uplift. */
  incrementalSales: z.number().nullable(),
  treatment: armOutcomeSchema,
  holdout: armOutcomeSchema,
  money: z.object({
    premium: money,
    feeIncome: money,
    budget: money,
    spent: money,
    spentByLine: z.record(z.string(), money),
    /** (fee income − spent) / spent; null when nothing was spent. */
    roi: z.number().nullable(),
    /** spent / incremental sales; null when there are no incremental sales. */
    costPerAcquisition: z.number().nullable(),
  }),
  goal: z
    .object({ metric: z.enum(GOAL_METRICS), target: z.number(), actual: z.number().nullable(), progress: z.number().nullable() })
    .nullable(),
});
export type CampaignMetricsDto = z.infer<typeof campaignMetricsSchema>;

/** GET /api/v1/campaigns/:code/metrics/breakdown?by=…[&format=csv|arrow] */
export const breakdownQuerySchema = z.object({
  by: campaignBreakdownDimensionSchema,
  format: exportFormatSchema.optional(),
});
export type BreakdownQuery = z.infer<typeof breakdownQuerySchema>;

/**
 * One value of the dimension. Customer dimensions (tier at launch, branch, region) split the arms; sale
 * dimensions (channel, staff, product) attribute each converted customer to their first converting sale,
 * over the whole arm. `key` null: not recorded.
 */
export const breakdownRowSchema = z.object({
  key: z.string().nullable(),
  treatment: armOutcomeSchema,
  holdout: armOutcomeSchema,
  conversionTreatment: rateFigureSchema,
  conversionHoldout: rateFigureSchema,
  uplift: upliftSchema.nullable(),
});
export const breakdownResponseSchema = z.object({
  campaign: campaignRefSchema,
  refreshedAt: isoDateTime.nullable(),
  by: campaignBreakdownDimensionSchema,
  rows: z.array(breakdownRowSchema),
});
export type BreakdownRowDto = z.infer<typeof breakdownRowSchema>;
export type BreakdownResponse = z.infer<typeof breakdownResponseSchema>;

/** GET /api/v1/campaigns/:code/metrics/trend?grain=…[&format=csv|arrow] */
export const trendQuerySchema = z.object({ grain: periodGrainSchema.default('week'), format: exportFormatSchema.optional() });
export type TrendQuery = z.infer<typeof trendQuerySchema>;

const trendArm = z.object({
  contacted: count,
  responded: count,
  /** Customers whose first converting sale fell in the period. */
  converted: count,
  cumulativeConverted: count,
  cumulativeRate: share.nullable(),
  sales: count,
  premium: money,
  feeIncome: money,
  complaints: count,
  coolingOffCancelled: count,
});
export const trendRowSchema = z.object({
  /** First day of the period (Monday for weeks). */
  period: calendarDateSchema,
  treatment: trendArm,
  holdout: trendArm,
  /** Cumulative uplift up to the period's end. */
  uplift: upliftSchema.nullable(),
});
export const trendResponseSchema = z.object({
  campaign: campaignRefSchema,
  refreshedAt: isoDateTime.nullable(),
  grain: periodGrainSchema,
  rows: z.array(trendRowSchema),
});
export type TrendRowDto = z.infer<typeof trendRowSchema>;
export type TrendResponse = z.infer<typeof trendResponseSchema>;

/** GET /api/v1/campaigns/:code/metrics/retention[?format=csv|arrow]: persistency and AUM curves per arm. */
export const retentionQuerySchema = z.object({ format: exportFormatSchema.optional() });
export const retentionPointSchema = z.object({
  /** Months since the sale (persistency) or since the campaign start (AUM). */
  month: z.number().int().min(0).max(120),
  arm: audienceGroupSchema,
  /** Persistency: converting regular-premium sales at least `month` months old; AUM: customers with both figures. */
  base: count,
  /** Persistency: share still active (by count) and by premium; AUM: Σ at the month / Σ at the start. */
  byCount: share.nullable(),
  byPremium: z.number().nonnegative().nullable(),
});
export const retentionResponseSchema = z.object({
  campaign: campaignRefSchema,
  refreshedAt: isoDateTime.nullable(),
  persistency: z.array(retentionPointSchema),
  aum: z.array(retentionPointSchema),
});
export type RetentionPointDto = z.infer<typeof retentionPointSchema>;
export type RetentionResponse = z.infer<typeof retentionResponseSchema>;

/** GET /api/v1/campaigns/:code/audience/members: the (pseudonymised) customers behind a figure. */
export const audienceMembersQuerySchema = z.object({
  group: z.enum([...AUDIENCE_GROUPS, 'excluded']).optional(),
  reason: exclusionReasonSchema.optional(),
  tier: z.enum(TIERS).optional(),
  branch: z.string().trim().min(1).max(100).optional(),
  region: z.string().trim().min(1).max(100).optional(),
  converted: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  format: exportFormatSchema.optional(),
});
export type AudienceMembersQuery = z.infer<typeof audienceMembersQuerySchema>;

export const audienceMemberSchema = z.object({
  customerRef: z.string().regex(/^[0-9a-f]{12}$/),
  group: z.enum([...AUDIENCE_GROUPS, 'excluded']),
  exclusionReason: exclusionReasonSchema.nullable(),
  /** e.g. the product and rule of a suitability exclusion, or the contacts counted. */
  exclusionDetail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  tier: z.string().nullable(),
  branchCode: z.string().nullable(),
  region: z.string().nullable(),
  converted: z.boolean(),
  firstConvertedOn: calendarDateSchema.nullable(),
});
export const audienceMembersResponseSchema = z.object({
  total: count,
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(audienceMemberSchema),
});
export type AudienceMemberDto = z.infer<typeof audienceMemberSchema>;
export type AudienceMembersResponse = z.infer<typeof audienceMembersResponseSchema>;

/** POST /api/v1/campaigns/rollups/refresh → 202: refresh every campaign's rollup (or the listed ones) now. */
export const refreshRollupsSchema = z.strictObject({ campaignCodes: z.array(campaignCodeSchema).max(500).optional() });
export type RefreshRollupsRequest = z.infer<typeof refreshRollupsSchema>;
export const refreshRollupsResponseSchema = z.object({ jobId: z.string() });

/** GET /api/v1/campaigns/overview: across running (and recently completed) campaigns. */
export const overviewQuerySchema = z.object({
  /** running: running campaigns only; all: every launched or imported campaign. */
  scope: z.enum(['running', 'all']).default('running'),
  grain: periodGrainSchema.default('month'),
});
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

export const overviewResponseSchema = z.object({
  refreshedAt: isoDateTime.nullable(),
  campaigns: count,
  kpis: z.object({
    audience: count,
    treatment: count,
    holdout: count,
    converted: count,
    conversionTreatment: share.nullable(),
    conversionHoldout: share.nullable(),
    /** Pooled over the campaigns with a holdout. */
    uplift: upliftSchema.nullable(),
    incrementalSales: z.number().nullable(),
    premium: money,
    feeIncome: money,
    budget: money,
    spent: money,
    roi: z.number().nullable(),
    complaintsPer1000Sales: z.number().nonnegative().nullable(),
    coolingOffRate: share.nullable(),
  }),
  /** The seeds' "before → after": per campaign, penetration of the offered categories and AUM retention. */
  beforeAfter: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      status: campaignStatusSchema,
      penetrationBefore: share.nullable(),
      penetrationAfter: share.nullable(),
      conversionTreatment: share.nullable(),
      conversionHoldout: share.nullable(),
      aumRetention: z.number().nonnegative().nullable(),
    }),
  ),
  /** Converted customers and premium per period, by tier at launch and by converting channel. */
  trendByTier: z.array(z.object({ period: calendarDateSchema, key: z.string().nullable(), converted: count, premium: money })),
  trendByChannel: z.array(z.object({ period: calendarDateSchema, key: z.string().nullable(), converted: count, premium: money })),
});
export type OverviewResponse = z.infer<typeof overviewResponseSchema>;
