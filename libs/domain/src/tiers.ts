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
