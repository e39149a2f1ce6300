import { PRODUCT_RISK_LEVELS, type ProductCategory, type ProductRiskLevel } from './canonical-values';
import { CUSTOMER_RISK_LEVELS, type CustomerRiskLevel } from './value-parsers';

/** The rules of RULES.md, in the order a reviewer reads them. */
export const RULE_CODES = [
  'RISK_MISMATCH',
  'RISK_ASSESSMENT_MISSING',
  'RISK_ASSESSMENT_EXPIRED',
  'ELDERLY_NON_GUARANTEED',
  'LOW_INCOME_NON_GUARANTEED',
  'AFFORDABILITY_SINGLE',
  'AFFORDABILITY_REGULAR',
  'AFFORDABILITY_HORIZON',
  'DUAL_RECORDING_MISSING',
  'STAFF_UNQUALIFIED',
  'CONSENT_MISSING',
  'DUPLICATE_COVER',
  'COOLING_OFF_CANCELLED',
  'MIS_SELLING_COMPLAINT',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export function isRuleCode(value: string): value is RuleCode {
  return (RULE_CODES as readonly string[]).includes(value);
}

/** Lowest first; `info` is a signal, not a breach (COOLING_OFF_CANCELLED). */
export const SEVERITIES = ['info', 'low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Evidence attached to a sale (RULES.md): a signed declaration, an audio-video recording, an approval. */
export const EVIDENCE_KINDS = ['declaration', 'recording', 'approval'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Figures watched per branch, staff member, product and campaign (RULES.md "Prevention and monitoring"). */
export const ALERT_METRICS = [
  'mismatch_rate',
  'cooling_off_rate',
  'complaints_per_100m_premium',
  'complaints_per_10k_policies',
  'persistency_13m',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

export const ALERT_DIMENSIONS = ['branch', 'staff', 'product', 'campaign'] as const;
export type AlertDimension = (typeof ALERT_DIMENSIONS)[number];

export interface AlertThresholds {
  /** Share of sales with a finding of at least `mismatchMinSeverity`; alert when above. */
  mismatchRate: number;
  mismatchMinSeverity: Severity;
  /** Share of sales cancelled within the cooling-off period; alert when above. */
  coolingOffRate: number;
  /** Complaints per 100 million CNY premium; alert when above (regulator's 2021Q1 life-insurer median 1.43). */
  complaintsPer100mPremium: number;
  /** Complaints per 10,000 policies; alert when above (median 0.26). */
  complaintsPer10kPolicies: number;
  /** 13-month persistency (share by count still active); alert when below. */
  persistency13m: number;
  /** Fewer sales than this in a month for a dimension value: no alert (too small to mean anything). */
  minSales: number;
}

/**
 * Every threshold, severity and the C→R grid of RULES.md: a versioned setting (compliance_rule_sets)
 * with an effective date; a finding records the version it was decided under.
 */
export interface ComplianceSettings {
  severities: Record<RuleCode, Severity>;
  /** The highest product risk level each customer risk level allows (default C1→R1 … C5→R5). */
  riskGrid: Record<CustomerRiskLevel, ProductRiskLevel>;
  /** Products needing a valid risk assessment: these categories, or every product with `'all'`. */
  assessmentRequiredCategories: ProductCategory[] | 'all';
  /** An assessment older than this many months at the sale date has expired. */
  assessmentValidityMonths: number;
  /** Non-guaranteed products (participating, universal, investment-linked). */
  nonGuaranteedCategories: ProductCategory[];
  /** ELDERLY_NON_GUARANTEED: older than this (whole years at the sale date) … */
  elderlyAge: number;
  /** … or older than this for a regular-premium product. */
  elderlyRegularPremiumAge: number;
  /** LOW_INCOME_NON_GUARANTEED: per-capita disposable income (CNY/year), per region with a national default. */
  lowIncome: { national: number; regions: Record<string, number> };
  /** AFFORDABILITY_SINGLE: single premium above this multiple of household annual income. */
  affordabilitySingleMultiple: number;
  /** AFFORDABILITY_REGULAR: annual premium above this share of household annual income. */
  affordabilityRegularShare: number;
  /** AFFORDABILITY_HORIZON: payment years + age at or above this. */
  affordabilityHorizonAge: number;
  /** Insurance categories (agency products: the insurer's products the bank sells). */
  insuranceCategories: ProductCategory[];
  /** Life cover for DUAL_RECORDING_MISSING: these categories with a term above `lifeCoverMinTermYears` (no term: whole of life). */
  lifeCoverCategories: ProductCategory[];
  lifeCoverMinTermYears: number;
  /** Channels that are a bank outlet or an account manager (agency products sold there need a recording). */
  outletChannels: string[];
  /** Channels that are "through the bank". */
  bankChannels: string[];
  /** DUAL_RECORDING_MISSING: customers this old or older buying life cover need a recording in any channel. */
  dualRecordingAge: number;
  /** STAFF_UNQUALIFIED: experience needed to sell investment-linked products, in months. */
  investmentLinkedExperienceMonths: number;
  /** Categories of protection cover for DUPLICATE_COVER. */
  protectionCategories: ProductCategory[];
  /** Which evidence clears which rules. */
  evidenceClears: Record<EvidenceKind, RuleCode[]>;
  alerts: AlertThresholds;
}

/** RULES.md defaults. */
export const DEFAULT_COMPLIANCE_SETTINGS: ComplianceSettings = {
  severities: {
    RISK_MISMATCH: 'high',
    RISK_ASSESSMENT_MISSING: 'high',
    RISK_ASSESSMENT_EXPIRED: 'medium',
    ELDERLY_NON_GUARANTEED: 'high',
    LOW_INCOME_NON_GUARANTEED: 'medium',
    AFFORDABILITY_SINGLE: 'medium',
    AFFORDABILITY_REGULAR: 'medium',
    AFFORDABILITY_HORIZON: 'low',
    DUAL_RECORDING_MISSING: 'high',
    STAFF_UNQUALIFIED: 'medium',
    CONSENT_MISSING: 'high',
    DUPLICATE_COVER: 'low',
    COOLING_OFF_CANCELLED: 'info',
    MIS_SELLING_COMPLAINT: 'high',
  },
  riskGrid: { C1: 'R1', C2: 'R2', C3: 'R3', C4: 'R4', C5: 'R5' },
  assessmentRequiredCategories: ['participating_annuity', 'universal_life', 'investment_linked'],
  assessmentValidityMonths: 12,
  nonGuaranteedCategories: ['participating_annuity', 'universal_life', 'investment_linked'],
  elderlyAge: 65,
  elderlyRegularPremiumAge: 60,
  // National per-capita disposable income 2024 (NBS): 41,314 CNY; RULES.md sets 54,188 as the platform default.
  lowIncome: { national: 54_188, regions: {} },
  affordabilitySingleMultiple: 4,
  affordabilityRegularShare: 0.2,
  affordabilityHorizonAge: 60,
  insuranceCategories: [
    'accident',
    'medical',
    'critical_illness',
    'term_life',
    'whole_life',
    'annuity',
    'participating_annuity',
    'universal_life',
    'investment_linked',
    'home_property',
    'credit_guarantee',
    'education_savings',
  ],
  lifeCoverCategories: [
    'term_life',
    'whole_life',
    'annuity',
    'participating_annuity',
    'universal_life',
    'investment_linked',
    'education_savings',
  ],
  lifeCoverMinTermYears: 1,
  outletChannels: ['branch', 'account_manager'],
  bankChannels: ['branch', 'account_manager', 'app', 'online', 'phone', 'sms', 'wechat'],
  dualRecordingAge: 60,
  investmentLinkedExperienceMonths: 12,
  protectionCategories: ['accident', 'medical', 'critical_illness', 'term_life', 'home_property'],
  evidenceClears: {
    declaration: ['AFFORDABILITY_SINGLE', 'AFFORDABILITY_REGULAR', 'AFFORDABILITY_HORIZON'],
    recording: ['DUAL_RECORDING_MISSING'],
    approval: ['DUPLICATE_COVER'],
  },
  alerts: {
    mismatchRate: 0.05,
    mismatchMinSeverity: 'medium',
    coolingOffRate: 0.05,
    complaintsPer100mPremium: 1.43,
    complaintsPer10kPolicies: 0.26,
    persistency13m: 0.85,
    minSales: 20,
  },
};

/** One version of the compliance settings, taking effect on a date (YYYY-MM-DD). */
export interface ComplianceRuleVersion {
  version: number;
  effectiveFrom: string;
  settings: ComplianceSettings;
}

/**
 * The version in force on a date (a sale's sold_at): the latest effective_from on or before it, the
 * highest version on a tie; before any took effect, the lowest version; null for no versions. Mirrors
 * `tierRuleVersionOn`; the bulk scan SQL picks the version the same way.
 */
export function complianceRuleVersionOn<V extends Omit<ComplianceRuleVersion, 'settings'>>(versions: readonly V[], date: string): V | null {
  let inForce: V | null = null;
  let first: V | null = null;
  for (const v of versions) {
    const later = !inForce || v.effectiveFrom > inForce.effectiveFrom || (v.effectiveFrom === inForce.effectiveFrom && v.version > inForce.version);
    if (v.effectiveFrom <= date && later) inForce = v;
    if (!first || v.version < first.version) first = v;
  }
  return inForce ?? first;
}

/** What is wrong across fields of a settings version (empty when usable); per-field ranges are the contract schema's. */
export function complianceSettingsProblems(s: ComplianceSettings): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (s.elderlyRegularPremiumAge > s.elderlyAge) {
    problems.push({ field: 'elderlyRegularPremiumAge', message: 'must not be above the elderly age' });
  }
  // A more risk-tolerant customer never allows less: C1 ≤ C2 ≤ … ≤ C5 on the grid.
  for (let i = 1; i < CUSTOMER_RISK_LEVELS.length; i++) {
    const level = CUSTOMER_RISK_LEVELS[i]!;
    const previous = CUSTOMER_RISK_LEVELS[i - 1]!;
    if (PRODUCT_RISK_LEVELS.indexOf(s.riskGrid[level]) < PRODUCT_RISK_LEVELS.indexOf(s.riskGrid[previous])) {
      problems.push({ field: `riskGrid.${level}`, message: `must allow at least what ${previous} allows (${s.riskGrid[previous]})` });
    }
  }
  for (const [kind, rules] of Object.entries(s.evidenceClears)) {
    if (new Set(rules).size !== rules.length) problems.push({ field: `evidenceClears.${kind}`, message: 'lists a rule twice' });
  }
  return problems;
}

/** Whole-years, product risk and premium facts a rule was decided on; stored as the finding's `facts`. */
export type FindingFacts = Record<string, string | number | boolean | null>;

/** One rule firing for one sale. */
export interface RuleFinding {
  ruleCode: RuleCode;
  severity: Severity;
  facts: FindingFacts;
}

/**
 * Everything the rules read about one sale, as it was at the sale date. The set-based SQL of
 * libs/compliance gathers exactly these facts for every sale; `checkSale` decides on them.
 */
export interface SaleCheckInput {
  sale: {
    saleId: string;
    soldAt: string;
    amount: number;
    /** The sale's premium mode, else the product's. */
    premiumMode: 'single' | 'annual' | 'monthly' | null;
    channel: string | null;
    staffCode: string | null;
    campaignCode: string | null;
    /** The level the seller recorded on the sale (used when the snapshot has none). */
    customerRiskLevelAtSale: CustomerRiskLevel | null;
    dualRecording: boolean | null;
    status: string;
    statusAt: string | null;
  };
  product: {
    productCode: string;
    category: ProductCategory;
    /** The higher of the product's own rating and every partner's rating. */
    riskLevel: ProductRiskLevel;
    termYears: number | null;
    coolingOffDays: number;
  };
  /** The snapshot in force at the sale date (latest as_of on or before it); null when none. */
  customer: {
    asOf: string;
    birthDate: string | null;
    birthYear: number | null;
    region: string | null;
    monthlyIncome: number | null;
    householdAnnualIncome: number | null;
    riskLevel: CustomerRiskLevel | null;
    riskAssessedAt: string | null;
    consentMarketing: boolean | null;
    consentDataSharing: boolean | null;
  } | null;
  /** The seller; null when the sale names none, `{ known: false }` when the code is not in the staff table. */
  staff: { known: true; qualifiedSince: string | null; qualifiedUntil: string | null } | { known: false } | null;
  /** Kinds of evidence on file for the sale (not revoked). */
  evidence: EvidenceKind[];
  /** Complaints of category mis_selling linked to the sale. */
  misSellingComplaints: number;
  /** Earlier sales of the same customer in the same protection category still active at this sale's date. */
  earlierActiveCoverSaleIds: string[];
}
