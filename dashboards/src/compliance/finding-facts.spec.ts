import { RULE_CODES, type FindingFacts, type RuleCode } from '@banca/domain';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../i18n/i18n';
import { findingFactsText } from './finding-facts';

let en: TFunction;
let zh: TFunction;

beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false }, returnNull: false });
  en = instance.getFixedT('en');
  zh = instance.getFixedT('zh-CN');
});

/** Facts as the rules record them (the keys of the compliance brief), one example per rule. */
const EXAMPLES: Record<RuleCode, FindingFacts> = {
  RISK_MISMATCH: { customerRiskLevel: 'C2', productRiskLevel: 'R4', maxAllowed: 'R2', riskLevelSource: 'snapshot' },
  RISK_ASSESSMENT_MISSING: { productCategory: 'universal_life', snapshotAsOf: '2025-01-31' },
  RISK_ASSESSMENT_EXPIRED: { riskAssessedAt: '2023-05-02', validityMonths: 12 },
  ELDERLY_NON_GUARANTEED: { age: 67, productCategory: 'participating_annuity', premiumMode: 'annual' },
  LOW_INCOME_NON_GUARANTEED: { annualIncome: 36000, incomeSource: 'monthly', threshold: 54188, region: null },
  AFFORDABILITY_SINGLE: { premium: 500000, householdAnnualIncome: 100000, multiple: 4 },
  AFFORDABILITY_REGULAR: { annualPremium: 30000, householdAnnualIncome: 120000, share: 0.2 },
  AFFORDABILITY_HORIZON: { termYears: 10, age: 55 },
  DUAL_RECORDING_MISSING: { reason: 'investment_linked', channel: 'app', productCategory: 'investment_linked' },
  STAFF_UNQUALIFIED: { staffCode: 'S-017', reason: 'expired' },
  CONSENT_MISSING: { campaignCode: 'SPRING-25', missing: 'marketing_and_data_sharing' },
  DUPLICATE_COVER: { category: 'medical', earlierSaleId: 'P-100', earlierSales: 2 },
  COOLING_OFF_CANCELLED: { daysAfterSale: 9, coolingOffDays: 15 },
  MIS_SELLING_COMPLAINT: { complaints: 1 },
};

const EXPECTED_EN: Record<RuleCode, string> = {
  RISK_MISMATCH: 'C2 customer buys an R4 product (at most R2 allowed); risk level from the customer data in force at the sale date',
  RISK_ASSESSMENT_MISSING: 'No customer risk level at the sale date for a Universal life product (customer data as of Jan 31, 2025)',
  RISK_ASSESSMENT_EXPIRED: 'Risk assessed on May 2, 2023, more than 12 months before the sale',
  ELDERLY_NON_GUARANTEED: 'Age 67 at the sale, buying a Participating annuity product, annual premium',
  LOW_INCOME_NON_GUARANTEED: 'Declared annual income CNY 36,000 (monthly income × 12) below the national threshold of CNY 54,188',
  AFFORDABILITY_SINGLE: 'Single premium CNY 500,000 above 4 × household annual income of CNY 100,000',
  AFFORDABILITY_REGULAR: 'Annual premium CNY 30,000 above 20% of household annual income of CNY 120,000',
  AFFORDABILITY_HORIZON: '10 payment years from age 55: paying until age 65',
  DUAL_RECORDING_MISSING: 'No audio-video recording for: investment-linked product (Investment-linked, channel app)',
  STAFF_UNQUALIFIED: 'Seller S-017: qualification expired before the sale',
  CONSENT_MISSING: 'Contacted in campaign SPRING-25 without marketing and data-sharing consent',
  DUPLICATE_COVER: 'Already holds 2 earlier active Medical covers (first: sale P-100)',
  COOLING_OFF_CANCELLED: 'Cancelled 9 days after the sale, within the 15-day cooling-off period',
  MIS_SELLING_COMPLAINT: '1 mis-selling complaint linked to the sale',
};

describe('findingFactsText', () => {
  it.each(RULE_CODES)('says what %s found in English business words', (rule) => {
    expect(findingFactsText(rule, EXAMPLES[rule], en, 'en')).toBe(EXPECTED_EN[rule]);
  });

  it.each(RULE_CODES)('says what %s found in Chinese, with every placeholder filled', (rule) => {
    const text = findingFactsText(rule, EXAMPLES[rule], zh, 'zh-CN');
    expect(text).not.toMatch(/\{\{|\}\}|compliance\.|undefined|NaN/);
    expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reads a C2 customer buying an R4 product as the reviewer would say it in Chinese', () => {
    expect(findingFactsText('RISK_MISMATCH', EXAMPLES.RISK_MISMATCH, zh, 'zh-CN')).toBe(
      'C2 客户购买 R4 产品（最高允许 R2）；风险等级取自销售日生效的客户数据',
    );
    expect(findingFactsText('ELDERLY_NON_GUARANTEED', EXAMPLES.ELDERLY_NON_GUARANTEED, zh, 'zh-CN')).toBe('销售时 67 岁，购买分红型年金产品，年交');
    expect(findingFactsText('AFFORDABILITY_SINGLE', EXAMPLES.AFFORDABILITY_SINGLE, zh, 'zh-CN')).toBe('趸交保费 50万元 超过家庭年收入 10万元 的 4 倍');
  });

  it('names the region whose income threshold applied, and the level recorded on the sale when the snapshot had none', () => {
    expect(findingFactsText('LOW_INCOME_NON_GUARANTEED', { ...EXAMPLES.LOW_INCOME_NON_GUARANTEED, region: 'Shanghai', incomeSource: 'household' }, en, 'en')).toBe(
      'Declared annual income CNY 36,000 (household income) below the Shanghai threshold of CNY 54,188',
    );
    expect(findingFactsText('RISK_MISMATCH', { ...EXAMPLES.RISK_MISMATCH, riskLevelSource: 'sale' }, en, 'en')).toContain('from the level recorded on the sale');
  });

  it('has a sentence for a missing snapshot, an undated cancellation and a single earlier cover', () => {
    expect(findingFactsText('RISK_ASSESSMENT_MISSING', { productCategory: 'investment_linked', snapshotAsOf: null }, en, 'en')).toBe(
      'No customer risk level at the sale date for a Investment-linked product (no customer data before the sale)',
    );
    expect(findingFactsText('COOLING_OFF_CANCELLED', { daysAfterSale: null, coolingOffDays: 15 }, en, 'en')).toBe(
      'Cancelled in the cooling-off period (15 days); cancellation date not recorded',
    );
    expect(findingFactsText('COOLING_OFF_CANCELLED', { daysAfterSale: 1, coolingOffDays: 15 }, en, 'en')).toBe(
      'Cancelled 1 day after the sale, within the 15-day cooling-off period',
    );
    expect(findingFactsText('DUPLICATE_COVER', { category: 'accident', earlierSaleId: 'P-7', earlierSales: 1 }, en, 'en')).toBe(
      'Already holds an earlier active Accident cover (sale P-7)',
    );
  });

  it('shows a fact an older finding lacks as a dash, and an unknown code as it was recorded', () => {
    expect(findingFactsText('RISK_MISMATCH', {}, en, 'en')).toBe('— customer buys an — product (at most — allowed); risk level from —');
    expect(findingFactsText('STAFF_UNQUALIFIED', { staffCode: 'S-1', reason: 'suspended' }, en, 'en')).toBe('Seller S-1: suspended');
  });
});
