import { describe, expect, it } from 'vitest';
import { compareFigures, toCents, type ArmFigures, type CampaignFigures } from './campaigns-bench-figures';
import { percentile } from './campaigns-bench-latency';

const arm = (over: Partial<ArmFigures> = {}): ArmFigures => ({
  customers: 900, contacted: 800, responded: 200, redeemed: 50, optedOut: 10, converted: 81, sales: 95,
  premiumCents: 123_456_78, feeIncomeCents: 12_345_67, conversionRate: 81 / 900, ...over,
});
const campaign = (code: string, treatment = arm(), holdout = arm({ customers: 100, converted: 6, conversionRate: 0.06 })): CampaignFigures => ({
  code, treatment, holdout,
});

describe('compareFigures', () => {
  it('finds nothing when both computations agree', () => {
    expect(compareFigures([campaign('A'), campaign('B')], [campaign('B'), campaign('A')])).toEqual([]);
  });

  it('names every figure that differs, a cent of money included, and campaigns only one side has', () => {
    const differences = compareFigures(
      [campaign('A'), campaign('B')],
      [campaign('A', arm({ premiumCents: 123_456_79 }), arm({ customers: 100, converted: 7, conversionRate: 0.07 })), campaign('C')],
    );
    expect(differences).toEqual([
      { code: 'A', arm: 'treatment', figure: 'premiumCents', endpoint: 123_456_78, duckdb: 123_456_79 },
      { code: 'A', arm: 'holdout', figure: 'converted', endpoint: 6, duckdb: 7 },
      { code: 'A', arm: 'holdout', figure: 'conversionRate', endpoint: 0.06, duckdb: 0.07 },
      { code: 'B', arm: null, figure: 'campaign', endpoint: 1, duckdb: null },
      { code: 'C', arm: null, figure: 'campaign', endpoint: null, duckdb: 1 },
    ]);
  });

  it('treats an empty arm (no rate) on one side only as a difference', () => {
    const empty = arm({ customers: 0, converted: 0, conversionRate: null });
    expect(compareFigures([campaign('A', arm(), empty)], [campaign('A', arm(), { ...empty, conversionRate: 0 })])).toHaveLength(1);
  });
});

describe('toCents', () => {
  it('rounds CNY amounts to whole fen, as the endpoint rounds money', () => {
    expect(toCents(1234.56)).toBe(123456);
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(toCents(19_999_999.99)).toBe(1_999_999_999);
  });
});

describe('percentile', () => {
  it('is the nearest-rank percentile of sorted values', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(values, 1)).toBe(100);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
  });
});
