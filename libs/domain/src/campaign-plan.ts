import type { SegmentRule } from './segment-rules';
import type { Tier } from './tiers';

/**
 * Campaigns planned in the platform (DATA.md "Campaigns"): the vocabulary every layer shares. Validation
 * and lifecycle rules live in campaign-lifecycle.ts; the statistics in campaign-stats.ts.
 */

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_ORIGINS = ['platform', 'imported'] as const;
export type CampaignOrigin = (typeof CAMPAIGN_ORIGINS)[number];

/** Budget lines of DATA.md (promotion, gifts, training, fees). */
export const BUDGET_LINES = ['promotion', 'gifts', 'training', 'fees'] as const;
export type BudgetLine = (typeof BUDGET_LINES)[number];

export const OFFER_KINDS = ['discount', 'gift', 'voucher', 'rebate', 'none'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/** What a campaign goal can be set on, and how its target is expressed (rates are shares 0–1). */
export const GOAL_METRICS = ['conversion_rate', 'uplift_points', 'converted', 'premium', 'fee_income', 'penetration'] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

/**
 * Why a targeted customer is left out of the audience, in the order they are checked (the first that
 * applies is kept). CONSENT_MISSING, RISK_MISMATCH and ELDERLY_NON_GUARANTEED are the RULES.md prevention
 * rules, decided by the compliance rules in force on the launch date; CONTACT_POLICY is the campaign's limit.
 */
export const CAMPAIGN_EXCLUSION_REASONS = ['CONSENT_MISSING', 'CONTACT_POLICY', 'RISK_MISMATCH', 'ELDERLY_NON_GUARANTEED'] as const;
export type CampaignExclusionReason = (typeof CAMPAIGN_EXCLUSION_REASONS)[number];

/** Where a campaign's audience build stands. */
export const AUDIENCE_STATUSES = ['none', 'building', 'built', 'failed'] as const;
export type AudienceStatus = (typeof AUDIENCE_STATUSES)[number];

/** Dimensions campaign figures break down by (DATA.md: tier, channel, branch, staff, product, period). */
export const CAMPAIGN_BREAKDOWN_DIMENSIONS = ['tier', 'channel', 'branch', 'staff', 'product', 'region'] as const;
export type CampaignBreakdownDimension = (typeof CAMPAIGN_BREAKDOWN_DIMENSIONS)[number];

export const PERIOD_GRAINS = ['day', 'week', 'month'] as const;
export type PeriodGrain = (typeof PERIOD_GRAINS)[number];

/**
 * Who is targeted: customers in any of `tiers` (when given) and in any of `segmentIds` (when given) and
 * matching `filter` (when given). At least one of the three is needed to launch.
 */
export interface CampaignTarget {
  tiers: Tier[];
  segmentIds: string[];
  filter: SegmentRule | null;
}

export interface CampaignOffer {
  kind: OfferKind;
  /** Free text shown to staff and customers, e.g. "10 % premium rebate on renewal". */
  description: string;
  /** Discount or rebate share 0–1, when the kind has one. */
  rate: number | null;
  /** What one redemption costs the campaign, CNY. */
  costPerRedemption: number;
}

export interface CampaignGoal {
  metric: GoalMetric;
  target: number;
}

/** At most `maxContacts` contacts per customer in any `periodDays` days, counting every campaign of both partners. */
export interface ContactPolicy {
  maxContacts: number;
  periodDays: number;
}

export const DEFAULT_HOLDOUT_SHARE = 0.1;
export const MAX_HOLDOUT_SHARE = 0.5;
export const DEFAULT_ATTRIBUTION_DAYS = 30;
export const DEFAULT_CONTACT_POLICY: ContactPolicy = { maxContacts: 4, periodDays: 30 };

/** Everything a marketing team plans; the same shape is created, edited and validated. */
export interface CampaignPlan {
  code: string;
  name: string;
  description: string;
  bankPartner: string;
  insurerPartner: string;
  startDate: string;
  endDate: string;
  attributionDays: number;
  target: CampaignTarget;
  productCodes: string[];
  offer: CampaignOffer;
  channels: string[];
  /** Total budget, CNY; the lines add up to at most this. */
  budget: number;
  budgetLines: Partial<Record<BudgetLine, number>>;
  goal: CampaignGoal | null;
  holdoutShare: number;
  contactPolicy: ContactPolicy;
}
