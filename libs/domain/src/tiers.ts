/** The three customer tiers of PRODUCT.md, in evaluation order (first match wins, basic is the fallback). */
export const TIERS = ['hnw', 'middle', 'basic'] as const;
export type Tier = (typeof TIERS)[number];

/** Thresholds in CNY; a versioned setting (tier_rule_sets). */
export interface TierThresholds {
  /** hnw: investable assets >= this */
  hnwInvestableAssets: number;
  /** middle: household annual income >= this ... */
  middleHouseholdIncome: number;
  /** ... or investable assets >= this */
  middleInvestableAssets: number;
}

/** PRODUCT.md defaults: hnw >= 5,000,000 assets; middle >= 200,000 household income or >= 500,000 assets. */
export const DEFAULT_TIER_THRESHOLDS: TierThresholds = {
  hnwInvestableAssets: 5_000_000,
  middleHouseholdIncome: 200_000,
  middleInvestableAssets: 500_000,
};

export interface TierInputs {
  investableAssets: number | null;
  householdAnnualIncome: number | null;
}

/**
 * Tier of one customer. Missing inputs count as unknown: a customer is tiered on what is known,
 * so a customer with no figures at all is basic. The set-based SQL in libs/segmentation mirrors this.
 */
export function assignTier(inputs: TierInputs, t: TierThresholds = DEFAULT_TIER_THRESHOLDS): Tier {
  const assets = inputs.investableAssets;
  const income = inputs.householdAnnualIncome;
  if (assets !== null && assets >= t.hnwInvestableAssets) return 'hnw';
  if ((income !== null && income >= t.middleHouseholdIncome) || (assets !== null && assets >= t.middleInvestableAssets)) {
    return 'middle';
  }
  return 'basic';
}

/** What is wrong with a set of thresholds (empty when it is usable): the tiers must stay ordered. */
export function tierThresholdProblems(t: TierThresholds): { field: keyof TierThresholds; message: string }[] {
  const problems: { field: keyof TierThresholds; message: string }[] = [];
  for (const field of ['hnwInvestableAssets', 'middleHouseholdIncome', 'middleInvestableAssets'] as const) {
    if (!Number.isFinite(t[field]) || t[field] <= 0) problems.push({ field, message: 'must be a positive amount' });
  }
  if (t.hnwInvestableAssets <= t.middleInvestableAssets) {
    problems.push({ field: 'hnwInvestableAssets', message: 'must be greater than the middle investable assets threshold' });
  }
  return problems;
}

/** One version of the tier rules: thresholds taking effect on a date (YYYY-MM-DD). */
export interface TierRuleVersion {
  version: number;
  effectiveFrom: string;
  thresholds: TierThresholds;
}

/**
 * The version in force on a date: the latest effective_from on or before it (the highest version on a
 * tie). Before any version took effect, the first version (the defaults) applies, so every date has
 * rules and snapshots older than the settings are tiered. The re-tier SQL mirrors this.
 */
export function tierRuleVersionOn<V extends Omit<TierRuleVersion, 'thresholds'>>(versions: readonly V[], date: string): V | null {
  let inForce: V | null = null;
  let first: V | null = null;
  for (const v of versions) {
    const later = !inForce || v.effectiveFrom > inForce.effectiveFrom || (v.effectiveFrom === inForce.effectiveFrom && v.version > inForce.version);
    if (v.effectiveFrom <= date && later) inForce = v;
    if (!first || v.version < first.version) first = v;
  }
  return inForce ?? first;
}
