import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, money, ratio, tstz, updatedAt } from './columns';

/** Counts of a built audience (AudienceSummaryDto without status, job and error). */
export interface AudienceCounts {
  targeted: number;
  eligible: number;
  treatment: number;
  holdout: number;
  excluded: Record<string, number>;
}

export const campaigns = pgTable(
  'campaigns',
  {
    campaignCode: text('campaign_code').primaryKey(),
    name: text('name').notNull(),
    /** platform: planned and launched here; imported: history loaded from a file */
    origin: text('origin').notNull().default('platform'),
    bankPartner: text('bank_partner'),
    insurerPartner: text('insurer_partner'),
    status: text('status').notNull().default('draft'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    attributionDays: integer('attribution_days').notNull().default(30),
    target: jsonb('target').$type<Record<string, unknown>>(),
    productCodes: text('product_codes').array().notNull().default([]),
    offer: jsonb('offer').$type<Record<string, unknown>>(),
    channels: text('channels').array().notNull().default([]),
    budget: money('budget'),
    budgetLines: jsonb('budget_lines').$type<Record<string, number>>(),
    goal: jsonb('goal').$type<Record<string, unknown>>(),
    holdoutShare: ratio('holdout_share').notNull().default(0.1),
    contactPolicy: jsonb('contact_policy').$type<Record<string, unknown>>(),
    description: text('description').notNull().default(''),
    launchedAt: tstz('launched_at'),
    completedAt: tstz('completed_at'),
    cancelledAt: tstz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    /** none, building, built, failed (AUDIENCE_STATUSES) */
    audienceStatus: text('audience_status').notNull().default('none'),
    audienceJobId: text('audience_job_id'),
    audienceBuiltAt: tstz('audience_built_at'),
    /** The date eligibility was decided on: consent, contacts and the compliance rules in force. */
    audienceDecidedOn: date('audience_decided_on', { mode: 'string' }),
    audienceCounts: jsonb('audience_counts').$type<AudienceCounts>(),
    audienceError: text('audience_error'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('campaigns_status_idx').on(t.status)],
);

/** Launch result: every targeted customer, in treatment or holdout, or excluded with the reason. */
export const audienceMembers = pgTable(
  'audience_members',
  {
    customerId: text('customer_id').notNull(),
    campaignCode: text('campaign_code').notNull(),
    /** treatment, holdout, or excluded (with the reason) */
    group: text('group').notNull(),
    exclusionReason: text('exclusion_reason'),
    /** e.g. {productCode, ruleCode} of a suitability exclusion, {contacts, maxContacts} of the contact policy */
    exclusionDetail: jsonb('exclusion_detail').$type<Record<string, string | number | boolean | null>>(),
    /** The customer's tier, branch and region when the audience was built (breakdowns use these). */
    tier: text('tier'),
    branchCode: text('branch_code'),
    region: text('region'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.campaignCode] }),
    index('audience_members_campaign_idx').on(t.campaignCode, t.group),
  ],
);

/** Money spent on a campaign's budget lines (spend against budget, ROI, cost per acquisition). */
export const campaignSpend = pgTable(
  'campaign_spend',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignCode: text('campaign_code').notNull(),
    line: text('line').notNull(),
    amount: money('amount').notNull(),
    spentOn: date('spent_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('campaign_spend_campaign_idx').on(t.campaignCode)],
);

// ---------------------------------------------------------------------------------------------------
// Campaign figures rollup (refreshed by the RefreshCampaignRollups job; dashboards read only these)

/** The measures every figure row carries (DATA.md metric definitions), per arm. */
const figureMeasures = () => ({
  customers: integer('customers').notNull().default(0),
  contacted: integer('contacted').notNull().default(0),
  responded: integer('responded').notNull().default(0),
  redeemed: integer('redeemed').notNull().default(0),
  optedOut: integer('opted_out').notNull().default(0),
  converted: integer('converted').notNull().default(0),
  sales: integer('sales').notNull().default(0),
  premium: money('premium').notNull().default(0),
  feeIncome: money('fee_income').notNull().default(0),
  coolingOffCancelled: integer('cooling_off_cancelled').notNull().default(0),
  surrendered: integer('surrendered').notNull().default(0),
  /** Regular-premium converting sales at least 13 months old, and those still active at 13 months. */
  persistencyDue: integer('persistency_due').notNull().default(0),
  persistencyActive: integer('persistency_active').notNull().default(0),
  persistencyDuePremium: money('persistency_due_premium').notNull().default(0),
  persistencyActivePremium: money('persistency_active_premium').notNull().default(0),
  complaints: integer('complaints').notNull().default(0),
  misSellingComplaints: integer('mis_selling_complaints').notNull().default(0),
  /** Customers with investable assets known at both ends, and the two sums. */
  aumCustomers: integer('aum_customers').notNull().default(0),
  aumStart: money('aum_start').notNull().default(0),
  aumEnd: money('aum_end').notNull().default(0),
  /** Customers holding an offered product's category at the start, and at the window end (or latest). */
  heldBefore: integer('held_before').notNull().default(0),
  heldAfter: integer('held_after').notNull().default(0),
});

/**
 * One row per audience member of a campaign with what they did in its window: the grain every figure
 * is summed from (and the drill-down to customer lists reads).
 */
export const campaignMemberFacts = pgTable(
  'campaign_member_facts',
  {
    campaignCode: text('campaign_code').notNull(),
    customerId: text('customer_id').notNull(),
    arm: text('arm').notNull(),
    tier: text('tier'),
    branchCode: text('branch_code'),
    region: text('region'),
    contactedOn: date('contacted_on', { mode: 'string' }),
    respondedOn: date('responded_on', { mode: 'string' }),
    redeemedOn: date('redeemed_on', { mode: 'string' }),
    optedOutOn: date('opted_out_on', { mode: 'string' }),
    /** The first converting sale: its date, channel, staff and product (sale dimensions attribute to it). */
    firstConvertedOn: date('first_converted_on', { mode: 'string' }),
    convertChannel: text('convert_channel'),
    convertStaff: text('convert_staff'),
    convertProduct: text('convert_product'),
    sales: integer('sales').notNull().default(0),
    premium: money('premium').notNull().default(0),
    feeIncome: money('fee_income').notNull().default(0),
    coolingOffCancelled: integer('cooling_off_cancelled').notNull().default(0),
    surrendered: integer('surrendered').notNull().default(0),
    persistencyDue: integer('persistency_due').notNull().default(0),
    persistencyActive: integer('persistency_active').notNull().default(0),
    persistencyDuePremium: money('persistency_due_premium').notNull().default(0),
    persistencyActivePremium: money('persistency_active_premium').notNull().default(0),
    complaints: integer('complaints').notNull().default(0),
    misSellingComplaints: integer('mis_selling_complaints').notNull().default(0),
    aumStart: money('aum_start'),
    aumEnd: money('aum_end'),
    heldBefore: boolean('held_before').notNull().default(false),
    heldAfter: boolean('held_after').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.campaignCode, t.customerId] }), index('campaign_member_facts_arm_idx').on(t.campaignCode, t.arm)],
);

/**
 * Figures per campaign, dimension value and arm. dimension: total (key ''), tier, branch, region (customer
 * dimensions, splitting the arms), channel, staff, product (sale dimensions of the first converting sale;
 * `customers` there is the whole arm). key '' means not recorded.
 */
export const campaignFigures = pgTable(
  'campaign_figures',
  {
    campaignCode: text('campaign_code').notNull(),
    dimension: text('dimension').notNull(),
    key: text('key').notNull(),
    arm: text('arm').notNull(),
    ...figureMeasures(),
  },
  (t) => [primaryKey({ columns: [t.campaignCode, t.dimension, t.key, t.arm] })],
);

/**
 * Figures per period (grain day, week (Monday), month), arm, and dimension total (key '') or tier or
 * channel (for the overview trends): events by their date, conversions by the first converting sale's date,
 * sales, premium and fee income by sale date, complaints by received date.
 */
export const campaignFiguresByPeriod = pgTable(
  'campaign_figures_by_period',
  {
    campaignCode: text('campaign_code').notNull(),
    grain: text('grain').notNull(),
    period: date('period', { mode: 'string' }).notNull(),
    dimension: text('dimension').notNull(),
    key: text('key').notNull(),
    arm: text('arm').notNull(),
    contacted: integer('contacted').notNull().default(0),
    responded: integer('responded').notNull().default(0),
    converted: integer('converted').notNull().default(0),
    sales: integer('sales').notNull().default(0),
    premium: money('premium').notNull().default(0),
    feeIncome: money('fee_income').notNull().default(0),
    complaints: integer('complaints').notNull().default(0),
    coolingOffCancelled: integer('cooling_off_cancelled').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignCode, t.grain, t.period, t.dimension, t.key, t.arm] })],
);

/**
 * Retention curves per arm. kind persistency: month = months since each converting regular-premium sale,
 * base = sales at least that old, retained = those still active then (count and premium). kind aum:
 * month = months since the campaign start, base = customers with assets known at the start and that
 * month, amounts = Σ at the start and Σ at the month.
 */
export const campaignRetentionCurve = pgTable(
  'campaign_retention_curve',
  {
    campaignCode: text('campaign_code').notNull(),
    kind: text('kind').notNull(),
    arm: text('arm').notNull(),
    month: integer('month').notNull(),
    base: integer('base').notNull(),
    retained: integer('retained').notNull(),
    baseAmount: money('base_amount').notNull(),
    retainedAmount: money('retained_amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignCode, t.kind, t.arm, t.month] })],
);

/** When each campaign's rollup was last refreshed, why, and how long it took. */
export const campaignRollupState = pgTable('campaign_rollup_state', {
  campaignCode: text('campaign_code').primaryKey(),
  refreshedAt: tstz('refreshed_at').notNull(),
  reason: text('reason').notNull(),
  durationMs: integer('duration_ms').notNull(),
  members: integer('members').notNull(),
});
