import { describe, expect, it } from 'vitest';
import { assignTier, DEFAULT_TIER_THRESHOLDS, tierRuleVersionOn, tierThresholdProblems } from './tiers';

describe('assignTier at the PRODUCT.md thresholds', () => {
  it.each([
    [5_000_000, null, 'hnw'],
    [4_999_999.99, null, 'middle'],
    [500_000, null, 'middle'],
    [499_999.99, 199_999.99, 'basic'],
    [null, 200_000, 'middle'],
    [null, 199_999.99, 'basic'],
    [null, null, 'basic'],
    [0, 10_000_000, 'middle'],
  ] as const)('assets %s, household income %s → %s', (investableAssets, householdAnnualIncome, tier) => {
    expect(assignTier({ investableAssets, householdAnnualIncome })).toBe(tier);
  });
});

describe('tierThresholdProblems', () => {
  it('accepts the defaults', () => {
    expect(tierThresholdProblems(DEFAULT_TIER_THRESHOLDS)).toEqual([]);
  });

  it('refuses an hnw threshold not above the middle assets threshold, and amounts that are not positive', () => {
    expect(tierThresholdProblems({ hnwInvestableAssets: 500_000, middleHouseholdIncome: 200_000, middleInvestableAssets: 500_000 })).toEqual([
      { field: 'hnwInvestableAssets', message: 'must be greater than the middle investable assets threshold' },
    ]);
    expect(tierThresholdProblems({ hnwInvestableAssets: 5_000_000, middleHouseholdIncome: 0, middleInvestableAssets: 500_000 }).map((p) => p.field)).toEqual([
      'middleHouseholdIncome',
    ]);
  });
});

describe('tierRuleVersionOn', () => {
  const versions = [
    { version: 1, effectiveFrom: '2024-01-01' },
    { version: 2, effectiveFrom: '2025-01-01' },
    { version: 3, effectiveFrom: '2025-01-01' },
    { version: 4, effectiveFrom: '2026-01-01' },
  ];

  it('takes the latest version effective on or before the date, the highest on a tie', () => {
    expect(tierRuleVersionOn(versions, '2024-12-31')?.version).toBe(1);
    expect(tierRuleVersionOn(versions, '2025-01-01')?.version).toBe(3);
    expect(tierRuleVersionOn(versions, '2025-12-31')?.version).toBe(3);
    expect(tierRuleVersionOn(versions, '2026-01-01')?.version).toBe(4);
  });

  it('falls back to the first version before any took effect, and to nothing without versions', () => {
    expect(tierRuleVersionOn(versions.slice(1), '2020-06-30')?.version).toBe(2);
    expect(tierRuleVersionOn([], '2025-01-01')).toBeNull();
  });
});
