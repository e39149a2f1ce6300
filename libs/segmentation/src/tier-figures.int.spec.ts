import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignsModule } from '@banca/campaigns';
import { ComplianceModule } from '@banca/compliance';
import { customers, customerSnapshots, products, sales } from '@banca/db';
import { IngestionModule } from '@banca/ingestion';
import { createFeatureTestApp, type FeatureTestApp } from '@banca/testing';
import { SegmentationModule } from './segmentation.module';
import { TierFiguresService } from './tier-figures.service';
import { TierService } from './tier.service';

type CustomerRow = typeof customers.$inferInsert;

const id = (letter: string) => letter.repeat(64);

/**
 * Six customers. Tiers at 2024-12-31 → 2025-06-30: A basic → middle, B middle → hnw, C hnw → middle,
 * D basic → basic, E and F new (middle, basic). A, B, C in North; D, E, F in South.
 */
const CURRENT: CustomerRow[] = [
  { customerId: id('a'), region: 'North', branchCode: 'N1', investableAssets: 600_000, householdAnnualIncome: null, monthlyIncome: null, riskLevel: 'C2', consentDataSharing: true, consentMarketing: true, asOf: '2025-06-30' },
  { customerId: id('b'), region: 'North', branchCode: 'N1', investableAssets: 6_000_000, householdAnnualIncome: 300_000, monthlyIncome: 20_000, riskLevel: 'C4', consentDataSharing: true, consentMarketing: false, asOf: '2025-06-30' },
  { customerId: id('c'), region: 'North', branchCode: 'N2', investableAssets: 1_000_000, householdAnnualIncome: 100_000, monthlyIncome: 8_000, riskLevel: null, consentDataSharing: false, consentMarketing: null, asOf: '2025-06-30' },
  { customerId: id('d'), region: 'South', branchCode: 'S1', investableAssets: null, householdAnnualIncome: 50_000, monthlyIncome: 4_000, riskLevel: 'C1', consentDataSharing: null, consentMarketing: true, asOf: '2025-06-30' },
  { customerId: id('e'), region: 'South', branchCode: 'S1', investableAssets: null, householdAnnualIncome: 250_000, monthlyIncome: null, riskLevel: 'C3', consentDataSharing: true, consentMarketing: true, asOf: '2025-06-30' },
  { customerId: id('f'), region: 'South', branchCode: null, investableAssets: null, householdAnnualIncome: null, monthlyIncome: null, riskLevel: null, consentDataSharing: false, consentMarketing: false, asOf: '2025-06-30' },
];

const EARLIER: CustomerRow[] = [
  { customerId: id('a'), investableAssets: 100_000, asOf: '2024-12-31' },
  { customerId: id('b'), investableAssets: 600_000, asOf: '2024-12-31' },
  { customerId: id('c'), investableAssets: 6_000_000, asOf: '2024-12-31' },
  { customerId: id('d'), householdAnnualIncome: 50_000, asOf: '2024-12-31' },
];

const sale = (customer: string, saleId: string, productCode: string, soldAt: string, status: string, statusAt: string | null = null) => ({
  customerId: id(customer),
  saleId,
  productCode,
  soldAt,
  amount: 1_000,
  status,
  statusAt,
});

describe('tier figures for the Segments dashboard', () => {
  let t: FeatureTestApp;
  let figures: TierFiguresService;

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    figures = t.app.get(TierFiguresService);
    await t.handle.db.insert(customers).values(CURRENT);
    await t.handle.db.insert(customerSnapshots).values([...CURRENT, ...EARLIER].map(({ customerId, asOf, investableAssets, householdAnnualIncome }) => ({ customerId, asOf, investableAssets, householdAnnualIncome })));
    await t.handle.db.insert(products).values([
      { productCode: 'ACC', name: 'Monthly accident cover', provider: 'insurer', category: 'accident', riskLevel: 'R1' },
      { productCode: 'MED', name: 'Medical', provider: 'insurer', category: 'medical', riskLevel: 'R1' },
      { productCode: 'ANN', name: 'Annuity', provider: 'insurer', category: 'annuity', riskLevel: 'R2' },
      { productCode: 'DEP', name: 'Deposit', provider: 'bank', category: 'deposit', riskLevel: 'R1' },
      { productCode: 'WLT', name: 'Wealth', provider: 'bank', category: 'wealth', riskLevel: 'R3' },
    ]);
    await t.handle.db.insert(sales).values([
      sale('a', 'S1', 'ACC', '2025-01-01', 'active'),
      sale('b', 'S2', 'DEP', '2024-01-01', 'active'),
      sale('b', 'S3', 'ANN', '2024-06-01', 'surrendered', '2025-03-01'),
      sale('c', 'S4', 'ANN', '2025-07-15', 'active'),
      sale('d', 'S5', 'ACC', '2024-01-01', 'lapsed'),
      sale('e', 'S6', 'MED', '2024-05-01', 'active'),
      sale('f', 'S7', 'WLT', '2024-05-01', 'active'),
    ]);
    const jobId = await t.app.get(TierService).requestRetier('on-demand');
    expect((await t.queue.waitFor(jobId, { timeoutMs: 60_000 })).state).toBe('completed');
  });
  afterAll(async () => t?.close());

  it('counts current tiers per region and per branch, largest first, customers without a branch last', async () => {
    expect(await figures.breakdown({ by: 'region' })).toEqual({
      by: 'region',
      rows: [
        { key: 'North', tiers: { hnw: 1, middle: 2, basic: 0 }, total: 3 },
        { key: 'South', tiers: { hnw: 0, middle: 1, basic: 2 }, total: 3 },
      ],
      total: 6,
      ruleVersion: 1,
    });
    expect((await figures.breakdown({ by: 'branch' })).rows.map((r) => [r.key, r.total])).toEqual([['N1', 2], ['S1', 2], ['N2', 1], [null, 1]]);
    expect((await figures.breakdown({ by: 'branch', region: 'North' })).rows.map((r) => r.key)).toEqual(['N1', 'N2']);
  });

  it('charts migration between two dates from the snapshot in force on each, new customers as "new"', async () => {
    const matrix = await figures.migration({ from: '2024-12-31', to: '2025-06-30' });
    expect(matrix.cells).toHaveLength(12);
    expect(matrix.cells.filter((c) => c.customers > 0)).toEqual([
      { from: 'new', to: 'middle', customers: 1 },
      { from: 'new', to: 'basic', customers: 1 },
      { from: 'hnw', to: 'middle', customers: 1 },
      { from: 'middle', to: 'hnw', customers: 1 },
      { from: 'basic', to: 'middle', customers: 1 },
      { from: 'basic', to: 'basic', customers: 1 },
    ]);
    expect(matrix.totals).toEqual({ customers: 6, new: 2, unchanged: 1, upgraded: 2, downgraded: 1 });

    // Between two dates with no snapshot in between, nobody moves; E and F had no snapshot yet.
    expect((await figures.migration({ from: '2025-01-15', to: '2025-03-01' })).totals).toEqual({ customers: 4, new: 0, unchanged: 4, upgraded: 0, downgraded: 0 });
    expect((await figures.migration({ from: '2024-12-31', to: '2025-06-30', region: 'North' })).totals).toEqual({ customers: 3, new: 0, unchanged: 0, upgraded: 2, downgraded: 1 });
  });

  it('measures insurance penetration per tier at a date: active insurance only, bank products and ended or later sales not counted', async () => {
    expect(await figures.penetration({ at: '2025-06-30' })).toEqual({
      at: '2025-06-30',
      tiers: [
        { tier: 'hnw', customers: 1, insured: 0, penetration: 0 },
        { tier: 'middle', customers: 3, insured: 2, penetration: 2 / 3 },
        { tier: 'basic', customers: 2, insured: 0, penetration: 0 },
      ],
      total: { customers: 6, insured: 2, penetration: 2 / 6 },
    });
    // On 2025-02-01 tiers come from the 2024-12-31 snapshots, and B's annuity was surrendered only later.
    expect((await figures.penetration({ at: '2025-02-01' })).tiers).toEqual([
      { tier: 'hnw', customers: 1, insured: 0, penetration: 0 },
      { tier: 'middle', customers: 1, insured: 1, penetration: 1 },
      { tier: 'basic', customers: 2, insured: 1, penetration: 0.5 },
    ]);
    expect((await figures.penetration({ at: '2020-01-01' })).total).toEqual({ customers: 0, insured: 0, penetration: null });
    expect((await figures.penetration({})).at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('reports missing income, assets and risk level, overall and per tier', async () => {
    const completeness = await figures.completeness({});
    expect(completeness.overall.customers).toBe(6);
    expect(completeness.overall.missing).toEqual({ householdAnnualIncome: 2, monthlyIncome: 3, income: 2, investableAssets: 3, riskLevel: 2, any: 5 });
    expect(completeness.overall.shares.any).toBeCloseTo(5 / 6);
    expect(completeness.tiers.map((x) => [x.tier, x.customers, x.missing])).toEqual([
      ['hnw', 1, { householdAnnualIncome: 0, monthlyIncome: 0, income: 0, investableAssets: 0, riskLevel: 0, any: 0 }],
      ['middle', 3, { householdAnnualIncome: 1, monthlyIncome: 2, income: 1, investableAssets: 1, riskLevel: 1, any: 3 }],
      ['basic', 2, { householdAnnualIncome: 1, monthlyIncome: 1, income: 1, investableAssets: 2, riskLevel: 1, any: 2 }],
    ]);
    expect((await figures.completeness({ region: 'Nowhere' })).overall.shares.any).toBeNull();
  });

  it('counts consent, and everyone without data-sharing consent (refused or unknown) as excluded from cross-partner use', async () => {
    expect(await figures.consent({})).toEqual({
      customers: 6,
      dataSharing: { granted: 3, refused: 2, unknown: 1 },
      marketing: { granted: 3, refused: 2, unknown: 1 },
      excludedFromCrossPartnerUse: 3,
      tiers: [
        { tier: 'hnw', customers: 1, excludedFromCrossPartnerUse: 0 },
        { tier: 'middle', customers: 3, excludedFromCrossPartnerUse: 1 },
        { tier: 'basic', customers: 2, excludedFromCrossPartnerUse: 2 },
      ],
    });
    expect((await figures.consent({ region: 'South', branchCode: 'S1' })).excludedFromCrossPartnerUse).toBe(1);
  });
});
