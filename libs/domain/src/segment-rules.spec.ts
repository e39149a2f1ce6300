import { describe, expect, it } from 'vitest';
import {
  ageBand,
  ageOn,
  matchesSegmentRule,
  segmentRuleConditionCount,
  segmentRuleDepth,
  type SegmentCustomerFacts,
  type SegmentRule,
} from './segment-rules';

const customer = (facts: Partial<SegmentCustomerFacts> = {}): SegmentCustomerFacts => ({
  birthDate: null,
  birthYear: null,
  monthlyIncome: null,
  householdAnnualIncome: null,
  investableAssets: null,
  depositBalance: null,
  wealthBalance: null,
  mortgageBalance: null,
  cardSpend12m: null,
  region: null,
  branchCode: null,
  gender: null,
  riskLevel: null,
  payroll: null,
  hasMortgage: null,
  consentMarketing: null,
  consentDataSharing: null,
  tier: null,
  activeCategories: new Set(),
  ...facts,
});

const TODAY = '2025-06-30';
const matches = (rule: SegmentRule, facts: Partial<SegmentCustomerFacts>) => matchesSegmentRule(rule, customer(facts), TODAY);

describe('ageOn', () => {
  it('counts whole years from the birth date, the birthday itself included', () => {
    expect(ageOn('1975-06-30', null, TODAY)).toBe(50);
    expect(ageOn('1975-07-01', null, TODAY)).toBe(49);
    expect(ageOn('2024-02-29', null, '2025-02-28')).toBe(0);
    expect(ageOn('2024-02-29', null, '2025-03-01')).toBe(1);
  });

  it('uses the birth year when the date is unknown, and nothing when neither is', () => {
    expect(ageOn(null, 1975, TODAY)).toBe(50);
    expect(ageOn('1980-12-31', 1975, TODAY)).toBe(44);
    expect(ageOn(null, null, TODAY)).toBeNull();
  });

  it('bands ages by decade without showing the age', () => {
    expect([ageBand(19), ageBand(20), ageBand(49), ageBand(70), ageBand(null)]).toEqual(['<20', '20-29', '40-49', '70+', null]);
  });
});

describe('matchesSegmentRule', () => {
  it('silver-age plan: 50+ holding no annuity yet', () => {
    const rule: SegmentRule = {
      all: [
        { field: 'age', op: 'gte', value: 50 },
        { field: 'holding', op: 'notHolds', category: 'annuity' },
      ],
    };
    expect(matches(rule, { birthYear: 1975 })).toBe(true);
    expect(matches(rule, { birthYear: 1976 })).toBe(false);
    expect(matches(rule, { birthYear: 1960, activeCategories: new Set(['annuity']) })).toBe(false);
    expect(matches(rule, {})).toBe(false);
  });

  it('never matches an unknown value, even with ne or notIn; missing finds it', () => {
    expect(matches({ field: 'region', op: 'ne', value: 'Beijing' }, {})).toBe(false);
    expect(matches({ field: 'region', op: 'notIn', values: ['Beijing'] }, {})).toBe(false);
    expect(matches({ field: 'tier', op: 'ne', value: 'hnw' }, {})).toBe(false);
    expect(matches({ field: 'payroll', op: 'is', value: false }, {})).toBe(false);
    expect(matches({ field: 'investableAssets', op: 'missing' }, {})).toBe(true);
    expect(matches({ field: 'investableAssets', op: 'present' }, { investableAssets: 0 })).toBe(true);
  });

  it('compares amounts inclusively at the ends of between', () => {
    const rule: SegmentRule = { field: 'monthlyIncome', op: 'between', min: 3_000, max: 5_000 };
    expect([2_999.99, 3_000, 5_000, 5_000.01].map((monthlyIncome) => matches(rule, { monthlyIncome }))).toEqual([false, true, true, false]);
  });

  it('treats an empty all as everyone and an any as at least one', () => {
    expect(matches({ all: [] }, {})).toBe(true);
    const anyRule: SegmentRule = { any: [{ field: 'tier', op: 'in', values: ['hnw', 'middle'] }, { field: 'payroll', op: 'is', value: true }] };
    expect(matches(anyRule, { tier: 'basic', payroll: true })).toBe(true);
    expect(matches(anyRule, { tier: 'basic', payroll: false })).toBe(false);
  });

  it('measures depth and size', () => {
    const rule: SegmentRule = { all: [{ any: [{ field: 'gender', op: 'eq', value: 'F' }, { all: [] }] }, { field: 'age', op: 'lt', value: 30 }] };
    expect(segmentRuleDepth(rule)).toBe(3);
    expect(segmentRuleConditionCount(rule)).toBe(2);
    expect(segmentRuleDepth({ field: 'age', op: 'lt', value: 30 })).toBe(0);
  });
});
