import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COMPLIANCE_SETTINGS,
  RULE_CODES,
  type ComplianceSettings,
  type RuleCode,
  type RuleFinding,
  type SaleCheckInput,
} from './compliance-settings';
import {
  ageAtSale,
  checkSale,
  effectiveProductRisk,
  productRiskNumber,
  riskMismatch,
  SALE_RULES,
  saleRuleOutcomes,
} from './suitability.rules';

type Customer = NonNullable<SaleCheckInput['customer']>;
interface SaleOverrides {
  sale?: Partial<SaleCheckInput['sale']>;
  product?: Partial<SaleCheckInput['product']>;
  /** null: no snapshot in force at the sale date. */
  customer?: Partial<Customer> | null;
  staff?: SaleCheckInput['staff'];
  evidence?: SaleCheckInput['evidence'];
  misSellingComplaints?: number;
  earlierActiveCoverSaleIds?: string[];
}

/**
 * A clean sale that fires no rule under the defaults: a 40-year-old C3 customer, assessed five months
 * earlier, buying an R3 participating annuity with a single premium of a quarter of the household's
 * income, in a branch, recorded, from a qualified seller, outside any campaign, still active.
 */
function saleInput(overrides: SaleOverrides = {}): SaleCheckInput {
  return {
    sale: {
      saleId: 'S-100',
      soldAt: '2025-06-15',
      amount: 100_000,
      premiumMode: 'single',
      channel: 'branch',
      staffCode: 'ST-1',
      campaignCode: null,
      customerRiskLevelAtSale: null,
      dualRecording: true,
      status: 'active',
      statusAt: null,
      ...overrides.sale,
    },
    product: { productCode: 'PA-10', category: 'participating_annuity', riskLevel: 'R3', termYears: 10, coolingOffDays: 15, ...overrides.product },
    customer:
      overrides.customer === null
        ? null
        : {
            asOf: '2025-06-01',
            birthDate: '1985-03-20',
            birthYear: 1985,
            region: null,
            monthlyIncome: 20_000,
            householdAnnualIncome: 400_000,
            riskLevel: 'C3',
            riskAssessedAt: '2025-01-10',
            consentMarketing: true,
            consentDataSharing: true,
            ...overrides.customer,
          },
    staff: overrides.staff !== undefined ? overrides.staff : { known: true, qualifiedSince: '2020-01-01', qualifiedUntil: '2030-12-31' },
    evidence: overrides.evidence ?? [],
    misSellingComplaints: overrides.misSellingComplaints ?? 0,
    earlierActiveCoverSaleIds: overrides.earlierActiveCoverSaleIds ?? [],
  };
}

/** The finding of one rule for a sale after evidence clearing, or undefined when it does not fire. */
function finding(rule: RuleCode, overrides: SaleOverrides, settings: ComplianceSettings = DEFAULT_COMPLIANCE_SETTINGS): RuleFinding | undefined {
  return checkSale(saleInput(overrides), settings).find((f) => f.ruleCode === rule);
}

function fires(rule: RuleCode, overrides: SaleOverrides, settings: ComplianceSettings = DEFAULT_COMPLIANCE_SETTINGS): boolean {
  return finding(rule, overrides, settings) !== undefined;
}

/** Settings with some fields changed, the rest RULES.md defaults. */
function settingsWith(changes: Partial<ComplianceSettings>): ComplianceSettings {
  return { ...DEFAULT_COMPLIANCE_SETTINGS, ...changes };
}

describe('the clean sale of the test factory', () => {
  it('fires no rule under the RULES.md defaults', () => {
    expect(checkSale(saleInput(), DEFAULT_COMPLIANCE_SETTINGS)).toEqual([]);
    expect(saleRuleOutcomes(saleInput(), DEFAULT_COMPLIANCE_SETTINGS)).toEqual([]);
  });
});

describe('RISK_MISMATCH: product risk above what the customer level allows', () => {
  it('a C2 customer buying an R4 product is flagged high', () => {
    expect(finding('RISK_MISMATCH', { customer: { riskLevel: 'C2' }, product: { riskLevel: 'R4' } })).toEqual({
      ruleCode: 'RISK_MISMATCH',
      severity: 'high',
      facts: { customerRiskLevel: 'C2', productRiskLevel: 'R4', maxAllowed: 'R2', riskLevelSource: 'snapshot' },
    });
  });

  const grid = (['C1', 'C2', 'C3', 'C4', 'C5'] as const).flatMap((c, ci) =>
    (['R1', 'R2', 'R3', 'R4', 'R5'] as const).map((r, ri) => [c, r, ri > ci] as const),
  );
  it.each(grid)('on the default grid a %s customer buying an %s product is flagged: %s', (customerLevel, productLevel, flagged) => {
    expect(fires('RISK_MISMATCH', { customer: { riskLevel: customerLevel }, product: { riskLevel: productLevel } })).toBe(flagged);
  });

  it('a customer whose snapshot has no risk level is checked at the level the seller recorded on the sale', () => {
    expect(
      finding('RISK_MISMATCH', { customer: { riskLevel: null }, sale: { customerRiskLevelAtSale: 'C1' }, product: { riskLevel: 'R2' } })?.facts,
    ).toEqual({ customerRiskLevel: 'C1', productRiskLevel: 'R2', maxAllowed: 'R1', riskLevelSource: 'sale' });
  });

  it("the snapshot's level wins over the one recorded on the sale", () => {
    expect(fires('RISK_MISMATCH', { customer: { riskLevel: 'C5' }, sale: { customerRiskLevelAtSale: 'C1' }, product: { riskLevel: 'R5' } })).toBe(false);
  });

  it('a customer with no known risk level is not flagged for a mismatch (the missing assessment is)', () => {
    const overrides = { customer: { riskLevel: null }, product: { riskLevel: 'R5' } } as const;
    expect(fires('RISK_MISMATCH', overrides)).toBe(false);
    expect(fires('RISK_ASSESSMENT_MISSING', overrides)).toBe(true);
  });
});

describe('the higher rating applies to a product rated by both partners', () => {
  it('a product rated R3 by the insurer and R4 by the bank is checked as R4', () => {
    const riskLevel = effectiveProductRisk(['R3', 'R4']);
    expect(riskLevel).toBe('R4');
    expect(finding('RISK_MISMATCH', { product: { riskLevel: riskLevel! } })?.facts).toMatchObject({ customerRiskLevel: 'C3', productRiskLevel: 'R4' });
  });

  it('takes the highest whatever the order, ignores unknown and missing ratings, and is null with none', () => {
    expect(effectiveProductRisk(['R5', 'R1', 'R2'])).toBe('R5');
    expect(effectiveProductRisk([null, 'R2', undefined, 'X9', 'r4'])).toBe('R2');
    expect(effectiveProductRisk([])).toBeNull();
    expect(effectiveProductRisk([null])).toBeNull();
  });

  it('numbers the product risk levels R1 to R5 as 1 to 5', () => {
    expect((['R1', 'R2', 'R3', 'R4', 'R5'] as const).map(productRiskNumber)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('RISK_ASSESSMENT_MISSING: a product needing an assessment sold with no risk level', () => {
  it('a customer with no risk level buying a universal life policy is flagged high', () => {
    expect(
      finding('RISK_ASSESSMENT_MISSING', { customer: { riskLevel: null, riskAssessedAt: null }, product: { category: 'universal_life' } }),
    ).toEqual({ ruleCode: 'RISK_ASSESSMENT_MISSING', severity: 'high', facts: { productCategory: 'universal_life', snapshotAsOf: '2025-06-01' } });
  });

  it('a level recorded on the sale is an assessment', () => {
    expect(fires('RISK_ASSESSMENT_MISSING', { customer: { riskLevel: null }, sale: { customerRiskLevelAtSale: 'C3' } })).toBe(false);
  });

  it('an accident policy needs no assessment by default, but does when the setting says every product', () => {
    const overrides = { customer: { riskLevel: null }, product: { category: 'accident', riskLevel: 'R1' } } as const;
    expect(fires('RISK_ASSESSMENT_MISSING', overrides)).toBe(false);
    expect(fires('RISK_ASSESSMENT_MISSING', overrides, settingsWith({ assessmentRequiredCategories: 'all' }))).toBe(true);
  });
});

describe('RISK_ASSESSMENT_EXPIRED: an assessment older than 12 months at the sale date', () => {
  it('an assessment 12 months and a day old at the sale is flagged medium', () => {
    expect(finding('RISK_ASSESSMENT_EXPIRED', { customer: { riskAssessedAt: '2024-06-14' } })).toEqual({
      ruleCode: 'RISK_ASSESSMENT_EXPIRED',
      severity: 'medium',
      facts: { riskAssessedAt: '2024-06-14', validityMonths: 12 },
    });
  });

  it.each([
    ['2024-06-16', false],
    ['2024-06-15', false],
    ['2024-06-14', true],
  ])('sold 2025-06-15, assessed %s: expired %s', (riskAssessedAt, expired) => {
    expect(fires('RISK_ASSESSMENT_EXPIRED', { customer: { riskAssessedAt } })).toBe(expired);
  });

  it.each([
    // 2024-02-29 + 12 months = 2025-02-28 (clamped).
    ['2024-02-29', '2025-02-28', 12, false],
    ['2024-02-29', '2025-03-01', 12, true],
    // 2023-03-31 + 11 months = 2024-02-29 (leap year).
    ['2023-03-31', '2024-02-29', 11, false],
    ['2023-03-31', '2024-03-01', 11, true],
    // 2025-01-31 + 1 month = 2025-02-28.
    ['2025-01-31', '2025-02-28', 1, false],
    ['2025-01-31', '2025-03-01', 1, true],
  ] as const)('assessed %s, sold %s, valid %i months: expired %s (month-end clamping)', (riskAssessedAt, soldAt, months, expired) => {
    expect(
      fires('RISK_ASSESSMENT_EXPIRED', { customer: { riskAssessedAt }, sale: { soldAt } }, settingsWith({ assessmentValidityMonths: months })),
    ).toBe(expired);
  });

  it('is not judged without an assessment date, without a risk level, or for a product needing no assessment', () => {
    expect(fires('RISK_ASSESSMENT_EXPIRED', { customer: { riskAssessedAt: null } })).toBe(false);
    expect(fires('RISK_ASSESSMENT_EXPIRED', { customer: { riskAssessedAt: '2020-01-01', riskLevel: null } })).toBe(false);
    expect(fires('RISK_ASSESSMENT_EXPIRED', { customer: { riskAssessedAt: '2020-01-01' }, product: { category: 'term_life' } })).toBe(false);
  });

  it('an assessment with the level recorded on the sale can still expire', () => {
    expect(fires('RISK_ASSESSMENT_EXPIRED', { customer: { riskAssessedAt: '2020-01-01', riskLevel: null }, sale: { customerRiskLevelAtSale: 'C3' } })).toBe(
      true,
    );
  });
});

describe('ELDERLY_NON_GUARANTEED: older than 65, or than 60 for a regular premium', () => {
  it('a 66-year-old buying a participating annuity is flagged', () => {
    expect(finding('ELDERLY_NON_GUARANTEED', { customer: { birthDate: '1959-01-01' } })).toEqual({
      ruleCode: 'ELDERLY_NON_GUARANTEED',
      severity: 'high',
      facts: { age: 66, productCategory: 'participating_annuity', premiumMode: 'single' },
    });
  });

  it('a 65-year-old buying a participating annuity single premium is not flagged', () => {
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: { birthDate: '1960-01-01' } })).toBe(false);
  });

  it('a 61-year-old buying a regular-premium universal life policy is flagged', () => {
    expect(
      finding('ELDERLY_NON_GUARANTEED', { customer: { birthDate: '1964-01-01' }, product: { category: 'universal_life' }, sale: { premiumMode: 'annual' } })
        ?.facts,
    ).toEqual({ age: 61, productCategory: 'universal_life', premiumMode: 'annual' });
  });

  it.each([
    ['single', '1960-06-15', 65, false],
    ['single', '1960-06-16', 64, false],
    ['single', '1959-06-15', 66, true],
    ['single', '1959-06-16', 65, false],
    ['annual', '1965-06-15', 60, false],
    ['annual', '1964-06-15', 61, true],
    ['annual', '1964-06-16', 60, false],
    ['monthly', '1964-06-15', 61, true],
    ['monthly', '1965-06-15', 60, false],
  ] as const)('%s premium, born %s (age %i on 2025-06-15): flagged %s', (premiumMode, birthDate, age, flagged) => {
    const input = saleInput({ customer: { birthDate }, sale: { premiumMode } });
    expect(ageAtSale(input.customer, input.sale.soldAt)).toBe(age);
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: { birthDate }, sale: { premiumMode } })).toBe(flagged);
  });

  it('with only a birth year, the age is the difference of calendar years', () => {
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: { birthDate: null, birthYear: 1959 }, sale: { soldAt: '2025-01-01' } })).toBe(true);
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: { birthDate: null, birthYear: 1960 }, sale: { soldAt: '2025-12-31' } })).toBe(false);
  });

  it('a customer of unknown age, or no snapshot, is not flagged', () => {
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: { birthDate: null, birthYear: null } })).toBe(false);
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: null })).toBe(false);
  });

  it('an 80-year-old buying a guaranteed whole life policy is not flagged', () => {
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: { birthDate: '1945-01-01' }, product: { category: 'whole_life' } })).toBe(false);
  });

  it('a 62-year-old whose premium mode is unknown is judged at the single-premium age and not flagged', () => {
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: { birthDate: '1963-01-01' }, sale: { premiumMode: null } })).toBe(false);
  });
});

describe('ageAtSale', () => {
  it('reaches a year on the birthday; a 29 February birthday is reached on 1 March in a common year', () => {
    const customer = saleInput({ customer: { birthDate: '2000-02-29' } }).customer;
    expect(ageAtSale(customer, '2025-02-28')).toBe(24);
    expect(ageAtSale(customer, '2025-03-01')).toBe(25);
    expect(ageAtSale(customer, '2024-02-29')).toBe(24);
    expect(ageAtSale(customer, '2024-02-28')).toBe(23);
  });

  it('prefers the birth date to the birth year, and is null with neither or no snapshot', () => {
    expect(ageAtSale(saleInput({ customer: { birthDate: '1985-12-31', birthYear: 1985 } }).customer, '2025-06-15')).toBe(39);
    expect(ageAtSale(saleInput({ customer: { birthDate: null, birthYear: 1985 } }).customer, '2025-06-15')).toBe(40);
    expect(ageAtSale(saleInput({ customer: { birthDate: null, birthYear: null } }).customer, '2025-06-15')).toBeNull();
    expect(ageAtSale(null, '2025-06-15')).toBeNull();
  });
});

describe('LOW_INCOME_NON_GUARANTEED: declared income below the per-capita disposable income', () => {
  it('a customer declaring 4,000 CNY a month buying a participating annuity is flagged medium', () => {
    expect(finding('LOW_INCOME_NON_GUARANTEED', { customer: { monthlyIncome: 4_000 } })).toEqual({
      ruleCode: 'LOW_INCOME_NON_GUARANTEED',
      severity: 'medium',
      facts: { annualIncome: 48_000, incomeSource: 'monthly', threshold: 54_188, region: null },
    });
  });

  it.each([
    [4_515.66, true],
    [4_515.67, false],
  ])('monthly income %s (× 12 against 54,188): flagged %s', (monthlyIncome, flagged) => {
    expect(fires('LOW_INCOME_NON_GUARANTEED', { customer: { monthlyIncome } })).toBe(flagged);
  });

  it.each([
    [54_187.99, true],
    [54_188, false],
    [54_188.01, false],
  ])('no monthly income, household income %s: flagged %s', (householdAnnualIncome, flagged) => {
    expect(fires('LOW_INCOME_NON_GUARANTEED', { customer: { monthlyIncome: null, householdAnnualIncome } })).toBe(flagged);
  });

  it('uses the monthly income when both are declared', () => {
    expect(finding('LOW_INCOME_NON_GUARANTEED', { customer: { monthlyIncome: 1_000, householdAnnualIncome: 1_000_000 } })?.facts).toMatchObject({
      annualIncome: 12_000,
      incomeSource: 'monthly',
    });
    expect(fires('LOW_INCOME_NON_GUARANTEED', { customer: { monthlyIncome: 10_000, householdAnnualIncome: 1_000 } })).toBe(false);
  });

  describe('with a regional threshold of 84,834 for Shanghai', () => {
    const settings = settingsWith({ lowIncome: { national: 54_188, regions: { shanghai: 84_834 } } });
    it.each([
      ['shanghai', 84_833.99, true],
      ['shanghai', 84_834, false],
      ['shanghai', 84_834.01, false],
      ['gansu', 54_187.99, true],
      ['gansu', 60_000, false],
      [null, 60_000, false],
      // Not a region key, whatever Object.prototype holds.
      ['constructor', 60_000, false],
    ] as const)('a customer in %s with household income %s: flagged %s', (region, householdAnnualIncome, flagged) => {
      expect(fires('LOW_INCOME_NON_GUARANTEED', { customer: { region, monthlyIncome: null, householdAnnualIncome } }, settings)).toBe(flagged);
    });

    it('records the regional threshold and region', () => {
      expect(finding('LOW_INCOME_NON_GUARANTEED', { customer: { region: 'shanghai', monthlyIncome: 7_000 } }, settings)?.facts).toEqual({
        annualIncome: 84_000,
        incomeSource: 'monthly',
        threshold: 84_834,
        region: 'shanghai',
      });
    });
  });

  it('is not judged without an income, without a snapshot, or for a guaranteed product', () => {
    expect(fires('LOW_INCOME_NON_GUARANTEED', { customer: { monthlyIncome: null, householdAnnualIncome: null } })).toBe(false);
    expect(fires('LOW_INCOME_NON_GUARANTEED', { customer: null })).toBe(false);
    expect(fires('LOW_INCOME_NON_GUARANTEED', { customer: { monthlyIncome: 1_000 }, product: { category: 'term_life' } })).toBe(false);
  });

  it('a raised national threshold takes effect', () => {
    const settings = settingsWith({ lowIncome: { national: 300_000, regions: {} } });
    expect(fires('LOW_INCOME_NON_GUARANTEED', {}, settings)).toBe(true);
  });
});

describe('AFFORDABILITY_SINGLE: a single premium above 4 × household annual income', () => {
  it('a single premium of 500,000 from a household earning 100,000 is flagged medium', () => {
    expect(finding('AFFORDABILITY_SINGLE', { sale: { amount: 500_000 }, customer: { householdAnnualIncome: 100_000 } })).toEqual({
      ruleCode: 'AFFORDABILITY_SINGLE',
      severity: 'medium',
      facts: { premium: 500_000, householdAnnualIncome: 100_000, multiple: 4 },
    });
  });

  it.each([
    [399_999.99, false],
    [400_000, false],
    [400_000.01, true],
  ])('premium %s against household income 100,000: flagged %s', (amount, flagged) => {
    expect(fires('AFFORDABILITY_SINGLE', { sale: { amount }, customer: { householdAnnualIncome: 100_000 } })).toBe(flagged);
  });

  it('a declaration on file clears AFFORDABILITY_SINGLE', () => {
    const overrides: SaleOverrides = { sale: { amount: 500_000 }, customer: { householdAnnualIncome: 100_000 }, evidence: ['declaration'] };
    expect(fires('AFFORDABILITY_SINGLE', overrides)).toBe(false);
    expect(saleRuleOutcomes(saleInput(overrides), DEFAULT_COMPLIANCE_SETTINGS)).toEqual([
      { finding: expect.objectContaining({ ruleCode: 'AFFORDABILITY_SINGLE' }), clearedBy: 'declaration' },
    ]);
  });

  it('a recording does not clear it', () => {
    expect(fires('AFFORDABILITY_SINGLE', { sale: { amount: 500_000 }, customer: { householdAnnualIncome: 100_000 }, evidence: ['recording'] })).toBe(true);
  });

  it('is not judged for a regular premium, an unknown household income or a guaranteed product', () => {
    expect(fires('AFFORDABILITY_SINGLE', { sale: { amount: 500_000, premiumMode: 'annual' }, customer: { householdAnnualIncome: 100_000 } })).toBe(false);
    expect(fires('AFFORDABILITY_SINGLE', { sale: { amount: 500_000 }, customer: { householdAnnualIncome: null } })).toBe(false);
    expect(fires('AFFORDABILITY_SINGLE', { sale: { amount: 500_000 }, customer: null })).toBe(false);
    expect(fires('AFFORDABILITY_SINGLE', { sale: { amount: 500_000 }, customer: { householdAnnualIncome: 100_000 }, product: { category: 'annuity' } })).toBe(
      false,
    );
  });

  it('a custom multiple takes effect', () => {
    const overrides = { sale: { amount: 250_000 }, customer: { householdAnnualIncome: 100_000 } };
    expect(fires('AFFORDABILITY_SINGLE', overrides)).toBe(false);
    expect(finding('AFFORDABILITY_SINGLE', overrides, settingsWith({ affordabilitySingleMultiple: 2 }))?.facts).toMatchObject({ multiple: 2 });
  });
});

describe('AFFORDABILITY_REGULAR: an annual premium above 20 % of household annual income', () => {
  it('an annual premium of 30,000 from a household earning 100,000 is flagged medium', () => {
    expect(finding('AFFORDABILITY_REGULAR', { sale: { amount: 30_000, premiumMode: 'annual' }, customer: { householdAnnualIncome: 100_000 } })).toEqual({
      ruleCode: 'AFFORDABILITY_REGULAR',
      severity: 'medium',
      facts: { annualPremium: 30_000, householdAnnualIncome: 100_000, share: 0.2 },
    });
  });

  it.each([
    [19_999.99, false],
    [20_000, false],
    [20_000.01, true],
  ])('annual premium %s against household income 100,000: flagged %s', (amount, flagged) => {
    expect(fires('AFFORDABILITY_REGULAR', { sale: { amount, premiumMode: 'annual' }, customer: { householdAnnualIncome: 100_000 } })).toBe(flagged);
  });

  it.each([
    [1_999.99, false],
    [2_000, false],
    [2_000.01, true],
  ])('monthly premium %s (× 12) against household income 120,000: flagged %s', (amount, flagged) => {
    expect(fires('AFFORDABILITY_REGULAR', { sale: { amount, premiumMode: 'monthly' }, customer: { householdAnnualIncome: 120_000 } })).toBe(flagged);
  });

  it('records the annual premium of a monthly payment', () => {
    expect(
      finding('AFFORDABILITY_REGULAR', { sale: { amount: 3_000, premiumMode: 'monthly' }, customer: { householdAnnualIncome: 120_000 } })?.facts,
    ).toMatchObject({ annualPremium: 36_000 });
  });

  it('a declaration on file clears it; a single premium is not judged by it', () => {
    const overrides: SaleOverrides = { sale: { amount: 30_000, premiumMode: 'annual' }, customer: { householdAnnualIncome: 100_000 } };
    expect(fires('AFFORDABILITY_REGULAR', { ...overrides, evidence: ['declaration'] })).toBe(false);
    expect(fires('AFFORDABILITY_REGULAR', { ...overrides, sale: { amount: 30_000, premiumMode: 'single' } })).toBe(false);
  });
});

describe('AFFORDABILITY_HORIZON: regular payments running to age 60 or beyond', () => {
  it('a 40-year-old paying a universal life policy for 20 years is flagged low', () => {
    expect(finding('AFFORDABILITY_HORIZON', { sale: { premiumMode: 'annual' }, product: { category: 'universal_life', termYears: 20 } })).toEqual({
      ruleCode: 'AFFORDABILITY_HORIZON',
      severity: 'low',
      facts: { termYears: 20, age: 40 },
    });
  });

  it.each([
    [19, false],
    [20, true],
    [21, true],
  ])('a 40-year-old paying for %i years: flagged %s', (termYears, flagged) => {
    expect(fires('AFFORDABILITY_HORIZON', { sale: { premiumMode: 'monthly' }, product: { termYears } })).toBe(flagged);
  });

  it('a customer one day short of 40 paying for 20 years is not flagged', () => {
    expect(fires('AFFORDABILITY_HORIZON', { sale: { premiumMode: 'annual' }, product: { termYears: 20 }, customer: { birthDate: '1985-06-16' } })).toBe(false);
    expect(fires('AFFORDABILITY_HORIZON', { sale: { premiumMode: 'annual' }, product: { termYears: 20 }, customer: { birthDate: '1985-06-15' } })).toBe(true);
  });

  it('is not judged for a single premium, an open term or an unknown age', () => {
    expect(fires('AFFORDABILITY_HORIZON', { product: { termYears: 30 } })).toBe(false);
    expect(fires('AFFORDABILITY_HORIZON', { sale: { premiumMode: 'annual' }, product: { termYears: null } })).toBe(false);
    expect(fires('AFFORDABILITY_HORIZON', { sale: { premiumMode: 'annual' }, product: { termYears: 30 }, customer: { birthDate: null, birthYear: null } })).toBe(
      false,
    );
  });

  it('a custom horizon age takes effect', () => {
    const overrides: SaleOverrides = { sale: { premiumMode: 'annual' }, product: { termYears: 20 } };
    expect(fires('AFFORDABILITY_HORIZON', overrides, settingsWith({ affordabilityHorizonAge: 61 }))).toBe(false);
  });
});

describe('DUAL_RECORDING_MISSING: no audio-video record where one is required', () => {
  it('a participating annuity sold in a branch without a recording is flagged high', () => {
    expect(finding('DUAL_RECORDING_MISSING', { sale: { dualRecording: false } })).toEqual({
      ruleCode: 'DUAL_RECORDING_MISSING',
      severity: 'high',
      facts: { reason: 'agency_outlet', channel: 'branch', productCategory: 'participating_annuity' },
    });
  });

  it('a recording clears DUAL_RECORDING_MISSING', () => {
    expect(fires('DUAL_RECORDING_MISSING', { sale: { dualRecording: false }, evidence: ['recording'] })).toBe(false);
    expect(saleRuleOutcomes(saleInput({ sale: { dualRecording: false }, evidence: ['recording'] }), DEFAULT_COMPLIANCE_SETTINGS)).toEqual([
      { finding: expect.objectContaining({ ruleCode: 'DUAL_RECORDING_MISSING' }), clearedBy: 'recording' },
    ]);
  });

  it('an unknown recording flag counts as no recording', () => {
    expect(fires('DUAL_RECORDING_MISSING', { sale: { dualRecording: null } })).toBe(true);
  });

  it.each([
    ['an accident policy sold by an account manager', { category: 'accident', termYears: 1 }, 'account_manager', 'agency_outlet'],
    ['a 10-year term life policy sold in the app', { category: 'term_life', termYears: 10 }, 'app', 'life_cover_bank'],
    ['a whole life policy sold online', { category: 'whole_life', termYears: null }, 'online', 'life_cover_bank'],
    ['an investment-linked policy sold by a broker', { category: 'investment_linked', termYears: 10 }, 'broker', 'investment_linked'],
    ['an investment-linked policy with no channel', { category: 'investment_linked', termYears: 10 }, null, 'investment_linked'],
    ['a 1-year term life policy sold in the app', { category: 'term_life', termYears: 1 }, 'app', null],
    ['a 2-year term life policy sold in the app', { category: 'term_life', termYears: 2 }, 'app', 'life_cover_bank'],
    ['an accident policy sold in the app', { category: 'accident', termYears: 5 }, 'app', null],
    ['a wealth product sold in a branch', { category: 'wealth', termYears: null }, 'branch', null],
    ['a 10-year term life policy sold by a broker to a 40-year-old', { category: 'term_life', termYears: 10 }, 'broker', null],
  ] as const)('%s without a recording: %s', (_name, product, channel, reason) => {
    const found = finding('DUAL_RECORDING_MISSING', { sale: { dualRecording: false, channel }, product });
    expect(found?.facts.reason ?? null).toBe(reason);
  });

  it.each([
    ['1965-06-15', 60, 'elderly_life_cover'],
    ['1965-06-16', 59, null],
    ['1964-06-15', 61, 'elderly_life_cover'],
  ] as const)('a term life policy sold by a broker to a customer born %s (age %i): %s', (birthDate, _age, reason) => {
    const found = finding('DUAL_RECORDING_MISSING', {
      sale: { dualRecording: false, channel: 'broker' },
      product: { category: 'term_life', termYears: 10 },
      customer: { birthDate },
    });
    expect(found?.facts.reason ?? null).toBe(reason);
  });

  it.each([
    [1, null],
    [2, 'elderly_life_cover'],
  ] as const)('a %i-year term life policy sold by a broker to a 70-year-old: %s', (termYears, reason) => {
    const found = finding('DUAL_RECORDING_MISSING', {
      sale: { dualRecording: false, channel: 'broker' },
      product: { category: 'term_life', termYears },
      customer: { birthDate: '1955-01-01' },
    });
    expect(found?.facts.reason ?? null).toBe(reason);
  });

  it('custom recording age and minimum life-cover term take effect', () => {
    const overrides: SaleOverrides = {
      sale: { dualRecording: false, channel: 'broker' },
      product: { category: 'term_life', termYears: 3 },
      customer: { birthDate: '1975-01-01' },
    };
    expect(fires('DUAL_RECORDING_MISSING', overrides)).toBe(false);
    expect(fires('DUAL_RECORDING_MISSING', overrides, settingsWith({ dualRecordingAge: 50 }))).toBe(true);
    expect(fires('DUAL_RECORDING_MISSING', overrides, settingsWith({ dualRecordingAge: 50, lifeCoverMinTermYears: 3 }))).toBe(false);
  });
});

describe('STAFF_UNQUALIFIED: the seller was not qualified at the sale date', () => {
  it('a sale by a seller missing from the staff table is flagged medium', () => {
    expect(finding('STAFF_UNQUALIFIED', { staff: { known: false } })).toEqual({
      ruleCode: 'STAFF_UNQUALIFIED',
      severity: 'medium',
      facts: { staffCode: 'ST-1', reason: 'unknown_staff' },
    });
    expect(finding('STAFF_UNQUALIFIED', { staff: null })?.facts.reason).toBe('unknown_staff');
  });

  it('a sale naming no seller is not judged', () => {
    expect(fires('STAFF_UNQUALIFIED', { sale: { staffCode: null }, staff: null })).toBe(false);
  });

  it.each([
    ['no qualification', null, null, 'no_qualification'],
    ['a qualification that ended the day before the sale', '2020-01-01', '2025-06-14', 'expired'],
    ['a qualification ending on the sale date', '2020-01-01', '2025-06-15', null],
    ['a qualification starting the day after the sale', '2025-06-16', '2030-01-01', 'not_yet_valid'],
    ['a qualification starting on the sale date', '2025-06-15', '2030-01-01', null],
    ['an open start and a valid end', null, '2030-01-01', null],
  ] as const)('a seller with %s: %s', (_name, qualifiedSince, qualifiedUntil, reason) => {
    expect(finding('STAFF_UNQUALIFIED', { staff: { known: true, qualifiedSince, qualifiedUntil } })?.facts.reason ?? null).toBe(reason);
  });

  it.each([
    ['2024-06-14', null],
    ['2024-06-15', null],
    ['2024-06-16', 'experience'],
    [null, 'experience'],
  ] as const)('an investment-linked sale on 2025-06-15 by a seller qualified since %s: %s', (qualifiedSince, reason) => {
    expect(
      finding('STAFF_UNQUALIFIED', {
        product: { category: 'investment_linked' },
        staff: { known: true, qualifiedSince, qualifiedUntil: '2030-01-01' },
      })?.facts.reason ?? null,
    ).toBe(reason);
  });

  it.each([
    // 2024-02-29 + 12 months = 2025-02-28.
    ['2024-02-29', null],
    ['2024-03-01', 'experience'],
  ] as const)('an investment-linked sale on 2025-02-28 by a seller qualified since %s: %s (month-end clamping)', (qualifiedSince, reason) => {
    expect(
      finding('STAFF_UNQUALIFIED', {
        sale: { soldAt: '2025-02-28' },
        product: { category: 'investment_linked' },
        staff: { known: true, qualifiedSince, qualifiedUntil: '2030-01-01' },
      })?.facts.reason ?? null,
    ).toBe(reason);
  });

  it('experience is required for investment-linked products only, and a custom requirement takes effect', () => {
    const staff = { known: true, qualifiedSince: '2025-01-01', qualifiedUntil: '2030-01-01' } as const;
    expect(fires('STAFF_UNQUALIFIED', { staff })).toBe(false);
    expect(fires('STAFF_UNQUALIFIED', { staff, product: { category: 'investment_linked' } })).toBe(true);
    expect(fires('STAFF_UNQUALIFIED', { staff, product: { category: 'investment_linked' } }, settingsWith({ investmentLinkedExperienceMonths: 5 }))).toBe(false);
  });
});

describe('CONSENT_MISSING: a campaign sale without the consents it needs', () => {
  it('a campaign sale to a customer who refused marketing is flagged high', () => {
    expect(finding('CONSENT_MISSING', { sale: { campaignCode: 'CMP-7' }, customer: { consentMarketing: false } })).toEqual({
      ruleCode: 'CONSENT_MISSING',
      severity: 'high',
      facts: { campaignCode: 'CMP-7', missing: 'marketing' },
    });
  });

  it.each([
    [true, true, 'participating_annuity', null],
    [true, false, 'participating_annuity', 'data_sharing'],
    [true, null, 'participating_annuity', 'data_sharing'],
    [null, true, 'participating_annuity', 'marketing'],
    [false, false, 'participating_annuity', 'marketing_and_data_sharing'],
    [true, false, 'wealth', null],
    [false, false, 'deposit', 'marketing'],
  ] as const)('marketing consent %s, data sharing %s, %s: %s', (consentMarketing, consentDataSharing, category, missing) => {
    const found = finding('CONSENT_MISSING', { sale: { campaignCode: 'CMP-7' }, customer: { consentMarketing, consentDataSharing }, product: { category } });
    expect(found?.facts.missing ?? null).toBe(missing);
  });

  it('a campaign sale to a customer with no snapshot misses both consents', () => {
    expect(finding('CONSENT_MISSING', { sale: { campaignCode: 'CMP-7' }, customer: null })?.facts.missing).toBe('marketing_and_data_sharing');
  });

  it('a sale outside any campaign needs no marketing consent', () => {
    expect(fires('CONSENT_MISSING', { customer: { consentMarketing: false, consentDataSharing: false } })).toBe(false);
  });
});

describe('DUPLICATE_COVER: protection cover the customer already holds', () => {
  it('a second critical illness policy while two earlier ones are active is flagged low, naming the smallest earlier sale', () => {
    expect(finding('DUPLICATE_COVER', { product: { category: 'critical_illness' }, earlierActiveCoverSaleIds: ['S-9', 'S-10'] })).toEqual({
      ruleCode: 'DUPLICATE_COVER',
      severity: 'low',
      // Code-unit order, as min(sale_id COLLATE "C").
      facts: { category: 'critical_illness', earlierSaleId: 'S-10', earlierSales: 2 },
    });
  });

  it('a first policy is not flagged, nor a non-protection category', () => {
    expect(fires('DUPLICATE_COVER', { product: { category: 'critical_illness' } })).toBe(false);
    expect(fires('DUPLICATE_COVER', { earlierActiveCoverSaleIds: ['S-9'] })).toBe(false);
  });

  it('an approval on file clears it', () => {
    expect(fires('DUPLICATE_COVER', { product: { category: 'accident' }, earlierActiveCoverSaleIds: ['S-9'], evidence: ['approval'] })).toBe(false);
  });
});

describe('COOLING_OFF_CANCELLED: cancelled within the cooling-off days', () => {
  it('a policy cancelled 10 days after the sale is an info signal', () => {
    expect(finding('COOLING_OFF_CANCELLED', { sale: { status: 'cancelled_cooling_off', statusAt: '2025-06-25' } })).toEqual({
      ruleCode: 'COOLING_OFF_CANCELLED',
      severity: 'info',
      facts: { daysAfterSale: 10, coolingOffDays: 15 },
    });
  });

  it.each([
    ['2025-06-29', 14, true],
    ['2025-06-30', 15, true],
    ['2025-07-01', 16, false],
  ])('sold 2025-06-15, cancelled %s (day %i of 15): flagged %s', (statusAt, _days, flagged) => {
    expect(fires('COOLING_OFF_CANCELLED', { sale: { status: 'cancelled_cooling_off', statusAt } })).toBe(flagged);
  });

  it('counts days across a leap day, and follows the product cooling-off days', () => {
    expect(finding('COOLING_OFF_CANCELLED', { sale: { soldAt: '2024-02-20', status: 'cancelled_cooling_off', statusAt: '2024-03-06' } })?.facts.daysAfterSale).toBe(
      15,
    );
    expect(fires('COOLING_OFF_CANCELLED', { sale: { soldAt: '2024-02-20', status: 'cancelled_cooling_off', statusAt: '2024-03-07' } })).toBe(false);
    expect(fires('COOLING_OFF_CANCELLED', { sale: { status: 'cancelled_cooling_off', statusAt: '2025-07-05' }, product: { coolingOffDays: 20 } })).toBe(true);
    expect(fires('COOLING_OFF_CANCELLED', { sale: { status: 'cancelled_cooling_off', statusAt: '2025-07-06' }, product: { coolingOffDays: 20 } })).toBe(false);
  });

  it('a cooling-off cancellation with no date is flagged; another cancellation is not', () => {
    expect(finding('COOLING_OFF_CANCELLED', { sale: { status: 'cancelled_cooling_off', statusAt: null } })?.facts).toEqual({
      daysAfterSale: null,
      coolingOffDays: 15,
    });
    expect(fires('COOLING_OFF_CANCELLED', { sale: { status: 'cancelled', statusAt: '2025-06-20' } })).toBe(false);
  });
});

describe('MIS_SELLING_COMPLAINT: a mis-selling complaint linked to the sale', () => {
  it('a sale with one mis-selling complaint is flagged high', () => {
    expect(finding('MIS_SELLING_COMPLAINT', { misSellingComplaints: 1 })).toEqual({
      ruleCode: 'MIS_SELLING_COMPLAINT',
      severity: 'high',
      facts: { complaints: 1 },
    });
    expect(finding('MIS_SELLING_COMPLAINT', { misSellingComplaints: 3 })?.facts.complaints).toBe(3);
    expect(fires('MIS_SELLING_COMPLAINT', { misSellingComplaints: 0 })).toBe(false);
  });
});

describe('settings changes take effect', () => {
  it('a custom grid letting C2 buy up to R4 no longer flags a C2 customer buying R4, and records the new maximum', () => {
    const grid = settingsWith({ riskGrid: { C1: 'R1', C2: 'R4', C3: 'R4', C4: 'R4', C5: 'R5' } });
    expect(fires('RISK_MISMATCH', { customer: { riskLevel: 'C2' }, product: { riskLevel: 'R4' } }, grid)).toBe(false);
    expect(finding('RISK_MISMATCH', { customer: { riskLevel: 'C2' }, product: { riskLevel: 'R5' } }, grid)?.facts.maxAllowed).toBe('R4');
  });

  it('custom severities are the severities of the findings', () => {
    const settings = settingsWith({ severities: { ...DEFAULT_COMPLIANCE_SETTINGS.severities, RISK_MISMATCH: 'low', MIS_SELLING_COMPLAINT: 'medium' } });
    const findings = checkSale(saleInput({ product: { riskLevel: 'R5' }, misSellingComplaints: 1 }), settings);
    expect(findings.map((f) => [f.ruleCode, f.severity])).toEqual([
      ['RISK_MISMATCH', 'low'],
      ['MIS_SELLING_COMPLAINT', 'medium'],
    ]);
  });

  it('custom elderly ages take effect', () => {
    const settings = settingsWith({ elderlyAge: 70, elderlyRegularPremiumAge: 65 });
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: { birthDate: '1955-06-15' } }, settings)).toBe(false);
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: { birthDate: '1954-06-15' } }, settings)).toBe(true);
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: { birthDate: '1959-06-15' }, sale: { premiumMode: 'annual' } }, settings)).toBe(true);
  });

  it('evidence clears the rules the settings say it clears, and no others', () => {
    const overrides: SaleOverrides = { product: { riskLevel: 'R5' }, evidence: ['approval'] };
    expect(fires('RISK_MISMATCH', overrides)).toBe(true);
    const settings = settingsWith({ evidenceClears: { ...DEFAULT_COMPLIANCE_SETTINGS.evidenceClears, approval: ['RISK_MISMATCH'] } });
    expect(fires('RISK_MISMATCH', overrides, settings)).toBe(false);
    expect(fires('DUPLICATE_COVER', { ...overrides, product: { category: 'accident' }, earlierActiveCoverSaleIds: ['S-1'] }, settings)).toBe(true);
  });

  it('a non-guaranteed category list without participating annuities exempts them', () => {
    const settings = settingsWith({ nonGuaranteedCategories: ['universal_life', 'investment_linked'] });
    expect(fires('ELDERLY_NON_GUARANTEED', { customer: { birthDate: '1940-01-01' } }, settings)).toBe(false);
  });
});

describe('a sale with no customer snapshot in force', () => {
  it('is flagged for the missing assessment and, in a campaign, the missing consents, and judged on nothing else about the customer', () => {
    const input = saleInput({
      customer: null,
      sale: { campaignCode: 'CMP-1', premiumMode: 'annual', amount: 10_000_000 },
      product: { termYears: 50 },
    });
    expect(checkSale(input, DEFAULT_COMPLIANCE_SETTINGS)).toEqual([
      { ruleCode: 'RISK_ASSESSMENT_MISSING', severity: 'high', facts: { productCategory: 'participating_annuity', snapshotAsOf: null } },
      { ruleCode: 'CONSENT_MISSING', severity: 'high', facts: { campaignCode: 'CMP-1', missing: 'marketing_and_data_sharing' } },
    ]);
  });

  it('is checked against the risk level recorded on the sale', () => {
    const findings = checkSale(saleInput({ customer: null, sale: { customerRiskLevelAtSale: 'C2' } }), DEFAULT_COMPLIANCE_SETTINGS);
    expect(findings).toEqual([
      { ruleCode: 'RISK_MISMATCH', severity: 'high', facts: { customerRiskLevel: 'C2', productRiskLevel: 'R3', maxAllowed: 'R2', riskLevelSource: 'sale' } },
    ]);
  });
});

describe('findings of a sale breaking many rules', () => {
  const input = saleInput({
    sale: {
      amount: 30_000,
      premiumMode: 'monthly',
      dualRecording: false,
      campaignCode: 'CMP-9',
      status: 'cancelled_cooling_off',
      statusAt: '2025-06-20',
    },
    product: { category: 'investment_linked', riskLevel: 'R5', termYears: 20 },
    customer: { birthDate: '1950-01-01', riskLevel: 'C1', riskAssessedAt: '2023-01-01', monthlyIncome: 3_000, consentMarketing: false },
    staff: { known: true, qualifiedSince: '2025-01-01', qualifiedUntil: '2030-01-01' },
    misSellingComplaints: 2,
  });

  it('come out in RULE_CODES order, one per rule', () => {
    const codes = checkSale(input, DEFAULT_COMPLIANCE_SETTINGS).map((f) => f.ruleCode);
    expect(codes).toEqual(RULE_CODES.filter((c) => c !== 'RISK_ASSESSMENT_MISSING' && c !== 'AFFORDABILITY_SINGLE' && c !== 'DUPLICATE_COVER'));
  });

  it('evidence removes only what it clears, keeping the order', () => {
    const codes = checkSale({ ...input, evidence: ['recording', 'declaration'] }, DEFAULT_COMPLIANCE_SETTINGS).map((f) => f.ruleCode);
    expect(codes).toEqual([
      'RISK_MISMATCH',
      'RISK_ASSESSMENT_EXPIRED',
      'ELDERLY_NON_GUARANTEED',
      'LOW_INCOME_NON_GUARANTEED',
      'STAFF_UNQUALIFIED',
      'CONSENT_MISSING',
      'COOLING_OFF_CANCELLED',
      'MIS_SELLING_COMPLAINT',
    ]);
  });

  it('record facts of plain values only (JSON round-trips unchanged)', () => {
    const findings = checkSale(input, DEFAULT_COMPLIANCE_SETTINGS);
    for (const f of findings) {
      for (const value of Object.values(f.facts)) expect(value === null || ['string', 'number', 'boolean'].includes(typeof value)).toBe(true);
    }
    expect(JSON.parse(JSON.stringify(findings))).toEqual(findings);
  });

  it('each rule can be explained on its own: the rule function returns the same finding checkSale does', () => {
    const findings = checkSale(input, DEFAULT_COMPLIANCE_SETTINGS);
    for (const f of findings) expect(SALE_RULES[f.ruleCode](input, DEFAULT_COMPLIANCE_SETTINGS)).toEqual(f);
    expect(riskMismatch(input, DEFAULT_COMPLIANCE_SETTINGS)?.facts).toMatchObject({ customerRiskLevel: 'C1', productRiskLevel: 'R5' });
    expect(Object.keys(SALE_RULES)).toEqual([...RULE_CODES]);
  });
});
