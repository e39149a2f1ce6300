import {
  BUDGET_LINES,
  MAX_HOLDOUT_SHARE,
  type CampaignGoal,
  type CampaignPlan,
  type CampaignStatus,
  type GoalMetric,
} from './campaign-plan';
import { daysBetween } from './compliance-dates';
import { ConflictError, ValidationError } from './errors';

/**
 * The rules of a campaign's plan and lifecycle (DATA.md "Campaigns"): what a plan must satisfy across
 * fields, what a launch needs, what is locked once the audience is built, and which status follows which
 * action. Per-field shapes are the contract schema's (libs/contracts campaigns.contract.ts); these rules
 * also run on plans read back from the database, so they check ranges again. Dates are 'YYYY-MM-DD'.
 */

/** One problem of an input, with the (dotted) field it is about, as `complianceSettingsProblems` reports them. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Campaign codes that are fixed paths under /api/v1/campaigns, so no campaign may take them. */
export const RESERVED_CAMPAIGN_CODES = ['overview', 'rollups'] as const;

/** The most days of attribution after the end date (the contract's limit). */
export const MAX_ATTRIBUTION_DAYS = 365;

/** Goal metrics whose target is a share 0–1 (0.15 = 15 %). */
const SHARE_GOALS: readonly GoalMetric[] = ['conversion_rate', 'penetration'];

/**
 * Plan fields the audience was built from: once launched they cannot change (the audience, its split and
 * its exclusions would no longer match the plan). The code names the hash of the split.
 */
export const AUDIENCE_LOCKED_FIELDS = ['code', 'target', 'productCodes', 'holdoutShare', 'contactPolicy', 'startDate'] as const satisfies readonly (keyof CampaignPlan)[];
export type AudienceLockedField = (typeof AUDIENCE_LOCKED_FIELDS)[number];

const LOCKED_FIELD_NAMES: Record<AudienceLockedField, string> = {
  code: 'the code',
  target: 'the target',
  productCodes: 'the offered products',
  holdoutShare: 'the holdout share',
  contactPolicy: 'the contact policy',
  startDate: 'the start date',
};

/** The order statuses follow over time; the daily advance never moves a campaign back. */
const STATUS_ORDER: Record<CampaignStatus, number> = { draft: 0, scheduled: 1, running: 2, completed: 3, cancelled: 4 };

const cny = (amount: number) => `${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })} CNY`;
const percent = (share: number) => `${Number((share * 100).toFixed(4))} %`;
const cents = (amount: number) => Math.round(amount * 100);

/** A calendar date, or the reason it is not one. */
function dateProblem(date: string): string | null {
  try {
    daysBetween(date, date);
    return null;
  } catch {
    return `${JSON.stringify(date)} is not a calendar date (YYYY-MM-DD)`;
  }
}

/** `date + n days` (n may be negative), as PostgreSQL adds an integer to a date. */
function addDays(date: string, n: number): string {
  const epochDay = daysBetween('1970-01-01', date) + n;
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

/** The last day of the attribution window: sales up to this date (included) count. */
export function campaignWindowEnd(endDate: string, attributionDays: number): string {
  if (!Number.isInteger(attributionDays) || attributionDays < 0) {
    throw new ValidationError(`the attribution window is a whole number of days, 0 or more: ${attributionDays}`, { field: 'attributionDays' });
  }
  return addDays(endDate, attributionDays);
}

function goalProblems(goal: CampaignGoal): FieldProblem[] {
  const { metric, target } = goal;
  const problem = (message: string): FieldProblem[] => [{ field: 'goal.target', message }];
  if (!Number.isFinite(target) || target <= 0) return problem(`a goal needs a target above 0, got ${target}`);
  if (SHARE_GOALS.includes(metric) && target > 1) {
    return problem(`a ${metric.replace('_', ' ')} goal is a share between 0 and 1 (0.15 for 15 %), got ${target}`);
  }
  if (metric === 'uplift_points' && target > 1) {
    return problem(`an uplift goal is a difference of rates (0.02 for 2 points), at most 1, got ${target}`);
  }
  if (metric === 'converted' && !Number.isInteger(target)) return problem(`a goal of converted customers is a whole number, got ${target}`);
  return [];
}

/**
 * What is wrong across the fields of a plan, every problem at once (empty when it can be saved): dates in
 * order, attribution days, holdout 0–50 %, budget lines within the budget, a sane goal, offer and contact
 * policy in range, no reserved code. A draft may still lack a target or products: see campaignLaunchProblems.
 */
export function campaignPlanProblems(plan: CampaignPlan): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });

  if ((RESERVED_CAMPAIGN_CODES as readonly string[]).includes(plan.code.trim().toLowerCase())) {
    add('code', `"${plan.code}" is reserved for a page under /campaigns; choose another code`);
  }

  const startProblem = dateProblem(plan.startDate);
  const endProblem = dateProblem(plan.endDate);
  if (startProblem) add('startDate', `the start date ${startProblem}`);
  if (endProblem) add('endDate', `the end date ${endProblem}`);
  if (!startProblem && !endProblem && plan.endDate < plan.startDate) {
    add('endDate', `the end date ${plan.endDate} is before the start date ${plan.startDate}`);
  }
  if (!Number.isInteger(plan.attributionDays) || plan.attributionDays < 0 || plan.attributionDays > MAX_ATTRIBUTION_DAYS) {
    add('attributionDays', `the attribution window is a whole number of days from 0 to ${MAX_ATTRIBUTION_DAYS}, got ${plan.attributionDays}`);
  }

  if (!Number.isFinite(plan.holdoutShare) || plan.holdoutShare < 0) {
    add('holdoutShare', `the holdout share is between 0 and ${percent(MAX_HOLDOUT_SHARE)}, got ${plan.holdoutShare}`);
  } else if (plan.holdoutShare > MAX_HOLDOUT_SHARE) {
    add('holdoutShare', `the holdout is at most ${percent(MAX_HOLDOUT_SHARE)}, got ${percent(plan.holdoutShare)}`);
  }

  if (!Number.isFinite(plan.budget) || plan.budget < 0) add('budget', `the budget cannot be negative, got ${plan.budget}`);
  let lines = 0;
  for (const line of BUDGET_LINES) {
    const amount = plan.budgetLines[line];
    if (amount === undefined) continue;
    if (!Number.isFinite(amount) || amount < 0) add(`budgetLines.${line}`, `the ${line} line cannot be negative, got ${amount}`);
    else lines += amount;
  }
  for (const line of Object.keys(plan.budgetLines)) {
    if (!(BUDGET_LINES as readonly string[]).includes(line)) add(`budgetLines.${line}`, `"${line}" is not a budget line (${BUDGET_LINES.join(', ')})`);
  }
  // Compared in whole cents: 0.1 + 0.2 of lines is within a budget of 0.3.
  if (Number.isFinite(plan.budget) && plan.budget >= 0 && cents(lines) > cents(plan.budget)) {
    add('budgetLines', `the budget lines add up to ${cny(lines)}, more than the budget of ${cny(plan.budget)}`);
  }

  if (plan.goal) problems.push(...goalProblems(plan.goal));

  const { offer } = plan;
  if (offer.rate !== null && !(offer.rate >= 0 && offer.rate <= 1)) {
    add('offer.rate', `the offer's rate is a share between 0 and 1 (0.1 for 10 %), got ${offer.rate}`);
  }
  if (!Number.isFinite(offer.costPerRedemption) || offer.costPerRedemption < 0) {
    add('offer.costPerRedemption', `the cost per redemption cannot be negative, got ${offer.costPerRedemption}`);
  }

  const { maxContacts, periodDays } = plan.contactPolicy;
  if (!Number.isInteger(maxContacts) || maxContacts < 1) {
    add('contactPolicy.maxContacts', `the contact policy allows at least 1 contact (a whole number), got ${maxContacts}`);
  }
  if (!Number.isInteger(periodDays) || periodDays < 1) {
    add('contactPolicy.periodDays', `the contact policy's period is at least 1 whole day, got ${periodDays}`);
  }

  const seen = new Set<string>();
  for (const code of plan.productCodes) {
    if (seen.has(code)) add('productCodes', `the product ${code} is offered twice`);
    seen.add(code);
  }
  return problems;
}

/** True when the plan says whom to target: tiers, saved segments or a filter. */
export function campaignHasTarget(plan: Pick<CampaignPlan, 'target'>): boolean {
  const { tiers, segmentIds, filter } = plan.target;
  return tiers.length > 0 || segmentIds.length > 0 || filter !== null;
}

/** What stands between a plan and its launch (empty when it can launch): the plan's problems, a target and ≥ 1 product. */
export function campaignLaunchProblems(plan: CampaignPlan): FieldProblem[] {
  const problems = campaignPlanProblems(plan);
  if (!campaignHasTarget(plan)) {
    problems.push({ field: 'target', message: 'no launch without a target: choose tiers, saved segments or a filter' });
  }
  if (plan.productCodes.length === 0) {
    problems.push({ field: 'productCodes', message: 'no launch without an offered product: choose a product or a bundle' });
  }
  return problems;
}

/** The problems as one ValidationError naming the first field, all of them in `details.problems`. */
export function campaignProblemsError(problems: readonly FieldProblem[], prefix = ''): ValidationError {
  const [first] = problems;
  if (!first) throw new RangeError('no problems to report');
  return new ValidationError(first.message, { field: `${prefix}${first.field}` }, { problems: problems.map((p) => ({ ...p, field: `${prefix}${p.field}` })) });
}

/** Deep equality of plain JSON values (arrays in order; object keys in any order). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  return [...keys].every((k) => sameValue(ra[k], rb[k]));
}

/**
 * The audience-locked fields a change would alter (one problem each; empty when none). Call it for a
 * campaign past draft: fields given with their current value are not changes.
 */
export function audienceLockedChanges(current: CampaignPlan, patch: Partial<CampaignPlan>): FieldProblem[] {
  return AUDIENCE_LOCKED_FIELDS.filter((field) => field in patch && patch[field] !== undefined && !sameValue(patch[field], current[field])).map(
    (field) => ({ field, message: `${LOCKED_FIELD_NAMES[field]} cannot change after launch: the audience was built from it` }),
  );
}

/** The dates that place a campaign in time. */
export type CampaignDates = Pick<CampaignPlan, 'startDate' | 'endDate' | 'attributionDays'>;

/**
 * Where a launched campaign stands on `today`: before the start scheduled, from the start to the end of the
 * attribution window running (outcomes still count), after it completed.
 */
export function statusOnDate(dates: CampaignDates, today: string): 'scheduled' | 'running' | 'completed' {
  if (today < dates.startDate) return 'scheduled';
  return today <= campaignWindowEnd(dates.endDate, dates.attributionDays) ? 'running' : 'completed';
}

export type CampaignAction = 'launch' | 'cancel' | 'complete' | 'advance';

/**
 * The status an action leads to on `today`, or an error saying why it cannot happen:
 * - launch: from draft, or again while scheduled (before the start: the audience is rebuilt); the plan must
 *   pass campaignLaunchProblems (ValidationError) and the campaign must not have ended; the status then
 *   follows the dates (scheduled or running);
 * - cancel: anything not over (draft, scheduled, running);
 * - complete: a running campaign, ended early by hand;
 * - advance: the daily job, never fails: scheduled and running follow the dates, never backwards; drafts and
 *   finished campaigns stay as they are.
 */
export function nextCampaignStatus(current: CampaignStatus, action: CampaignAction, today: string, plan: CampaignPlan): CampaignStatus {
  const conflict = (message: string) => new ConflictError(message, { status: current, action });
  switch (action) {
    case 'launch': {
      if (current === 'running') throw conflict('the campaign is already running: its audience is fixed');
      if (current === 'completed') throw conflict('the campaign is completed and cannot be launched again');
      if (current === 'cancelled') throw conflict('the campaign was cancelled and cannot be launched; plan a new one');
      if (current === 'scheduled' && today >= plan.startDate) {
        throw conflict(`the campaign started on ${plan.startDate}: its audience is fixed`);
      }
      const problems = campaignLaunchProblems(plan);
      if (problems.length > 0) throw campaignProblemsError(problems);
      if (today > plan.endDate) {
        throw conflict(`the campaign ended on ${plan.endDate} (today is ${today}): move its dates to launch it`);
      }
      return statusOnDate(plan, today);
    }
    case 'cancel':
      if (current === 'completed') throw conflict('the campaign is completed and cannot be cancelled');
      if (current === 'cancelled') throw conflict('the campaign is already cancelled');
      return 'cancelled';
    case 'complete':
      if (current === 'running') return 'completed';
      if (current === 'draft') throw conflict('the campaign was never launched: launch it or cancel it');
      if (current === 'scheduled') throw conflict(`the campaign has not started yet (it starts on ${plan.startDate}): cancel it instead`);
      if (current === 'completed') throw conflict('the campaign is already completed');
      throw conflict('the campaign was cancelled and cannot be completed');
    case 'advance': {
      if (current !== 'scheduled' && current !== 'running') return current;
      const byDate = statusOnDate(plan, today);
      return STATUS_ORDER[byDate] > STATUS_ORDER[current] ? byDate : current;
    }
  }
}
