import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  breakdownResponseSchema,
  campaignListSchema,
  campaignMetricsSchema,
  overviewResponseSchema,
  retentionResponseSchema,
  trendResponseSchema,
} from '@banca/contracts';
import { campaignFigures, campaignFiguresByPeriod, campaignRetentionCurve, campaignRollupState, campaigns, campaignSpend } from '@banca/db';
import { ComplianceModule } from '@banca/compliance';
import type { TableExport } from '@banca/exports';
import { IngestionModule } from '@banca/ingestion';
import { SegmentationModule } from '@banca/segmentation';
import { createFeatureTestApp, type FeatureTestApp } from '@banca/testing';
import { CampaignsModule } from '../campaigns.module';
import { CampaignMetricsService } from './campaign-metrics.service';

type FigureInsert = typeof campaignFigures.$inferInsert;

/** Channel and staff keys a partner's file could carry that a spreadsheet would run as formulas. */
const EVIL = '=HYPERLINK("http://evil","x")';
const REFRESHED = '2025-04-02T06:00:00.000Z';

/**
 * Rollup rows written straight into the tables, as the RefreshCampaignRollups job would leave them:
 * SPRING-25 (platform, 10 % holdout, 900 / 100 customers, 180 / 10 converted) and OLD-IMPORT (imported,
 * no holdout). Every expected number is worked out from these rows.
 */
const figure = (code: string, dimension: string, key: string, arm: string, m: Partial<FigureInsert>): FigureInsert => ({
  campaignCode: code,
  dimension,
  key,
  arm,
  ...m,
});

async function collect(file: TableExport): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of file.body) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  return Buffer.concat(chunks);
}
const csvLines = async (file: TableExport) => new TextDecoder().decode(await collect(file)).replace(/^\uFEFF/, '').trimEnd().split('\r\n');

describe('campaign metrics read from the rollup tables', () => {
  let t: FeatureTestApp;
  let metrics: CampaignMetricsService;

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    metrics = t.app.get(CampaignMetricsService);
    const db = t.handle.db;
    await db.insert(campaigns).values([
      {
        campaignCode: 'SPRING-25',
        name: 'Spring pension push',
        origin: 'platform',
        status: 'running',
        bankPartner: 'Bank',
        insurerPartner: 'Insurer',
        startDate: '2025-03-03',
        endDate: '2025-03-16',
        attributionDays: 30,
        productCodes: ['PA'],
        offer: { kind: 'gift', description: 'tea set', rate: null, costPerRedemption: 50 },
        budget: 100_000,
        goal: { metric: 'conversion_rate', target: 0.25 },
        holdoutShare: 0.1,
        audienceStatus: 'built',
        audienceCounts: { targeted: 1_200, eligible: 1_000, treatment: 900, holdout: 100, excluded: { CONSENT_MISSING: 200 } },
        launchedAt: new Date('2025-03-01T09:00:00Z'),
      },
      { campaignCode: 'OLD-IMPORT', name: 'Autumn annuity mailing', origin: 'imported', status: 'completed', startDate: '2024-09-01', endDate: '2024-09-30', productCodes: ['PA'] },
      { campaignCode: 'DRAFT-1', name: 'Not launched', origin: 'platform', status: 'draft', startDate: '2025-06-01', endDate: '2025-06-30' },
    ]);
    await db.insert(campaignSpend).values([
      { campaignCode: 'SPRING-25', line: 'promotion', amount: 12_000, spentOn: '2025-03-03' },
      { campaignCode: 'SPRING-25', line: 'promotion', amount: 1_000, spentOn: '2025-03-10' },
      { campaignCode: 'SPRING-25', line: 'gifts', amount: 1_500, spentOn: '2025-03-04' },
    ]);
    await db.insert(campaignFigures).values([
      figure('SPRING-25', 'total', '', 'treatment', {
        customers: 900,
        contacted: 800,
        responded: 300,
        redeemed: 10,
        converted: 180,
        sales: 200,
        premium: 600_000,
        feeIncome: 30_000,
        coolingOffCancelled: 4,
        complaints: 2,
        heldBefore: 90,
        heldAfter: 270,
        aumCustomers: 800,
        aumStart: 40_000_000,
        aumEnd: 42_000_000,
      }),
      figure('SPRING-25', 'total', '', 'holdout', { customers: 100, converted: 10, sales: 10, premium: 30_000, feeIncome: 1_500, heldBefore: 10, heldAfter: 20 }),
      figure('SPRING-25', 'channel', EVIL, 'treatment', { customers: 900, converted: 100, sales: 110 }),
      figure('SPRING-25', 'channel', EVIL, 'holdout', { customers: 100, converted: 4, sales: 4 }),
      figure('SPRING-25', 'channel', '+1', 'treatment', { customers: 900, converted: 50, sales: 55 }),
      figure('SPRING-25', 'channel', '-2', 'holdout', { customers: 100, converted: 6, sales: 6 }),
      figure('SPRING-25', 'channel', '@x', 'treatment', { customers: 900, converted: 30, sales: 35 }),
      figure('SPRING-25', 'tier', 'hnw', 'treatment', { customers: 200, converted: 60 }),
      figure('SPRING-25', 'tier', 'hnw', 'holdout', { customers: 20, converted: 2 }),
      figure('SPRING-25', 'tier', 'basic', 'treatment', { customers: 700, converted: 120 }),
      figure('SPRING-25', 'tier', 'basic', 'holdout', { customers: 80, converted: 8 }),
      figure('OLD-IMPORT', 'total', '', 'treatment', { customers: 300, contacted: 300, converted: 30, sales: 30, premium: 90_000, feeIncome: 4_500 }),
    ]);
    const period = (p: string, dimension: string, key: string, arm: string, converted: number, premium: number) => ({
      campaignCode: 'SPRING-25',
      grain: 'week',
      period: p,
      dimension,
      key,
      arm,
      converted,
      sales: converted,
      premium,
    });
    await db.insert(campaignFiguresByPeriod).values([
      { ...period('2025-03-03', 'total', '', 'treatment', 90, 300_000), contacted: 800 },
      period('2025-03-10', 'total', '', 'treatment', 90, 300_000),
      period('2025-03-10', 'total', '', 'holdout', 10, 30_000),
      period('2025-03-03', 'tier', 'hnw', 'treatment', 30, 150_000),
      period('2025-03-10', 'tier', 'basic', 'treatment', 60, 150_000),
      period('2025-03-10', 'channel', EVIL, 'treatment', 90, 300_000),
    ]);
    await db.insert(campaignRetentionCurve).values([
      { campaignCode: 'SPRING-25', kind: 'persistency', arm: 'treatment', month: 0, base: 20, retained: 20, baseAmount: 100_000, retainedAmount: 100_000 },
      { campaignCode: 'SPRING-25', kind: 'persistency', arm: 'treatment', month: 1, base: 20, retained: 18, baseAmount: 100_000, retainedAmount: 85_000 },
      { campaignCode: 'SPRING-25', kind: 'aum', arm: 'holdout', month: 1, base: 90, retained: 72, baseAmount: 4_000_000, retainedAmount: 3_800_000 },
    ]);
    await db.insert(campaignRollupState).values([
      { campaignCode: 'SPRING-25', refreshedAt: new Date(REFRESHED), reason: 'on-demand', durationMs: 12, members: 1_000 },
      { campaignCode: 'OLD-IMPORT', refreshedAt: new Date('2025-04-01T00:00:00Z'), reason: 'ingestion', durationMs: 5, members: 300 },
    ]);
  });
  afterAll(async () => t?.close());

  it('answers a platform campaign with its funnel, arms, uplift, sample ratio, money and goal', async () => {
    const m = campaignMetricsSchema.parse(await metrics.metrics('SPRING-25'));
    expect(m.refreshedAt).toBe(REFRESHED);
    expect(m.campaign).toMatchObject({ code: 'SPRING-25', windowEnd: '2025-04-15', holdoutShare: 0.1 });
    expect(m.funnel).toEqual({ targeted: 1_200, eligible: 1_000, treatment: 900, contacted: 800, responded: 300, converted: 180 });
    expect(m.conversion.treatment).toMatchObject({ customers: 900, converted: 180, rate: 0.2 });
    expect(m.conversion.holdout).toMatchObject({ customers: 100, converted: 10, rate: 0.1 });
    expect(m.hasHoldout).toBe(true);
    expect(m.uplift!.points).toBeCloseTo(0.1, 12);
    expect(m.uplift!.relative).toBeCloseTo(1, 12);
    expect(m.sampleRatio).toMatchObject({ expectedHoldoutShare: 0.1, observedHoldoutShare: 0.1, flagged: false });
    expect(m.incrementalSales).toBeCloseTo(90, 9);
    expect(m.money).toMatchObject({
      premium: 600_000,
      feeIncome: 30_000,
      budget: 100_000,
      spent: 15_000,
      spentByLine: { promotion: 13_000, gifts: 1_500, redemptions: 500 },
    });
    expect(m.money.roi).toBeCloseTo(1, 12);
    expect(m.treatment).toMatchObject({ penetrationBefore: 0.1, penetrationAfter: 0.3, aumRetention: 1.05, complaintsPer1000Sales: 10 });
    expect(m.goal).toMatchObject({ metric: 'conversion_rate', target: 0.25, actual: 0.2 });
  });

  it('shows an imported campaign without a holdout as not measurable against one', async () => {
    const m = campaignMetricsSchema.parse(await metrics.metrics('OLD-IMPORT'));
    expect(m).toMatchObject({ hasHoldout: false, uplift: null, sampleRatio: null, incrementalSales: null, refreshedAt: '2025-04-01T00:00:00.000Z' });
    expect(m.funnel).toMatchObject({ targeted: 300, eligible: 300, treatment: 300, converted: 30 });
  });

  it('refuses an unknown campaign', async () => {
    await expect(metrics.metrics('NOPE')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists every campaign with its headline figures and refresh time, filtered', async () => {
    const list = campaignListSchema.parse(await metrics.list({}));
    expect(list.items.map((i) => [i.code, i.treatment, i.holdout, i.conversionTreatment, i.upliftPoints === null, i.spent, i.refreshedAt])).toEqual([
      ['DRAFT-1', 0, 0, null, true, 0, null],
      ['SPRING-25', 900, 100, 0.2, false, 15_000, REFRESHED],
      ['OLD-IMPORT', 300, 0, 0.1, true, 0, '2025-04-01T00:00:00.000Z'],
    ]);
    expect((await metrics.list({ origin: 'imported' })).items.map((i) => i.code)).toEqual(['OLD-IMPORT']);
    expect((await metrics.list({ q: 'pension' })).items.map((i) => i.code)).toEqual(['SPRING-25']);
    expect((await metrics.list({ q: '%' })).items).toEqual([]);
  });

  it('breaks a campaign down by channel: conversions over the whole arm, a channel one arm never converted through at 0', async () => {
    const b = breakdownResponseSchema.parse(await metrics.breakdown('SPRING-25', 'channel'));
    expect(b.refreshedAt).toBe(REFRESHED);
    expect(b.rows.map((r) => [r.key, r.conversionTreatment.converted, r.conversionTreatment.customers, r.conversionHoldout.converted, r.conversionHoldout.customers])).toEqual([
      ['+1', 50, 900, 0, 100],
      ['-2', 0, 900, 6, 100],
      ['=HYPERLINK("http://evil","x")', 100, 900, 4, 100],
      ['@x', 30, 900, 0, 100],
    ]);
    const tiers = await metrics.breakdown('SPRING-25', 'tier');
    expect(tiers.rows.map((r) => [r.key, r.conversionTreatment.rate, r.conversionHoldout.rate])).toEqual([
      ['hnw', 0.3, 0.1],
      ['basic', 120 / 700, 0.1],
    ]);
  });

  it('downloads the breakdown as CSV with formula-looking keys neutralised', async () => {
    const lines = await csvLines(await metrics.exportBreakdown('SPRING-25', 'channel', 'csv'));
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['key', 'conversion_treatment', 'conversion_treatment_low', 'conversion_treatment_high']);
    expect(lines).toHaveLength(5);
    const keys = ['key,', "'+1,", "'-2,", `"'=HYPERLINK(""http://evil"",""x"")",`, "'@x,"];
    expect(lines.map((line, i) => line.startsWith(keys[i]!))).toEqual([true, true, true, true, true]);
    // Text cells only: numbers the export computed (a negative uplift) stay numbers.
    expect(lines.filter((line) => /^[=+\-@]/.test(line))).toEqual([]);
  });

  it('downloads the breakdown as Arrow with the same numbers as the JSON', async () => {
    const json = await metrics.breakdown('SPRING-25', 'channel');
    const table = tableFromIPC(await collect(await metrics.exportBreakdown('SPRING-25', 'channel', 'arrow')));
    const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
    expect(rows.map((r) => r['key'])).toEqual(json.rows.map((r) => r.key));
    expect(rows.map((r) => [r['treatment_converted'], r['conversion_treatment'], r['conversion_holdout'], r['uplift_points']])).toEqual(
      json.rows.map((r) => [r.treatment.converted, r.conversionTreatment.rate, r.conversionHoldout.rate, r.uplift?.points ?? null]),
    );
  });

  it('trends conversions per week up to the refresh date with the cumulative uplift, also as CSV and Arrow', async () => {
    const trend = trendResponseSchema.parse(await metrics.trend('SPRING-25', 'week'));
    expect(trend.refreshedAt).toBe(REFRESHED);
    expect(trend.rows.map((r) => [r.period, r.treatment.cumulativeConverted, r.treatment.cumulativeRate, r.holdout.cumulativeConverted])).toEqual([
      ['2025-03-03', 90, 0.1, 0],
      ['2025-03-10', 180, 0.2, 10],
      ['2025-03-17', 180, 0.2, 10],
      ['2025-03-24', 180, 0.2, 10],
      ['2025-03-31', 180, 0.2, 10],
    ]);
    expect(trend.rows[0]!.treatment.contacted).toBe(800);
    expect(trend.rows[1]!.uplift!.points).toBeCloseTo(0.1, 12);
    const lines = await csvLines(await metrics.exportTrend('SPRING-25', 'week', 'csv'));
    expect(lines).toHaveLength(6);
    expect(lines[1]!.startsWith('2025-03-03,800,0,90,90,0.1,')).toBe(true);
    const arrow = tableFromIPC(await collect(await metrics.exportTrend('SPRING-25', 'week', 'arrow')));
    expect(arrow.getChild('treatment_cumulative_converted')!.toArray()).toEqual(Int32Array.from([90, 180, 180, 180, 180]));
  });

  it('reads the retention curves per arm', async () => {
    const r = retentionResponseSchema.parse(await metrics.retention('SPRING-25'));
    expect(r.refreshedAt).toBe(REFRESHED);
    expect(r.persistency.map((p) => [p.arm, p.month, p.base, p.byCount, p.byPremium])).toEqual([
      ['treatment', 0, 20, 1, 1],
      ['treatment', 1, 20, 0.9, 0.85],
    ]);
    expect(r.aum).toEqual([{ month: 1, arm: 'holdout', base: 90, byCount: 0.8, byPremium: 0.95 }]);
    const lines = await csvLines(await metrics.exportRetention('SPRING-25', 'csv'));
    expect(lines).toEqual(['kind,arm,month,base,by_count,by_premium', 'persistency,treatment,0,20,1,1', 'persistency,treatment,1,20,0.9,0.85', 'aum,holdout,1,90,0.8,0.95']);
  });

  it('sums the running campaigns in the overview, or every launched and imported one, pooling uplift over those with a holdout', async () => {
    const running = overviewResponseSchema.parse(await metrics.overview({ scope: 'running', grain: 'week' }));
    expect(running).toMatchObject({ refreshedAt: REFRESHED, campaigns: 1 });
    expect(running.kpis).toMatchObject({ audience: 1_000, treatment: 900, holdout: 100, converted: 180, spent: 15_000, budget: 100_000 });
    expect(running.trendByTier).toEqual([
      { period: '2025-03-03', key: 'hnw', converted: 30, premium: 150_000 },
      { period: '2025-03-10', key: 'basic', converted: 60, premium: 150_000 },
    ]);
    expect(running.trendByChannel).toEqual([{ period: '2025-03-10', key: EVIL, converted: 90, premium: 300_000 }]);

    const all = overviewResponseSchema.parse(await metrics.overview({ scope: 'all', grain: 'week' }));
    expect(all.campaigns).toBe(2);
    expect(all.refreshedAt).toBe('2025-04-01T00:00:00.000Z');
    expect(all.kpis).toMatchObject({ treatment: 1_200, holdout: 100, converted: 210 });
    // The imported campaign has no holdout: the pooled uplift is SPRING-25's alone.
    expect(all.kpis.uplift!.points).toBeCloseTo(0.1, 12);
    expect(all.beforeAfter.map((b) => [b.code, b.penetrationBefore, b.penetrationAfter, b.conversionTreatment, b.conversionHoldout])).toEqual([
      ['SPRING-25', 0.1, 0.3, 0.2, 0.1],
      ['OLD-IMPORT', 0, 0, 0.1, null],
    ]);
    const lines = await csvLines(await metrics.exportOverviewBeforeAfter({ scope: 'all', grain: 'week' }, 'csv'));
    expect(lines).toEqual([
      'code,name,status,penetration_before,penetration_after,conversion_treatment,conversion_holdout,aum_retention',
      'SPRING-25,Spring pension push,running,0.1,0.3,0.2,0.1,1.05',
      'OLD-IMPORT,Autumn annuity mailing,completed,0,0,0.1,,',
    ]);
  });
});
