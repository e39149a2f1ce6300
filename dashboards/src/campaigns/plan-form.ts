import type { CampaignDto, CampaignPlanRequest } from '@banca/contracts';
import {
  BUDGET_LINES,
  DEFAULT_ATTRIBUTION_DAYS,
  DEFAULT_CONTACT_POLICY,
  DEFAULT_HOLDOUT_SHARE,
  KNOWN_CHANNELS,
  type BudgetLine,
  type GoalMetric,
  type OfferKind,
  type SegmentRule,
  type Tier,
} from '@banca/domain';
import type { FieldIssue } from '../api/api-error';
import { parseAmountInput } from '../format/amount-input';

/**
 * The planner form as typed (numbers as text, percentages as percent) and its mapping to and from the
 * API's plan. Field names follow the API's paths (`offer.rate`, `budgetLines.promotion`) so a server
 * problem lands next to its control.
 */
export interface PlanForm {
  code: string;
  name: string;
  description: string;
  bankPartner: string;
  insurerPartner: string;
  startDate: string;
  endDate: string;
  attributionDays: string;
  tiers: Tier[];
  segmentIds: string[];
  /** Product codes separated by commas, semicolons or spaces. */
  productCodes: string;
  offerKind: OfferKind;
  offerDescription: string;
  /** Discount or rebate, in percent. */
  offerRatePercent: string;
  offerCost: string;
  channels: string[];
  /** Partners' other channel codes, comma separated. */
  otherChannels: string;
  budget: string;
  budgetLines: Record<BudgetLine, string>;
  goalMetric: GoalMetric | '';
  goalTarget: string;
  holdoutPercent: string;
  maxContacts: string;
  periodDays: string;
}

/** Goals set on a rate are typed in percent (conversion 15 %), the others as counts or CNY. */
export function goalIsRate(metric: GoalMetric | ''): boolean {
  return metric === 'conversion_rate' || metric === 'uplift_points' || metric === 'penetration';
}

const emptyLines = (): Record<BudgetLine, string> => ({ promotion: '', gifts: '', training: '', fees: '' });

function percentText(share: number): string {
  return String(Math.round(share * 100 * 1e6) / 1e6);
}

export function emptyPlanForm(): PlanForm {
  return {
    code: '',
    name: '',
    description: '',
    bankPartner: '',
    insurerPartner: '',
    startDate: '',
    endDate: '',
    attributionDays: String(DEFAULT_ATTRIBUTION_DAYS),
    tiers: [],
    segmentIds: [],
    productCodes: '',
    offerKind: 'none',
    offerDescription: '',
    offerRatePercent: '',
    offerCost: '',
    channels: [],
    otherChannels: '',
    budget: '',
    budgetLines: emptyLines(),
    goalMetric: '',
    goalTarget: '',
    holdoutPercent: percentText(DEFAULT_HOLDOUT_SHARE),
    maxContacts: String(DEFAULT_CONTACT_POLICY.maxContacts),
    periodDays: String(DEFAULT_CONTACT_POLICY.periodDays),
  };
}

function isKnownChannel(channel: string): boolean {
  return (KNOWN_CHANNELS as readonly string[]).includes(channel);
}

/** The form of a saved campaign, to edit its draft. */
export function planFormFromCampaign(campaign: CampaignDto): PlanForm {
  const lines = emptyLines();
  for (const line of BUDGET_LINES) {
    const amount = campaign.budgetLines[line];
    if (amount !== undefined) lines[line] = String(amount);
  }
  return {
    code: campaign.code,
    name: campaign.name,
    description: campaign.description,
    bankPartner: campaign.bankPartner ?? '',
    insurerPartner: campaign.insurerPartner ?? '',
    startDate: campaign.startDate,
    endDate: campaign.endDate,
    attributionDays: String(campaign.attributionDays),
    tiers: [...campaign.target.tiers],
    segmentIds: [...campaign.target.segmentIds],
    productCodes: campaign.productCodes.join(', '),
    offerKind: campaign.offer.kind,
    offerDescription: campaign.offer.description,
    offerRatePercent: campaign.offer.rate === null ? '' : percentText(campaign.offer.rate),
    offerCost: campaign.offer.costPerRedemption === 0 ? '' : String(campaign.offer.costPerRedemption),
    channels: campaign.channels.filter(isKnownChannel),
    otherChannels: campaign.channels.filter((channel) => !isKnownChannel(channel)).join(', '),
    budget: campaign.budget === 0 ? '' : String(campaign.budget),
    budgetLines: lines,
    goalMetric: campaign.goal?.metric ?? '',
    goalTarget: campaign.goal ? (goalIsRate(campaign.goal.metric) ? percentText(campaign.goal.target) : String(campaign.goal.target)) : '',
    holdoutPercent: percentText(campaign.holdoutShare),
    maxContacts: String(campaign.contactPolicy.maxContacts),
    periodDays: String(campaign.contactPolicy.periodDays),
  };
}

/** A problem the form finds itself before asking the server: a value that is not a number, or a missing one. */
export interface FormProblem {
  field: string;
  code: 'notANumber' | 'required';
}

/** Codes typed in one box: split on commas (also Chinese), semicolons and white space; blanks and repeats dropped. */
export function splitCodes(text: string): string[] {
  return [...new Set(text.split(/[,，;；\s]+/).map((code) => code.trim()).filter((code) => code !== ''))];
}

export type PlanMapping = { ok: true; request: CampaignPlanRequest } | { ok: false; problems: FormProblem[] };

/**
 * The API request of a form. Numbers are parsed here (amounts may be typed "50万"); everything that depends
 * on several fields (dates in order, lines within the budget, holdout ≤ 50 %) is the server's to say.
 */
export function planFormToRequest(form: PlanForm, filter: SegmentRule | null): PlanMapping {
  const problems: FormProblem[] = [];
  const number = (field: string, text: string, fallback: number | null, parse: (text: string) => number | null = parseAmountInput): number | null => {
    if (text.trim() === '') return fallback;
    const value = parse(text);
    if (value === null || !Number.isFinite(value)) {
      problems.push({ field, code: 'notANumber' });
      return fallback;
    }
    return value;
  };
  const integer = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : null);
  const decimal = (text: string) => {
    const cleaned = text.trim().replace(/[%％]$/, '');
    return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : null;
  };

  const attributionDays = number('attributionDays', form.attributionDays, DEFAULT_ATTRIBUTION_DAYS, integer) ?? DEFAULT_ATTRIBUTION_DAYS;
  const offerRatePercent = number('offer.rate', form.offerRatePercent, null, decimal);
  const costPerRedemption = number('offer.costPerRedemption', form.offerCost, 0) ?? 0;
  const budget = number('budget', form.budget, 0) ?? 0;
  const budgetLines: Partial<Record<BudgetLine, number>> = {};
  for (const line of BUDGET_LINES) {
    const amount = number(`budgetLines.${line}`, form.budgetLines[line], null);
    if (amount !== null) budgetLines[line] = amount;
  }
  const holdoutPercent = number('holdoutShare', form.holdoutPercent, DEFAULT_HOLDOUT_SHARE * 100, decimal) ?? DEFAULT_HOLDOUT_SHARE * 100;
  const maxContacts = number('contactPolicy.maxContacts', form.maxContacts, DEFAULT_CONTACT_POLICY.maxContacts, integer) ?? DEFAULT_CONTACT_POLICY.maxContacts;
  const periodDays = number('contactPolicy.periodDays', form.periodDays, DEFAULT_CONTACT_POLICY.periodDays, integer) ?? DEFAULT_CONTACT_POLICY.periodDays;

  let goal: CampaignPlanRequest['goal'] = null;
  if (form.goalMetric !== '') {
    const rate = goalIsRate(form.goalMetric);
    const target = number('goal.target', form.goalTarget, null, rate ? decimal : parseAmountInput);
    if (target === null && form.goalTarget.trim() === '') problems.push({ field: 'goal.target', code: 'required' });
    if (target !== null) goal = { metric: form.goalMetric, target: rate ? target / 100 : target };
  }
  if (problems.length > 0) return { ok: false, problems };

  return {
    ok: true,
    request: {
      code: form.code.trim(),
      name: form.name.trim(),
      description: form.description.trim(),
      bankPartner: form.bankPartner.trim(),
      insurerPartner: form.insurerPartner.trim(),
      startDate: form.startDate,
      endDate: form.endDate,
      attributionDays,
      target: { tiers: [...form.tiers], segmentIds: [...form.segmentIds], filter },
      productCodes: splitCodes(form.productCodes),
      offer: {
        kind: form.offerKind,
        description: form.offerDescription.trim(),
        rate: offerRatePercent === null ? null : offerRatePercent / 100,
        costPerRedemption,
      },
      channels: [...new Set([...form.channels, ...splitCodes(form.otherChannels)])],
      budget,
      budgetLines,
      goal,
      holdoutShare: holdoutPercent / 100,
      contactPolicy: { maxContacts, periodDays },
    },
  };
}

/** The fields of the form a problem can be shown next to; any other problem is shown above the buttons. */
export const PLAN_FORM_FIELDS = [
  'code',
  'name',
  'description',
  'bankPartner',
  'insurerPartner',
  'startDate',
  'endDate',
  'attributionDays',
  'target.tiers',
  'target.segmentIds',
  'target.filter',
  'target',
  'productCodes',
  'offer.kind',
  'offer.description',
  'offer.rate',
  'offer.costPerRedemption',
  'offer',
  'channels',
  ...BUDGET_LINES.map((line) => `budgetLines.${line}` as const),
  'budgetLines',
  'budget',
  'goal.metric',
  'goal.target',
  'goal',
  'holdoutShare',
  'contactPolicy.maxContacts',
  'contactPolicy.periodDays',
  'contactPolicy',
] as const;
export type PlanFormField = (typeof PLAN_FORM_FIELDS)[number];

/** The form field a problem's path belongs to (`productCodes.2` → productCodes, `target.filter.all.0.value` → target.filter), or null. */
export function formFieldOf(path: string): PlanFormField | null {
  const normalised = path.replace(/^body\./, '');
  let best: PlanFormField | null = null;
  for (const field of PLAN_FORM_FIELDS) {
    if ((normalised === field || normalised.startsWith(`${field}.`)) && (best === null || field.length > best.length)) best = field;
  }
  return best;
}

/** Problems by form field, and those that fit no field (shown together above the buttons). */
export interface PlacedProblems {
  byField: ReadonlyMap<PlanFormField, readonly string[]>;
  general: readonly string[];
}

/** Places the server's field problems (a ValidationError's issues, or a campaign's launchProblems) next to their fields. */
export function placeProblems(issues: readonly FieldIssue[]): PlacedProblems {
  const byField = new Map<PlanFormField, string[]>();
  const general: string[] = [];
  for (const issue of issues) {
    const field = formFieldOf(issue.field);
    if (field === null) {
      if (!general.includes(issue.message)) general.push(issue.message);
      continue;
    }
    const messages = byField.get(field) ?? [];
    if (!messages.includes(issue.message)) messages.push(issue.message);
    byField.set(field, messages);
  }
  return { byField, general };
}

/** The issues of a rule inside the target, re-rooted for the rule editor (`target.filter.all.0.value` → `rule.all.0.value`). */
export function filterIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.flatMap((issue) => {
    const path = issue.field.replace(/^body\./, '');
    return path.startsWith('target.filter.') ? [{ field: `rule.${path.slice('target.filter.'.length)}`, message: issue.message }] : [];
  });
}

/** A PATCH body from the form: every plan field but the code (which names the campaign). */
export function patchFromRequest(request: CampaignPlanRequest): Omit<CampaignPlanRequest, 'code'> {
  const { code: _code, ...patch } = request;
  return patch;
}
