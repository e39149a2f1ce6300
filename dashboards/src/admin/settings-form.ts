import type { ComplianceSettingsDto, CreateComplianceRuleSetRequest } from '@banca/contracts';
import {
  EVIDENCE_KINDS,
  PRODUCT_CATEGORIES,
  RULE_CODES,
  type CustomerRiskLevel,
  type EvidenceKind,
  type ProductCategory,
  type ProductRiskLevel,
  type RuleCode,
  type Severity,
} from '@banca/domain';
import { parseAmountInput } from '../format/amount-input';

/** Numeric settings, named by their path under `settings` (the path the API names in a validation issue). */
export const NUMBER_FIELDS = [
  'assessmentValidityMonths',
  'elderlyAge',
  'elderlyRegularPremiumAge',
  'lowIncome.national',
  'affordabilitySingleMultiple',
  'affordabilityRegularShare',
  'affordabilityHorizonAge',
  'lifeCoverMinTermYears',
  'dualRecordingAge',
  'investmentLinkedExperienceMonths',
  'alerts.mismatchRate',
  'alerts.coolingOffRate',
  'alerts.complaintsPer100mPremium',
  'alerts.complaintsPer10kPolicies',
  'alerts.persistency13m',
  'alerts.minSales',
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** How a number is typed: whole (ages, months), an amount in CNY (万/亿 allowed), a percentage, or any decimal. */
export type NumberKind = 'integer' | 'amount' | 'percent' | 'decimal';

export const NUMBER_KINDS: Readonly<Record<NumberField, NumberKind>> = {
  assessmentValidityMonths: 'integer',
  elderlyAge: 'integer',
  elderlyRegularPremiumAge: 'integer',
  'lowIncome.national': 'amount',
  affordabilitySingleMultiple: 'decimal',
  // Shares are stored as ratios (0.2) and typed as percentages (20), as compliance officers write them.
  affordabilityRegularShare: 'percent',
  affordabilityHorizonAge: 'integer',
  lifeCoverMinTermYears: 'integer',
  dualRecordingAge: 'integer',
  investmentLinkedExperienceMonths: 'integer',
  'alerts.mismatchRate': 'percent',
  'alerts.coolingOffRate': 'percent',
  'alerts.complaintsPer100mPremium': 'decimal',
  'alerts.complaintsPer10kPolicies': 'decimal',
  'alerts.persistency13m': 'percent',
  'alerts.minSales': 'integer',
};

/** Settings that are a list of product categories. */
export const CATEGORY_FIELDS = [
  'assessmentRequiredCategories',
  'nonGuaranteedCategories',
  'insuranceCategories',
  'lifeCoverCategories',
  'protectionCategories',
] as const;
export type CategoryField = (typeof CATEGORY_FIELDS)[number];

export const CHANNEL_FIELDS = ['outletChannels', 'bankChannels'] as const;
export type ChannelField = (typeof CHANNEL_FIELDS)[number];

/** One regional low-income override as typed; `id` keeps the row's identity while its name is edited. */
export interface RegionRowDraft {
  id: string;
  region: string;
  amount: string;
}

/** The settings as the form holds them: numbers and lists as typed text, choices as values. */
export interface SettingsDraft {
  severities: Record<RuleCode, Severity>;
  riskGrid: Record<CustomerRiskLevel, ProductRiskLevel>;
  /** Every product needs a valid assessment; the category list is kept for when this is switched off. */
  assessmentForAll: boolean;
  categories: Record<CategoryField, ProductCategory[]>;
  numbers: Record<NumberField, string>;
  regions: RegionRowDraft[];
  channels: Record<ChannelField, string>;
  evidenceClears: Record<EvidenceKind, RuleCode[]>;
  mismatchMinSeverity: Severity;
}

export type FormProblemCode = 'required' | 'notNumber' | 'notWhole' | 'regionNameMissing' | 'regionDuplicate';

/** A problem the form finds before sending; `field` is the API's path of the value, or `regions.<row id>.<part>`. */
export interface FormProblem {
  field: string;
  code: FormProblemCode;
}

export type DraftResult = { ok: true; request: CreateComplianceRuleSetRequest } | { ok: false; problems: FormProblem[] };

function numbersOf(settings: ComplianceSettingsDto): Record<NumberField, number> {
  return {
    assessmentValidityMonths: settings.assessmentValidityMonths,
    elderlyAge: settings.elderlyAge,
    elderlyRegularPremiumAge: settings.elderlyRegularPremiumAge,
    'lowIncome.national': settings.lowIncome.national,
    affordabilitySingleMultiple: settings.affordabilitySingleMultiple,
    affordabilityRegularShare: settings.affordabilityRegularShare,
    affordabilityHorizonAge: settings.affordabilityHorizonAge,
    lifeCoverMinTermYears: settings.lifeCoverMinTermYears,
    dualRecordingAge: settings.dualRecordingAge,
    investmentLinkedExperienceMonths: settings.investmentLinkedExperienceMonths,
    'alerts.mismatchRate': settings.alerts.mismatchRate,
    'alerts.coolingOffRate': settings.alerts.coolingOffRate,
    'alerts.complaintsPer100mPremium': settings.alerts.complaintsPer100mPremium,
    'alerts.complaintsPer10kPolicies': settings.alerts.complaintsPer10kPolicies,
    'alerts.persistency13m': settings.alerts.persistency13m,
    'alerts.minSales': settings.alerts.minSales,
  };
}

/** A stored value as the form shows it: a ratio as its percentage, without binary noise (0.07 → "7", not "7.000000000000001"). */
export function numberText(value: number, kind: NumberKind): string {
  const shown = kind === 'percent' ? value * 100 : value;
  return String(Number(shown.toPrecision(12)));
}

/** Typed text as the stored number, or the problem with it. Commas and spaces group digits; amounts take 万/亿. */
export function parseNumberText(text: string, kind: NumberKind): { ok: true; value: number } | { ok: false; code: FormProblemCode } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, code: 'required' };
  if (kind === 'amount') {
    const amount = parseAmountInput(trimmed);
    return amount === null ? { ok: false, code: 'notNumber' } : { ok: true, value: amount };
  }
  const plain = trimmed.replace(/[,，\s]/g, '').replace(/[%％]$/, '');
  if (!/^-?\d+(?:\.\d+)?$/.test(plain)) return { ok: false, code: 'notNumber' };
  const value = Number(plain);
  if (kind === 'integer' && !Number.isInteger(value)) return { ok: false, code: 'notWhole' };
  // Division, not multiplication by 0.01: 7 / 100 is exactly the double 0.07, 7 * 0.01 is not.
  return { ok: true, value: kind === 'percent' ? value / 100 : value };
}

let regionRowSequence = 0;

/** A new, empty override row. */
export function newRegionRow(): RegionRowDraft {
  regionRowSequence += 1;
  return { id: `region-${regionRowSequence}`, region: '', amount: '' };
}

export function settingsToDraft(settings: ComplianceSettingsDto): SettingsDraft {
  const numbers = numbersOf(settings);
  const required = settings.assessmentRequiredCategories;
  return {
    severities: { ...settings.severities },
    riskGrid: { ...settings.riskGrid },
    assessmentForAll: required === 'all',
    categories: {
      // Switching "all products" off starts from the non-guaranteed categories, the RULES.md default.
      assessmentRequiredCategories: required === 'all' ? [...settings.nonGuaranteedCategories] : [...required],
      nonGuaranteedCategories: [...settings.nonGuaranteedCategories],
      insuranceCategories: [...settings.insuranceCategories],
      lifeCoverCategories: [...settings.lifeCoverCategories],
      protectionCategories: [...settings.protectionCategories],
    },
    numbers: Object.fromEntries(NUMBER_FIELDS.map((field) => [field, numberText(numbers[field], NUMBER_KINDS[field])])) as Record<NumberField, string>,
    regions: Object.entries(settings.lowIncome.regions)
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([region, amount]) => ({ ...newRegionRow(), region, amount: numberText(amount, 'amount') })),
    channels: { outletChannels: settings.outletChannels.join(', '), bankChannels: settings.bankChannels.join(', ') },
    evidenceClears: {
      declaration: [...settings.evidenceClears.declaration],
      recording: [...settings.evidenceClears.recording],
      approval: [...settings.evidenceClears.approval],
    },
    mismatchMinSeverity: settings.alerts.mismatchMinSeverity,
  };
}

/** Channel codes typed as a list: split on commas or spaces, blanks and repeats dropped, order kept. */
export function parseChannels(text: string): string[] {
  return [...new Set(text.split(/[,，;\s]+/).map((code) => code.trim()).filter((code) => code !== ''))];
}

function inOrder<T extends string>(values: readonly T[], order: readonly T[]): T[] {
  return order.filter((value) => values.includes(value));
}

/** Adds or removes one value of a list kept in its canonical order (categories, rule codes). */
export function toggled<T extends string>(values: readonly T[], value: T, on: boolean, order: readonly T[]): T[] {
  return inOrder(on ? [...values, value] : values.filter((item) => item !== value), order);
}

/** The draft as the request the API takes, or every problem that stops it from being one. */
export function draftToRequest(draft: SettingsDraft, effectiveFrom: string, note: string): DraftResult {
  const problems: FormProblem[] = [];
  const numbers = {} as Record<NumberField, number>;
  for (const field of NUMBER_FIELDS) {
    const parsed = parseNumberText(draft.numbers[field], NUMBER_KINDS[field]);
    if (parsed.ok) numbers[field] = parsed.value;
    else problems.push({ field: `settings.${field}`, code: parsed.code });
  }

  const regions: Record<string, number> = {};
  const seen = new Set<string>();
  for (const row of draft.regions) {
    const name = row.region.trim();
    // A row left wholly empty is an unused "add" and is dropped, not an error.
    if (name === '' && row.amount.trim() === '') continue;
    if (name === '') problems.push({ field: `regions.${row.id}.region`, code: 'regionNameMissing' });
    else if (seen.has(name)) problems.push({ field: `regions.${row.id}.region`, code: 'regionDuplicate' });
    const amount = parseNumberText(row.amount, 'amount');
    if (!amount.ok) problems.push({ field: `regions.${row.id}.amount`, code: amount.code });
    if (name !== '' && amount.ok && !seen.has(name)) regions[name] = amount.value;
    seen.add(name);
  }
  if (problems.length > 0) return { ok: false, problems };

  const settings: ComplianceSettingsDto = {
    severities: { ...draft.severities },
    riskGrid: { ...draft.riskGrid },
    assessmentRequiredCategories: draft.assessmentForAll ? 'all' : inOrder(draft.categories.assessmentRequiredCategories, PRODUCT_CATEGORIES),
    assessmentValidityMonths: numbers.assessmentValidityMonths,
    nonGuaranteedCategories: inOrder(draft.categories.nonGuaranteedCategories, PRODUCT_CATEGORIES),
    elderlyAge: numbers.elderlyAge,
    elderlyRegularPremiumAge: numbers.elderlyRegularPremiumAge,
    lowIncome: { national: numbers['lowIncome.national'], regions },
    affordabilitySingleMultiple: numbers.affordabilitySingleMultiple,
    affordabilityRegularShare: numbers.affordabilityRegularShare,
    affordabilityHorizonAge: numbers.affordabilityHorizonAge,
    insuranceCategories: inOrder(draft.categories.insuranceCategories, PRODUCT_CATEGORIES),
    lifeCoverCategories: inOrder(draft.categories.lifeCoverCategories, PRODUCT_CATEGORIES),
    lifeCoverMinTermYears: numbers.lifeCoverMinTermYears,
    outletChannels: parseChannels(draft.channels.outletChannels),
    bankChannels: parseChannels(draft.channels.bankChannels),
    dualRecordingAge: numbers.dualRecordingAge,
    investmentLinkedExperienceMonths: numbers.investmentLinkedExperienceMonths,
    protectionCategories: inOrder(draft.categories.protectionCategories, PRODUCT_CATEGORIES),
    evidenceClears: Object.fromEntries(EVIDENCE_KINDS.map((kind) => [kind, inOrder(draft.evidenceClears[kind], RULE_CODES)])) as Record<
      EvidenceKind,
      RuleCode[]
    >,
    alerts: {
      mismatchRate: numbers['alerts.mismatchRate'],
      mismatchMinSeverity: draft.mismatchMinSeverity,
      coolingOffRate: numbers['alerts.coolingOffRate'],
      complaintsPer100mPremium: numbers['alerts.complaintsPer100mPremium'],
      complaintsPer10kPolicies: numbers['alerts.complaintsPer10kPolicies'],
      persistency13m: numbers['alerts.persistency13m'],
      minSales: numbers['alerts.minSales'],
    },
  };
  const trimmedNote = note.trim();
  return { ok: true, request: { settings, effectiveFrom, ...(trimmedNote === '' ? {} : { note: trimmedNote }) } };
}

/** Where an API issue about a region's override is shown: the amount cell of the row with that name. */
export function regionIssueField(region: string): string {
  return `settings.lowIncome.regions.${region.trim()}`;
}

/**
 * Messages per field: the form's own problems (in the user's language) and the API's validation issues
 * (as the API words them), both under the field path the form shows them at.
 */
export function messagesByField(
  problems: readonly FormProblem[],
  describe: (code: FormProblemCode) => string,
  apiIssues: readonly { field: string; message: string }[],
): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  const add = (field: string, message: string) => byField.set(field, [...(byField.get(field) ?? []), message]);
  for (const problem of problems) add(problem.field, describe(problem.code));
  for (const issue of apiIssues) add(issue.field, issue.message);
  return byField;
}

/** Every path the form shows messages at (a control, or a group of controls for the paths under it). */
export const FORM_FIELD_PATHS: readonly string[] = [
  'effectiveFrom',
  'note',
  'settings.severities',
  'settings.riskGrid',
  'settings.lowIncome.regions',
  'settings.evidenceClears',
  'settings.alerts.mismatchMinSeverity',
  ...NUMBER_FIELDS.map((field) => `settings.${field}`),
  ...CATEGORY_FIELDS.map((field) => `settings.${field}`),
  ...CHANNEL_FIELDS.map((field) => `settings.${field}`),
];

function isAtOrUnder(field: string, path: string): boolean {
  return field === path || field.startsWith(`${path}.`);
}

/** The messages about `path` and anything under it (`settings.outletChannels` takes `settings.outletChannels.2`). */
export function messagesAt(byField: ReadonlyMap<string, readonly string[]>, path: string): string[] {
  return [...byField].flatMap(([field, messages]) => (isAtOrUnder(field, path) ? messages : []));
}

/** The API issues no control of the form shows (about the request as a whole): listed above the buttons. */
export function unplacedIssues(apiIssues: readonly { field: string; message: string }[]): { field: string; message: string }[] {
  return apiIssues.filter((issue) => !FORM_FIELD_PATHS.some((path) => isAtOrUnder(issue.field, path)));
}
