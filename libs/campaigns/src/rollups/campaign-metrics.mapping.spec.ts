import { describe, expect, it } from 'vitest';
import {
  breakdownResponseSchema,
  campaignListItemSchema,
  campaignMetricsSchema,
  overviewResponseSchema,
  retentionResponseSchema,
  trendResponseSchema,
} from '@banca/contracts';
import {
  armOutcome,
  breakdownRows,
  campaignListItem,
  campaignMetrics,
  campaignRef,
  emptyMeasures,
  overviewOf,
  periodOf,
  periodStarts,
  retentionPoints,
  trendRows,
  type ArmTotals,
  type MetricsInput,
} from './campaign-metrics.mapping';
import type { FigureMeasures, FigureRow, MetricsCampaignRow, PeriodFigureRow, RetentionCurveRow } from './campaign-metrics.repository';

const REFRESHED = new Date('2025-04-02T06:00:00.000Z');

function campaign(overrides: Partial<MetricsCampaignRow> = {}): MetricsCampaignRow {
  return {
    code: 'SPRING-25',
    name: 'Spring pension push',
    origin: 'platform',
    status: 'running',
    bankPartner: 'Bank',
    insurerPartner: 'Insurer',
    startDate: '2025-03-03',
    endDate: '2025-03-16',
    windowEnd: '2025-04-15',
    productCodes: ['PA'],
    holdoutShare: 0.1,
    offer: { kind: 'gift', description: '', rate: null, costPerRedemption: 50 },
    budget: 100_000,
    goal: { metric: 'conversion_rate', target: 0.2 },
    audienceStatus: 'built',
    audienceCounts: { targeted: 1_200, eligible: 1_000, treatment: 900, holdout: 100, excluded: { CONSENT_MISSING: 200 } },
    ...overrides,
  };
}

const measures = (m: Partial<FigureMeasures>): FigureMeasures => ({ ...emptyMeasures(), ...m });

function figureRow(dimension: string, key: string, arm: 'treatment' | 'holdout', m: Partial<FigureMeasures>): FigureRow {
  return { campaignCode: 'SPRING-25', dimension, key, arm, ...measures(m) };
}

const totals = (t: Partial<FigureMeasures>, h: Partial<FigureMeasures>): ArmTotals => ({ treatment: measures(t), holdout: measures(h) });

function input(c: MetricsCampaignRow, armTotals: ArmTotals, refreshedAt: Date | null = REFRESHED): MetricsInput {
  return { campaign: c, totals: armTotals, spend: [], refreshedAt };
}

describe('campaign metrics from rollup rows', () => {
  it('gives null rates, not zeros, for an empty group', () => {
    const outcome = armOutcome(emptyMeasures());
    expect(outcome).toMatchObject({
      customers: 0,
      converted: 0,
      coolingOffRate: null,
      surrenderRate: null,
      persistency13m: { due: 0, byCount: null, byPremium: null },
      aumRetention: null,
      complaintsPer1000Sales: null,
      complaintsPer100mPremium: null,
      penetrationBefore: null,
      penetrationAfter: null,
    });
    const metrics = campaignMetrics(input(campaign(), totals({}, {}), null));
    expect(campaignMetricsSchema.parse(metrics)).toEqual(metrics);
    expect(metrics.refreshedAt).toBeNull();
    expect(metrics.conversion.treatment).toEqual({ customers: 0, converted: 0, rate: null, interval: null });
    // A planned holdout that is still empty: no uplift yet rather than an invented one.
    expect([metrics.hasHoldout, metrics.uplift, metrics.sampleRatio, metrics.incrementalSales]).toEqual([true, null, null, null]);
  });

  it('derives the arm rates from the summed measures', () => {
    const outcome = armOutcome(
      measures({
        customers: 200,
        converted: 20,
        sales: 25,
        premium: 500_000,
        coolingOffCancelled: 5,
        surrendered: 1,
        persistencyDue: 10,
        persistencyActive: 8,
        persistencyDuePremium: 100_000,
        persistencyActivePremium: 90_000,
        aumCustomers: 150,
        aumStart: 2_000_000,
        aumEnd: 2_100_000,
        complaints: 2,
        heldBefore: 40,
        heldAfter: 60,
      }),
    );
    expect(outcome).toMatchObject({
      coolingOffRate: 0.2,
      surrenderRate: 0.04,
      persistency13m: { due: 10, byCount: 0.8, byPremium: 0.9 },
      aumRetention: 1.05,
      complaintsPer1000Sales: 80,
      complaintsPer100mPremium: 400,
      penetrationBefore: 0.2,
      penetrationAfter: 0.3,
    });
  });

  it('reports uplift in points with no relative uplift when the holdout converted nobody', () => {
    const metrics = campaignMetrics(input(campaign(), totals({ customers: 900, converted: 90 }, { customers: 100, converted: 0 })));
    expect(metrics.uplift).not.toBeNull();
    expect(metrics.uplift!.points).toBeCloseTo(0.1, 12);
    expect(metrics.uplift!.relative).toBeNull();
    expect(metrics.incrementalSales).toBeCloseTo(90, 9);
    expect(metrics.conversion.holdout).toMatchObject({ customers: 100, converted: 0, rate: 0, interval: { low: 0 } });
    // the Wilson upper bound of 0 / n is z² / (n + z²), z = Φ⁻¹(0.975) = 1.959963984540054: 0.036993… for n = 100
    const z2 = 1.959963984540054 ** 2;
    expect(metrics.conversion.holdout.interval!.high).toBeCloseTo(z2 / (100 + z2), 12);
  });

  it('flags a skewed split against the planned holdout share, and not a fair one', () => {
    const skewed = campaignMetrics(input(campaign(), totals({ customers: 9_500, converted: 950 }, { customers: 500, converted: 40 })));
    expect(skewed.sampleRatio).toMatchObject({ expectedHoldoutShare: 0.1, observedHoldoutShare: 0.05, flagged: true });
    const fair = campaignMetrics(input(campaign(), totals({ customers: 9_010, converted: 950 }, { customers: 990, converted: 40 })));
    expect(fair.sampleRatio).toMatchObject({ expectedHoldoutShare: 0.1, flagged: false });
  });

  it('has no holdout, uplift or sample ratio for an imported campaign whose events name no holdout', () => {
    const imported = campaign({ origin: 'imported', status: 'completed', audienceCounts: null, audienceStatus: 'none', goal: null });
    const metrics = campaignMetrics(input(imported, totals({ customers: 300, converted: 30, contacted: 300 }, {})));
    expect(campaignMetricsSchema.parse(metrics)).toEqual(metrics);
    expect(metrics).toMatchObject({ hasHoldout: false, uplift: null, sampleRatio: null, incrementalSales: null, goal: null });
    expect(metrics.money.costPerAcquisition).toBeNull();
    expect(metrics.funnel).toEqual({ targeted: 300, eligible: 300, treatment: 300, contacted: 300, responded: 0, converted: 30 });
  });

  it('measures an imported campaign whose events put customers in the holdout, without a sample ratio check', () => {
    const imported = campaign({ origin: 'imported', audienceCounts: null });
    const metrics = campaignMetrics(input(imported, totals({ customers: 300, converted: 30 }, { customers: 30, converted: 1 })));
    expect(metrics.hasHoldout).toBe(true);
    expect(metrics.uplift?.points).toBeCloseTo(0.1 - 1 / 30, 12);
    expect(metrics.sampleRatio).toBeNull();
  });

  it('adds redemptions to the recorded spend and measures ROI, cost per acquisition and the goal on the treatment arm', () => {
    const metrics = campaignMetrics({
      ...input(campaign(), totals({ customers: 900, converted: 180, redeemed: 10, feeIncome: 30_000, premium: 600_000 }, { customers: 100, converted: 10, redeemed: 2 })),
      spend: [
        { campaignCode: 'SPRING-25', line: 'promotion', amount: 12_000 },
        { campaignCode: 'SPRING-25', line: 'gifts', amount: 2_400 },
      ],
    });
    expect(metrics.money.spentByLine).toEqual({ promotion: 12_000, gifts: 2_400, redemptions: 600 });
    expect(metrics.money.spent).toBe(15_000);
    expect(metrics.money.roi).toBeCloseTo(1, 12);
    // uplift 0.2 − 0.1 = 0.1 points × 900 = 90 incremental sales; 15,000 / 90
    expect(metrics.money.costPerAcquisition).toBeCloseTo(15_000 / 90, 9);
    expect(metrics.funnel).toMatchObject({ targeted: 1_200, eligible: 1_000, treatment: 900 });
    expect(metrics.goal).toMatchObject({ metric: 'conversion_rate', target: 0.2, actual: 0.2 });
    expect(metrics.goal!.progress).toBeCloseTo(1, 12);
  });

  it('lists a campaign before its first refresh with the audience counts and no rates', () => {
    const item = campaignListItem(input(campaign(), totals({}, {}), null));
    expect(campaignListItemSchema.parse(item)).toEqual(item);
    expect(item).toMatchObject({ treatment: 900, holdout: 100, conversionTreatment: null, upliftPoints: null, upliftSignificant: null, refreshedAt: null });
    const refreshed = campaignListItem(input(campaign(), totals({ customers: 900, converted: 180 }, { customers: 100, converted: 10 })));
    expect(refreshed.upliftPoints).toBeCloseTo(0.1, 12);
    expect(refreshed.refreshedAt).toBe(REFRESHED.toISOString());
  });
});

describe('breakdowns', () => {
  const arms = totals({ customers: 900, converted: 30 }, { customers: 100, converted: 2 });

  it('splits the arms by a customer dimension: a key one arm lacks has nobody there', () => {
    const rows = breakdownRows(
      'tier',
      [
        figureRow('tier', 'basic', 'treatment', { customers: 500, converted: 10 }),
        figureRow('tier', 'hnw', 'treatment', { customers: 100, converted: 15 }),
        figureRow('tier', 'hnw', 'holdout', { customers: 10, converted: 1 }),
        figureRow('tier', '', 'treatment', { customers: 300, converted: 5 }),
      ],
      arms,
      true,
    );
    expect(rows.map((r) => r.key)).toEqual(['hnw', 'basic', null]);
    expect(rows[1]!.conversionHoldout).toEqual({ customers: 0, converted: 0, rate: null, interval: null });
    expect(rows[1]!.uplift).toBeNull();
    expect(rows[0]!.uplift?.points).toBeCloseTo(0.15 - 0.1, 12);
    breakdownResponseSchema.parse({ campaign: campaignRef(campaign()), refreshedAt: null, by: 'tier', rows });
  });

  it('attributes conversions to a sale dimension over the whole arm: an arm without the key converted nobody through it', () => {
    const rows = breakdownRows('channel', [figureRow('channel', 'mobile', 'treatment', { customers: 900, converted: 20 })], arms, true);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.conversionHoldout).toMatchObject({ customers: 100, converted: 0, rate: 0 });
    expect(rows[0]!.uplift?.points).toBeCloseTo(20 / 900, 12);
  });
});

describe('trend and retention', () => {
  it('puts a day in its Monday week and its month', () => {
    expect(periodOf('2025-03-02', 'week')).toBe('2025-02-24');
    expect(periodOf('2025-03-03', 'week')).toBe('2025-03-03');
    expect(periodOf('2025-03-31', 'month')).toBe('2025-03-01');
    expect(periodStarts('2025-01-31', '2025-03-01', 'month')).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
    expect(periodStarts('2025-03-01', '2025-02-01', 'day')).toEqual([]);
  });

  it('accumulates conversions per period up to the refresh date, with the cumulative uplift', () => {
    const period = (p: string, arm: 'treatment' | 'holdout', converted: number): PeriodFigureRow => ({
      campaignCode: 'SPRING-25',
      grain: 'week',
      period: p,
      dimension: 'total',
      key: '',
      arm,
      contacted: 0,
      responded: 0,
      converted,
      sales: converted,
      premium: 1_000 * converted,
      feeIncome: 10 * converted,
      complaints: 0,
      coolingOffCancelled: 0,
    });
    const rows = trendRows(
      campaign(),
      'week',
      [period('2025-03-03', 'treatment', 9), period('2025-03-17', 'treatment', 9), period('2025-03-17', 'holdout', 1)],
      totals({ customers: 90 }, { customers: 10 }),
      true,
      new Date('2025-03-20T10:00:00Z'),
    );
    expect(rows.map((r) => [r.period, r.treatment.converted, r.treatment.cumulativeConverted, r.holdout.cumulativeConverted])).toEqual([
      ['2025-03-03', 9, 9, 0],
      ['2025-03-10', 0, 9, 0],
      ['2025-03-17', 9, 18, 1],
    ]);
    expect(rows[2]!.treatment.cumulativeRate).toBeCloseTo(0.2, 12);
    expect(rows[2]!.uplift?.points).toBeCloseTo(0.1, 12);
    expect(rows[0]!.uplift?.relative).toBeNull();
    trendResponseSchema.parse({ campaign: campaignRef(campaign()), refreshedAt: null, grain: 'week', rows });
    expect(trendRows(campaign(), 'week', [], totals({}, {}), true, null)).toEqual([]);
  });

  it('reads persistency by count and premium, and AUM as customers still holding assets and a ratio of sums', () => {
    const curve = (kind: string, arm: string, month: number, base: number, retained: number, baseAmount: number, retainedAmount: number): RetentionCurveRow => ({
      campaignCode: 'SPRING-25',
      kind,
      arm,
      month,
      base,
      retained,
      baseAmount,
      retainedAmount,
    });
    const rows = [
      curve('persistency', 'holdout', 0, 4, 4, 400, 400),
      curve('persistency', 'treatment', 13, 10, 8, 1_000, 700),
      curve('persistency', 'treatment', 0, 0, 0, 0, 0),
      curve('aum', 'treatment', 1, 50, 45, 1_000_000, 1_100_000),
    ];
    const persistency = retentionPoints(rows, 'persistency');
    expect(persistency).toEqual([
      { month: 0, arm: 'treatment', base: 0, byCount: null, byPremium: null },
      { month: 13, arm: 'treatment', base: 10, byCount: 0.8, byPremium: 0.7 },
      { month: 0, arm: 'holdout', base: 4, byCount: 1, byPremium: 1 },
    ]);
    const aum = retentionPoints(rows, 'aum');
    expect(aum).toEqual([{ month: 1, arm: 'treatment', base: 50, byCount: 0.9, byPremium: 1.1 }]);
    retentionResponseSchema.parse({ campaign: campaignRef(campaign()), refreshedAt: null, persistency, aum });
  });
});

describe('overview across campaigns', () => {
  it('pools the uplift over the campaigns with a holdout only and adds money over the treatment arms', () => {
    const withHoldout = input(campaign({ code: 'A', budget: 10_000 }), totals({ customers: 900, converted: 90, feeIncome: 20_000, sales: 100 }, { customers: 100, converted: 5 }));
    const imported = input(
      campaign({ code: 'B', origin: 'imported', budget: 0, holdoutShare: 0.1 }),
      totals({ customers: 1_000, converted: 500, feeIncome: 5_000, sales: 500, complaints: 3 }, {}),
      new Date('2025-03-01T00:00:00Z'),
    );
    withHoldout.spend = [{ campaignCode: 'A', line: 'promotion', amount: 5_000 }];
    const overview = overviewOf([withHoldout, imported], { byTier: [], byChannel: [] });
    expect(overviewResponseSchema.parse(overview)).toEqual(overview);
    expect(overview.campaigns).toBe(2);
    // Pooled: 90 / 900 against 5 / 100 — campaign B (no holdout) stays out of the comparison.
    expect(overview.kpis.uplift?.points).toBeCloseTo(0.05, 12);
    expect(overview.kpis.incrementalSales).toBeCloseTo(45, 9);
    expect(overview.kpis).toMatchObject({ audience: 2_000, treatment: 1_900, holdout: 100, converted: 590, feeIncome: 25_000, budget: 10_000, spent: 5_000 });
    expect(overview.kpis.roi).toBeCloseTo(4, 12);
    expect(overview.kpis.complaintsPer1000Sales).toBeCloseTo(5, 12);
    expect(overview.refreshedAt).toBe('2025-03-01T00:00:00.000Z');
    expect(overview.beforeAfter.map((b) => [b.code, b.conversionHoldout])).toEqual([
      ['A', 0.05],
      ['B', null],
    ]);
  });

  it('sums the treatment arms per period and key for the tier trend, not recorded as null', () => {
    const row = (code: string, key: string, arm: string, converted: number): PeriodFigureRow => ({
      campaignCode: code,
      grain: 'month',
      period: '2025-03-01',
      dimension: 'tier',
      key,
      arm,
      contacted: 0,
      responded: 0,
      converted,
      sales: converted,
      premium: 100 * converted,
      feeIncome: 0,
      complaints: 0,
      coolingOffCancelled: 0,
    });
    const overview = overviewOf([], { byTier: [row('A', 'hnw', 'treatment', 3), row('B', 'hnw', 'treatment', 2), row('A', 'hnw', 'holdout', 9), row('A', '', 'treatment', 1)], byChannel: [] });
    expect(overview.trendByTier).toEqual([
      { period: '2025-03-01', key: 'hnw', converted: 5, premium: 500 },
      { period: '2025-03-01', key: null, converted: 1, premium: 100 },
    ]);
    expect(overview).toMatchObject({ refreshedAt: null, campaigns: 0, kpis: { uplift: null, conversionTreatment: null } });
  });
});
