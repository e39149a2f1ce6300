import type { FindingFacts, RuleCode } from '@banca/domain';
import { PREMIUM_MODES, PRODUCT_CATEGORIES } from '@banca/domain';
import type { TFunction } from 'i18next';
import { formatCalendarDate } from '../format/date.format';
import { MISSING } from '../format/missing';
import { formatCny, formatCount, formatPercent } from '../format/number.format';
import type { Language } from '../i18n/language';

function text(facts: FindingFacts, key: string): string | null {
  const value = facts[key];
  if (value === null || value === undefined) return null;
  return String(value);
}

function number(facts: FindingFacts, key: string): number | null {
  const value = facts[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function oneOf<T extends string>(options: readonly T[], value: string | null): value is T {
  return value !== null && (options as readonly string[]).includes(value);
}

/**
 * The facts a finding was decided on, as one sentence in business words ("C2 customer buys an R4 product
 * (at most R2 allowed)"). Keys are those the rules record (RULES.md, the compliance brief); a fact an older
 * finding lacks reads "—" rather than breaking the sentence. Codes the platform knows (categories, premium
 * modes, reasons) are translated; partner codes (branches, campaigns, sales) are shown as they are.
 */
export function findingFactsText(ruleCode: RuleCode, facts: FindingFacts, t: TFunction, language: Language): string {
  const shown = (value: string | null) => value ?? MISSING;
  const cny = (key: string) => formatCny(number(facts, key), language);
  const count = (key: string) => formatCount(number(facts, key), language);
  const category = (key: string) => {
    const value = text(facts, key);
    return oneOf(PRODUCT_CATEGORIES, value) ? t(`productCategories.${value}`) : shown(value);
  };

  switch (ruleCode) {
    case 'RISK_MISMATCH': {
      const source = text(facts, 'riskLevelSource');
      return t('compliance.facts.RISK_MISMATCH', {
        customerRiskLevel: shown(text(facts, 'customerRiskLevel')),
        productRiskLevel: shown(text(facts, 'productRiskLevel')),
        maxAllowed: shown(text(facts, 'maxAllowed')),
        source: source === 'sale' || source === 'snapshot' ? t(`compliance.factValues.riskLevelSource.${source}`) : shown(source),
      });
    }
    case 'RISK_ASSESSMENT_MISSING': {
      const asOf = text(facts, 'snapshotAsOf');
      return asOf === null
        ? t('compliance.facts.RISK_ASSESSMENT_MISSING_noSnapshot', { category: category('productCategory') })
        : t('compliance.facts.RISK_ASSESSMENT_MISSING', { category: category('productCategory'), asOf: formatCalendarDate(asOf, language) });
    }
    case 'RISK_ASSESSMENT_EXPIRED':
      return t('compliance.facts.RISK_ASSESSMENT_EXPIRED', {
        assessedAt: formatCalendarDate(text(facts, 'riskAssessedAt'), language),
        months: count('validityMonths'),
      });
    case 'ELDERLY_NON_GUARANTEED': {
      const mode = text(facts, 'premiumMode');
      return t('compliance.facts.ELDERLY_NON_GUARANTEED', {
        age: count('age'),
        category: category('productCategory'),
        premiumMode: oneOf(PREMIUM_MODES, mode) ? t(`compliance.premiumModes.${mode}`) : t('compliance.premiumModes.unknown'),
      });
    }
    case 'LOW_INCOME_NON_GUARANTEED': {
      const source = text(facts, 'incomeSource');
      return t('compliance.facts.LOW_INCOME_NON_GUARANTEED', {
        income: cny('annualIncome'),
        source: source === 'monthly' || source === 'household' ? t(`compliance.factValues.incomeSource.${source}`) : shown(source),
        region: text(facts, 'region') ?? t('compliance.factValues.nationalRegion'),
        threshold: cny('threshold'),
      });
    }
    case 'AFFORDABILITY_SINGLE':
      return t('compliance.facts.AFFORDABILITY_SINGLE', {
        premium: cny('premium'),
        income: cny('householdAnnualIncome'),
        multiple: shown(number(facts, 'multiple') === null ? null : new Intl.NumberFormat(language).format(number(facts, 'multiple') ?? 0)),
      });
    case 'AFFORDABILITY_REGULAR':
      return t('compliance.facts.AFFORDABILITY_REGULAR', {
        premium: cny('annualPremium'),
        income: cny('householdAnnualIncome'),
        share: formatPercent(number(facts, 'share'), language, 0),
      });
    case 'AFFORDABILITY_HORIZON': {
      const termYears = number(facts, 'termYears');
      const age = number(facts, 'age');
      return t('compliance.facts.AFFORDABILITY_HORIZON', {
        termYears: count('termYears'),
        age: count('age'),
        until: termYears === null || age === null ? MISSING : formatCount(termYears + age, language),
      });
    }
    case 'DUAL_RECORDING_MISSING': {
      const reason = text(facts, 'reason');
      const reasons = ['agency_outlet', 'life_cover_bank', 'investment_linked', 'elderly_life_cover'] as const;
      return t('compliance.facts.DUAL_RECORDING_MISSING', {
        reason: oneOf(reasons, reason) ? t(`compliance.factValues.dualRecordingReason.${reason}`) : shown(reason),
        category: category('productCategory'),
        channel: shown(text(facts, 'channel')),
      });
    }
    case 'STAFF_UNQUALIFIED': {
      const reason = text(facts, 'reason');
      const reasons = ['unknown_staff', 'no_qualification', 'expired', 'not_yet_valid', 'experience'] as const;
      return t('compliance.facts.STAFF_UNQUALIFIED', {
        staffCode: shown(text(facts, 'staffCode')),
        reason: oneOf(reasons, reason) ? t(`compliance.factValues.staffReason.${reason}`) : shown(reason),
      });
    }
    case 'CONSENT_MISSING': {
      const missing = text(facts, 'missing');
      const kinds = ['marketing', 'data_sharing', 'marketing_and_data_sharing'] as const;
      return t('compliance.facts.CONSENT_MISSING', {
        campaignCode: shown(text(facts, 'campaignCode')),
        missing: oneOf(kinds, missing) ? t(`compliance.factValues.consentMissing.${missing}`) : shown(missing),
      });
    }
    case 'DUPLICATE_COVER':
      return t('compliance.facts.DUPLICATE_COVER', {
        count: number(facts, 'earlierSales') ?? 1,
        category: category('category'),
        earlierSaleId: shown(text(facts, 'earlierSaleId')),
      });
    case 'COOLING_OFF_CANCELLED': {
      const days = number(facts, 'daysAfterSale');
      const coolingOffDays = count('coolingOffDays');
      return days === null
        ? t('compliance.facts.COOLING_OFF_CANCELLED_undated', { coolingOffDays })
        : t('compliance.facts.COOLING_OFF_CANCELLED', { count: days, coolingOffDays });
    }
    case 'MIS_SELLING_COMPLAINT':
      return t('compliance.facts.MIS_SELLING_COMPLAINT', { count: number(facts, 'complaints') ?? 1 });
  }
}
