import { PRODUCT_RISK_LEVELS, type ProductRiskLevel } from './canonical-values';
import { addMonths, daysBetween, wholeYearsBetween, yearOf } from './compliance-dates';
import {
  EVIDENCE_KINDS,
  RULE_CODES,
  type ComplianceSettings,
  type EvidenceKind,
  type FindingFacts,
  type RuleCode,
  type RuleFinding,
  type SaleCheckInput,
} from './compliance-settings';
import type { CustomerRiskLevel } from './value-parsers';

/**
 * The compliance rules of RULES.md, one pure function per rule, each deciding on the facts of one sale
 * (SaleCheckInput) under one settings version. A rule function says whether its condition holds and on
 * which facts; evidence clearing is applied once, by `saleRuleOutcomes`/`checkSale`. The bulk SQL of
 * libs/compliance follows the same semantics, comparison by comparison.
 */

export { addMonths, daysBetween, wholeYearsBetween } from './compliance-dates';

export type SaleRule = (input: SaleCheckInput, settings: ComplianceSettings) => RuleFinding | null;

/** 'R4' → 4. */
export function productRiskNumber(level: ProductRiskLevel): number {
  return PRODUCT_RISK_LEVELS.indexOf(level) + 1;
}

/**
 * The rating a product is checked at: the highest of its own rating and every partner's rating
 * (2025 suitability Measures: the higher rating applies). Unknown level strings are ignored; null when
 * none is a product risk level.
 */
export function effectiveProductRisk(levels: readonly (string | null | undefined)[]): ProductRiskLevel | null {
  let highest: ProductRiskLevel | null = null;
  for (const level of levels) {
    const known = PRODUCT_RISK_LEVELS.find((l) => l === level);
    if (known && (!highest || productRiskNumber(known) > productRiskNumber(highest))) highest = known;
  }
  return highest;
}

/**
 * Age in whole years at the sale date: from the birth date (reached on the birthday), else the
 * calendar-year difference from the birth year, else null (rules needing an age do not fire).
 */
export function ageAtSale(customer: SaleCheckInput['customer'], soldAt: string): number | null {
  if (!customer) return null;
  if (customer.birthDate !== null) return wholeYearsBetween(customer.birthDate, soldAt);
  if (customer.birthYear !== null) return yearOf(soldAt) - customer.birthYear;
  return null;
}

/** The customer's risk level at the sale: the snapshot's, else the one the seller recorded on the sale. */
export function customerRiskAtSale(input: SaleCheckInput): { level: CustomerRiskLevel; source: 'snapshot' | 'sale' } | null {
  const fromSnapshot = input.customer?.riskLevel ?? null;
  if (fromSnapshot !== null) return { level: fromSnapshot, source: 'snapshot' };
  const fromSale = input.sale.customerRiskLevelAtSale;
  return fromSale !== null ? { level: fromSale, source: 'sale' } : null;
}

function isNonGuaranteed(input: SaleCheckInput, s: ComplianceSettings): boolean {
  return s.nonGuaranteedCategories.includes(input.product.category);
}

function isRegularPremium(input: SaleCheckInput): boolean {
  return input.sale.premiumMode === 'annual' || input.sale.premiumMode === 'monthly';
}

function needsAssessment(input: SaleCheckInput, s: ComplianceSettings): boolean {
  return s.assessmentRequiredCategories === 'all' || s.assessmentRequiredCategories.includes(input.product.category);
}

/** Life cover: a life category with no term (whole of life) or a term above the minimum. */
function isLifeCover(input: SaleCheckInput, s: ComplianceSettings): boolean {
  const { category, termYears } = input.product;
  return s.lifeCoverCategories.includes(category) && (termYears === null || termYears > s.lifeCoverMinTermYears);
}

function finding(ruleCode: RuleCode, s: ComplianceSettings, facts: FindingFacts): RuleFinding {
  return { ruleCode, severity: s.severities[ruleCode], facts };
}

/** RISK_MISMATCH: the product's risk is above what the customer's level allows on the grid. */
export function riskMismatch(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  const risk = customerRiskAtSale(input);
  if (!risk) return null;
  const maxAllowed = s.riskGrid[risk.level];
  if (productRiskNumber(input.product.riskLevel) <= productRiskNumber(maxAllowed)) return null;
  return finding('RISK_MISMATCH', s, {
    customerRiskLevel: risk.level,
    productRiskLevel: input.product.riskLevel,
    maxAllowed,
    riskLevelSource: risk.source,
  });
}

/** RISK_ASSESSMENT_MISSING: a product needing an assessment sold with no known risk level. */
export function riskAssessmentMissing(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  if (!needsAssessment(input, s) || customerRiskAtSale(input)) return null;
  return finding('RISK_ASSESSMENT_MISSING', s, {
    productCategory: input.product.category,
    snapshotAsOf: input.customer?.asOf ?? null,
  });
}

/** RISK_ASSESSMENT_EXPIRED: the assessment is more than the validity months old at the sale date. */
export function riskAssessmentExpired(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  const assessedAt = input.customer?.riskAssessedAt ?? null;
  if (!needsAssessment(input, s) || !customerRiskAtSale(input) || assessedAt === null) return null;
  if (!(input.sale.soldAt > addMonths(assessedAt, s.assessmentValidityMonths))) return null;
  return finding('RISK_ASSESSMENT_EXPIRED', s, { riskAssessedAt: assessedAt, validityMonths: s.assessmentValidityMonths });
}

/** ELDERLY_NON_GUARANTEED: older than the elderly age, or the regular-premium age for a regular premium. */
export function elderlyNonGuaranteed(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  if (!isNonGuaranteed(input, s)) return null;
  const age = ageAtSale(input.customer, input.sale.soldAt);
  if (age === null) return null;
  if (!(age > s.elderlyAge || (isRegularPremium(input) && age > s.elderlyRegularPremiumAge))) return null;
  return finding('ELDERLY_NON_GUARANTEED', s, { age, productCategory: input.product.category, premiumMode: input.sale.premiumMode });
}

/** LOW_INCOME_NON_GUARANTEED: declared annual income below the region's per-capita disposable income. */
export function lowIncomeNonGuaranteed(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  const customer = input.customer;
  if (!isNonGuaranteed(input, s) || !customer) return null;
  const income =
    customer.monthlyIncome !== null
      ? { annualIncome: customer.monthlyIncome * 12, incomeSource: 'monthly' as const }
      : customer.householdAnnualIncome !== null
        ? { annualIncome: customer.householdAnnualIncome, incomeSource: 'household' as const }
        : null;
  if (!income) return null;
  const region = customer.region;
  const threshold = region !== null && Object.hasOwn(s.lowIncome.regions, region) ? s.lowIncome.regions[region]! : s.lowIncome.national;
  if (!(income.annualIncome < threshold)) return null;
  return finding('LOW_INCOME_NON_GUARANTEED', s, { ...income, threshold, region });
}

/** AFFORDABILITY_SINGLE: a single premium above the multiple of household annual income. */
export function affordabilitySingle(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  const household = input.customer?.householdAnnualIncome ?? null;
  if (!isNonGuaranteed(input, s) || input.sale.premiumMode !== 'single' || household === null) return null;
  if (!(input.sale.amount > s.affordabilitySingleMultiple * household)) return null;
  return finding('AFFORDABILITY_SINGLE', s, {
    premium: input.sale.amount,
    householdAnnualIncome: household,
    multiple: s.affordabilitySingleMultiple,
  });
}

/** AFFORDABILITY_REGULAR: an annual premium (monthly × 12) above the share of household annual income. */
export function affordabilityRegular(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  const household = input.customer?.householdAnnualIncome ?? null;
  if (!isNonGuaranteed(input, s) || !isRegularPremium(input) || household === null) return null;
  const annualPremium = input.sale.premiumMode === 'monthly' ? input.sale.amount * 12 : input.sale.amount;
  if (!(annualPremium > s.affordabilityRegularShare * household)) return null;
  return finding('AFFORDABILITY_REGULAR', s, { annualPremium, householdAnnualIncome: household, share: s.affordabilityRegularShare });
}

/** AFFORDABILITY_HORIZON: regular payments that run to the horizon age or beyond. */
export function affordabilityHorizon(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  const termYears = input.product.termYears;
  if (!isNonGuaranteed(input, s) || !isRegularPremium(input) || termYears === null) return null;
  const age = ageAtSale(input.customer, input.sale.soldAt);
  if (age === null || !(termYears + age >= s.affordabilityHorizonAge)) return null;
  return finding('AFFORDABILITY_HORIZON', s, { termYears, age });
}

/** DUAL_RECORDING_MISSING: no audio-video record where one is required; the first reason that holds. */
export function dualRecordingMissing(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  if (input.sale.dualRecording === true) return null;
  const { category } = input.product;
  const channel = input.sale.channel;
  const lifeCover = isLifeCover(input, s);
  const age = ageAtSale(input.customer, input.sale.soldAt);
  const reason =
    s.insuranceCategories.includes(category) && channel !== null && s.outletChannels.includes(channel)
      ? 'agency_outlet'
      : lifeCover && channel !== null && s.bankChannels.includes(channel)
        ? 'life_cover_bank'
        : category === 'investment_linked'
          ? 'investment_linked'
          : lifeCover && age !== null && age >= s.dualRecordingAge
            ? 'elderly_life_cover'
            : null;
  if (!reason) return null;
  return finding('DUAL_RECORDING_MISSING', s, { reason, channel, productCategory: category });
}

/** STAFF_UNQUALIFIED: the seller was not qualified at the sale date; the first reason that holds. */
export function staffUnqualified(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  const { staffCode, soldAt } = input.sale;
  if (staffCode === null) return null;
  const staff = input.staff;
  let reason: string | null;
  if (!staff || !staff.known) reason = 'unknown_staff';
  else if (staff.qualifiedUntil === null) reason = 'no_qualification';
  else if (staff.qualifiedUntil < soldAt) reason = 'expired';
  else if (staff.qualifiedSince !== null && staff.qualifiedSince > soldAt) reason = 'not_yet_valid';
  else if (
    input.product.category === 'investment_linked' &&
    (staff.qualifiedSince === null || addMonths(staff.qualifiedSince, s.investmentLinkedExperienceMonths) > soldAt)
  ) {
    reason = 'experience';
  } else reason = null;
  if (!reason) return null;
  return finding('STAFF_UNQUALIFIED', s, { staffCode, reason });
}

/** CONSENT_MISSING: a campaign sale without marketing consent, or without data-sharing consent for insurance. */
export function consentMissing(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  const campaignCode = input.sale.campaignCode;
  if (campaignCode === null) return null;
  const marketing = input.customer?.consentMarketing !== true;
  const dataSharing = s.insuranceCategories.includes(input.product.category) && input.customer?.consentDataSharing !== true;
  if (!marketing && !dataSharing) return null;
  const missing = marketing && dataSharing ? 'marketing_and_data_sharing' : marketing ? 'marketing' : 'data_sharing';
  return finding('CONSENT_MISSING', s, { campaignCode, missing });
}

/** DUPLICATE_COVER: protection cover of a category the customer already holds from an earlier, still active sale. */
export function duplicateCover(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  const { category } = input.product;
  const earlier = input.earlierActiveCoverSaleIds;
  if (!s.protectionCategories.includes(category) || earlier.length === 0) return null;
  // Code-unit order, as min(sale_id COLLATE "C") in SQL.
  const earlierSaleId = earlier.reduce((min, id) => (id < min ? id : min));
  return finding('DUPLICATE_COVER', s, { category, earlierSaleId, earlierSales: earlier.length });
}

/** COOLING_OFF_CANCELLED: cancelled within the product's cooling-off days (a signal, not a breach). */
export function coolingOffCancelled(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  const { status, statusAt, soldAt } = input.sale;
  if (status !== 'cancelled_cooling_off') return null;
  const daysAfterSale = statusAt === null ? null : daysBetween(soldAt, statusAt);
  const coolingOffDays = input.product.coolingOffDays;
  if (daysAfterSale !== null && !(daysAfterSale <= coolingOffDays)) return null;
  return finding('COOLING_OFF_CANCELLED', s, { daysAfterSale, coolingOffDays });
}

/** MIS_SELLING_COMPLAINT: at least one mis-selling complaint linked to the sale. */
export function misSellingComplaint(input: SaleCheckInput, s: ComplianceSettings): RuleFinding | null {
  if (!(input.misSellingComplaints >= 1)) return null;
  return finding('MIS_SELLING_COMPLAINT', s, { complaints: input.misSellingComplaints });
}

/** Every rule by code, in RULE_CODES order (the order a reviewer reads them). */
export const SALE_RULES: Readonly<Record<RuleCode, SaleRule>> = {
  RISK_MISMATCH: riskMismatch,
  RISK_ASSESSMENT_MISSING: riskAssessmentMissing,
  RISK_ASSESSMENT_EXPIRED: riskAssessmentExpired,
  ELDERLY_NON_GUARANTEED: elderlyNonGuaranteed,
  LOW_INCOME_NON_GUARANTEED: lowIncomeNonGuaranteed,
  AFFORDABILITY_SINGLE: affordabilitySingle,
  AFFORDABILITY_REGULAR: affordabilityRegular,
  AFFORDABILITY_HORIZON: affordabilityHorizon,
  DUAL_RECORDING_MISSING: dualRecordingMissing,
  STAFF_UNQUALIFIED: staffUnqualified,
  CONSENT_MISSING: consentMissing,
  DUPLICATE_COVER: duplicateCover,
  COOLING_OFF_CANCELLED: coolingOffCancelled,
  MIS_SELLING_COMPLAINT: misSellingComplaint,
};

/** The first kind of evidence on file (in EVIDENCE_KINDS order) that clears a rule, or null. */
export function clearingEvidence(evidence: readonly EvidenceKind[], ruleCode: RuleCode, s: ComplianceSettings): EvidenceKind | null {
  return EVIDENCE_KINDS.find((kind) => evidence.includes(kind) && s.evidenceClears[kind].includes(ruleCode)) ?? null;
}

/** A rule whose condition holds for a sale, and the evidence that clears it (null: it stands). */
export interface SaleRuleOutcome {
  finding: RuleFinding;
  clearedBy: EvidenceKind | null;
}

/** Every rule whose condition holds, in RULE_CODES order, with the evidence clearing it if any. */
export function saleRuleOutcomes(input: SaleCheckInput, settings: ComplianceSettings): SaleRuleOutcome[] {
  const outcomes: SaleRuleOutcome[] = [];
  for (const code of RULE_CODES) {
    const found = SALE_RULES[code](input, settings);
    if (found) outcomes.push({ finding: found, clearedBy: clearingEvidence(input.evidence, code, settings) });
  }
  return outcomes;
}

/** The findings of one sale under one settings version: rules that hold and no evidence on file clears. */
export function checkSale(input: SaleCheckInput, settings: ComplianceSettings): RuleFinding[] {
  return saleRuleOutcomes(input, settings)
    .filter((o) => o.clearedBy === null)
    .map((o) => o.finding);
}
