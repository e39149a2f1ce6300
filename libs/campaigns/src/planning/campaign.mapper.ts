import {
  campaignGoalSchema,
  campaignOfferSchema,
  campaignTargetSchema,
  contactPolicySchema,
  type AudienceSummaryDto,
  type CampaignDto,
  type CampaignPlanRequest,
} from '@banca/contracts';
import type { campaigns } from '@banca/db';
import {
  AUDIENCE_STATUSES,
  BUDGET_LINES,
  CAMPAIGN_EXCLUSION_REASONS,
  CAMPAIGN_ORIGINS,
  CAMPAIGN_STATUSES,
  campaignWindowEnd,
  DEFAULT_CONTACT_POLICY,
  type AudienceStatus,
  type BudgetLine,
  type CampaignExclusionReason,
  type CampaignOrigin,
  type CampaignPlan,
  type CampaignStatus,
  type FieldProblem,
} from '@banca/domain';

/** A campaigns row as drizzle reads it. */
export type CampaignRow = typeof campaigns.$inferSelect;

/** The plan columns of a campaigns row, as written by create and update. */
export type CampaignPlanColumns = Pick<
  typeof campaigns.$inferInsert,
  | 'name'
  | 'description'
  | 'bankPartner'
  | 'insurerPartner'
  | 'startDate'
  | 'endDate'
  | 'attributionDays'
  | 'target'
  | 'productCodes'
  | 'offer'
  | 'channels'
  | 'budget'
  | 'budgetLines'
  | 'goal'
  | 'holdoutShare'
  | 'contactPolicy'
>;

const NO_TARGET = { tiers: [], segmentIds: [], filter: null };
const NO_OFFER = { kind: 'none' as const, description: '', rate: null, costPerRedemption: 0 };

const oneOf = <T extends string>(values: readonly T[], value: string, fallback: T): T =>
  (values as readonly string[]).includes(value) ? (value as T) : fallback;

/** The budget lines of a stored plan (unknown lines and non-numbers dropped). */
function budgetLinesOf(stored: Record<string, number> | null): Partial<Record<BudgetLine, number>> {
  const lines: Partial<Record<BudgetLine, number>> = {};
  for (const line of BUDGET_LINES) {
    const amount = stored?.[line];
    if (typeof amount === 'number' && Number.isFinite(amount)) lines[line] = amount;
  }
  return lines;
}

/**
 * The plan a campaigns row holds. Stored JSON that no longer fits its shape reads as "not planned" (no
 * target, no offer, no goal, the default contact policy), which the launch checks then report; imported
 * campaigns, which have none of these, read the same way.
 */
export function planOfRow(row: CampaignRow): CampaignPlan {
  const target = campaignTargetSchema.safeParse(row.target ?? {});
  const offer = campaignOfferSchema.safeParse(row.offer ?? undefined);
  const goal = row.goal === null ? null : campaignGoalSchema.safeParse(row.goal);
  const policy = contactPolicySchema.safeParse(row.contactPolicy ?? undefined);
  return {
    code: row.campaignCode,
    name: row.name,
    description: row.description,
    bankPartner: row.bankPartner ?? '',
    insurerPartner: row.insurerPartner ?? '',
    startDate: row.startDate,
    endDate: row.endDate,
    attributionDays: row.attributionDays,
    target: target.success ? target.data : { ...NO_TARGET },
    productCodes: row.productCodes,
    offer: offer.success ? offer.data : { ...NO_OFFER },
    channels: row.channels,
    budget: row.budget ?? 0,
    budgetLines: budgetLinesOf(row.budgetLines ?? null),
    goal: goal?.success ? goal.data : null,
    holdoutShare: row.holdoutShare,
    contactPolicy: policy.success ? policy.data : { ...DEFAULT_CONTACT_POLICY },
  };
}

/** The columns a plan is stored in (JSON columns as plain objects). */
export function planColumns(plan: CampaignPlan | CampaignPlanRequest): CampaignPlanColumns {
  return {
    name: plan.name,
    description: plan.description,
    bankPartner: plan.bankPartner,
    insurerPartner: plan.insurerPartner,
    startDate: plan.startDate,
    endDate: plan.endDate,
    attributionDays: plan.attributionDays,
    target: { ...plan.target },
    productCodes: [...plan.productCodes],
    offer: { ...plan.offer },
    channels: [...plan.channels],
    budget: plan.budget,
    budgetLines: budgetLinesOf(plan.budgetLines as Record<string, number>) as Record<string, number>,
    goal: plan.goal === null ? null : { ...plan.goal },
    holdoutShare: plan.holdoutShare,
    contactPolicy: { ...plan.contactPolicy },
  };
}

/** The audience a launch built, as recorded on the campaigns row (zeros before the first build). */
export function audienceSummaryOf(row: CampaignRow): AudienceSummaryDto {
  const counts = row.audienceCounts;
  const excluded = Object.fromEntries(CAMPAIGN_EXCLUSION_REASONS.map((reason) => [reason, Number(counts?.excluded?.[reason] ?? 0)])) as Record<
    CampaignExclusionReason,
    number
  >;
  return {
    status: oneOf<AudienceStatus>(AUDIENCE_STATUSES, row.audienceStatus, 'none'),
    jobId: row.audienceJobId,
    builtAt: row.audienceBuiltAt?.toISOString() ?? null,
    decidedOn: row.audienceDecidedOn,
    targeted: Number(counts?.targeted ?? 0),
    eligible: Number(counts?.eligible ?? 0),
    treatment: Number(counts?.treatment ?? 0),
    holdout: Number(counts?.holdout ?? 0),
    excluded,
    error: row.audienceError,
  };
}

export const statusOfRow = (row: CampaignRow): CampaignStatus => oneOf<CampaignStatus>(CAMPAIGN_STATUSES, row.status, 'draft');
export const originOfRow = (row: CampaignRow): CampaignOrigin => oneOf<CampaignOrigin>(CAMPAIGN_ORIGINS, row.origin, 'platform');

/** A campaigns row as the API shows it, with what stands between it and a launch. */
export function toCampaignDto(row: CampaignRow, launchProblems: readonly FieldProblem[]): CampaignDto {
  const plan = planOfRow(row);
  return {
    code: row.campaignCode,
    name: row.name,
    description: row.description,
    origin: originOfRow(row),
    status: statusOfRow(row),
    bankPartner: row.bankPartner,
    insurerPartner: row.insurerPartner,
    startDate: row.startDate,
    endDate: row.endDate,
    attributionDays: row.attributionDays,
    windowEnd: campaignWindowEnd(row.endDate, row.attributionDays),
    target: plan.target,
    productCodes: plan.productCodes,
    offer: plan.offer,
    channels: plan.channels,
    budget: plan.budget,
    budgetLines: plan.budgetLines,
    goal: plan.goal,
    holdoutShare: plan.holdoutShare,
    contactPolicy: plan.contactPolicy,
    audience: audienceSummaryOf(row),
    launchedAt: row.launchedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancelReason: row.cancelReason,
    launchProblems: launchProblems.map((p) => ({ field: p.field, message: p.message })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The first 12 hex characters of a pseudonym: the only form of a customer the API shows. */
export const customerRefOf = (customerId: string): string => customerId.slice(0, 12);
