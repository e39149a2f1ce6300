import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignsModule } from '@banca/campaigns';
import { campaigns, complaints, complianceFindings, complianceScans, sales } from '@banca/db';
import type { RuleCode, Severity } from '@banca/domain';
import { IngestionModule } from '@banca/ingestion';
import { SegmentationModule } from '@banca/segmentation';
import { createFeatureTestApp, insertBranch, insertProduct, insertStaff, pseudonym, type FeatureTestApp } from '@banca/testing';
import { ComplianceFiguresModule } from './compliance-figures.module';
import { ComplianceFiguresService } from './compliance-figures.service';

type SaleRow = typeof sales.$inferInsert;

/**
 * Seven sales, two of them outside January–February 2025; findings in every review status; complaints
 * linked to sales, to a campaign only, and outside the period. Every expected number below is worked
 * out by hand from these rows.
 *
 * | sale | sold       | product          | amount        | branch | staff | campaign | status                |
 * | s1   | 2025-01-10 | PA (annual)      | 10,000        | B1     | S1    | C1       | active                |
 * | s2   | 2025-01-20 | PA (annual)      | 20,000        | B1     | S1    |          | cancelled_cooling_off |
 * | s3   | 2025-01-25 | PM (monthly)     | 500 → 6,000   | B2     | S2    | C1       | active                |
 * | s4   | 2025-02-03 | DP (deposit)     | 100,000       | B2     | S2    |          | active                |
 * | s5   | 2025-02-14 | PM (monthly)     | 1,000 → 12,000| B1     | S1    | C1       | active                |
 * | s6   | 2024-12-31 | PA               | 5,000         | B1     | S1    |          | active (before)       |
 * | s7   | 2025-03-01 | PA               | 5,000         | B1     | S1    |          | active (after)        |
 */
const PERIOD = { from: '2025-01-01', to: '2025-02-28' };

const customer = (sale: string) => pseudonym(`figures-${sale}`);

function sale(saleId: string, productCode: string, soldAt: string, amount: number, branchCode: string, staffCode: string, campaignCode: string | null, status = 'active'): SaleRow {
  return {
    customerId: customer(saleId),
    saleId,
    productCode,
    soldAt,
    amount,
    branchCode,
    staffCode,
    campaignCode,
    status,
    statusAt: status === 'active' ? null : '2025-01-25',
  };
}

function finding(s: SaleRow, ruleCode: RuleCode, severity: Severity, status: string) {
  return {
    customerId: s.customerId,
    saleId: s.saleId,
    ruleCode,
    ruleVersion: 1,
    severity,
    facts: {},
    status,
    soldAt: s.soldAt,
    productCode: s.productCode,
    branchCode: s.branchCode ?? null,
    staffCode: s.staffCode ?? null,
    campaignCode: s.campaignCode ?? null,
  };
}

const S = {
  s1: sale('s1', 'PA', '2025-01-10', 10_000, 'B1', 'S1', 'C1'),
  s2: sale('s2', 'PA', '2025-01-20', 20_000, 'B1', 'S1', null, 'cancelled_cooling_off'),
  s3: sale('s3', 'PM', '2025-01-25', 500, 'B2', 'S2', 'C1'),
  s4: sale('s4', 'DP', '2025-02-03', 100_000, 'B2', 'S2', null),
  s5: sale('s5', 'PM', '2025-02-14', 1_000, 'B1', 'S1', 'C1'),
  s6: sale('s6', 'PA', '2024-12-31', 5_000, 'B1', 'S1', null),
  s7: sale('s7', 'PA', '2025-03-01', 5_000, 'B1', 'S1', null),
};

describe('compliance figures on a hand-built month of sales', () => {
  let t: FeatureTestApp;
  let figures: ComplianceFiguresService;

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceFiguresModule, CampaignsModule] });
    figures = t.app.get(ComplianceFiguresService);
    const db = t.handle.db;
    await insertBranch(db, { branchCode: 'B1', name: 'Pudong' });
    await insertBranch(db, { branchCode: 'B2', name: 'Xuhui' });
    await insertStaff(db, { staffCode: 'S1', name: 'Li Wei', branchCode: 'B1' });
    await insertStaff(db, { staffCode: 'S2', name: 'Wang Fang', branchCode: 'B2' });
    await insertProduct(db, { productCode: 'PA', name: 'Golden Years annuity', category: 'participating_annuity', premiumMode: 'annual' });
    await insertProduct(db, { productCode: 'PM', name: 'Family medical', category: 'medical', premiumMode: 'monthly' });
    await insertProduct(db, { productCode: 'DP', name: 'Time deposit', category: 'deposit', premiumMode: 'single', provider: 'BANK' });
    await db.insert(campaigns).values({ campaignCode: 'C1', name: 'Spring protection', startDate: '2025-01-01', endDate: '2025-03-31' });
    await db.insert(sales).values(Object.values(S));
    await db.insert(complianceFindings).values([
      finding(S.s1, 'RISK_MISMATCH', 'high', 'open'),
      finding(S.s1, 'AFFORDABILITY_HORIZON', 'low', 'approved'),
      finding(S.s2, 'COOLING_OFF_CANCELLED', 'info', 'open'),
      finding(S.s2, 'STAFF_UNQUALIFIED', 'medium', 'withdrawn'),
      finding(S.s3, 'DUAL_RECORDING_MISSING', 'high', 'rejected'),
      finding(S.s4, 'CONSENT_MISSING', 'high', 'cleared'),
      finding(S.s5, 'DUPLICATE_COVER', 'low', 'escalated'),
      finding(S.s6, 'RISK_MISMATCH', 'high', 'open'),
    ]);
    await db.insert(complaints).values([
      { customerId: customer('s1'), complaintId: 'K1', receivedAt: '2025-01-15', category: 'mis_selling', saleId: 's1' },
      { customerId: customer('s3'), complaintId: 'K2', receivedAt: '2025-02-10', category: 'service', saleId: 's3' },
      { customerId: customer('s5'), complaintId: 'K3', receivedAt: '2025-02-20', category: 'mis_selling', saleId: 's5' },
      { customerId: pseudonym('figures-no-sale'), complaintId: 'K4', receivedAt: '2025-01-05', category: 'mis_selling', campaignCode: 'C1' },
      { customerId: customer('s6'), complaintId: 'K5', receivedAt: '2025-01-07', category: 'mis_selling', saleId: 's6' },
      { customerId: customer('s2'), complaintId: 'K6', receivedAt: '2025-03-05', category: 'mis_selling', saleId: 's2' },
    ]);
    await db.insert(complianceScans).values([
      { reason: 'on-demand', scope: 'all', startedAt: new Date('2025-03-01T07:00:00Z'), finishedAt: new Date('2025-03-01T08:00:00Z') },
      { reason: 'on-demand', scope: 'all', startedAt: new Date('2025-03-02T07:00:00Z'), finishedAt: null },
    ]);
  });
  afterAll(async () => t?.close());

  it('counts the mismatch rate per month: sales with a finding above info, ignoring withdrawn and cleared findings', async () => {
    const trend = await figures.mismatchTrend(PERIOD);
    expect(trend).toMatchObject({ from: '2025-01-01', to: '2025-02-28', lastScanAt: '2025-03-01T08:00:00.000Z' });
    expect(trend.months.map((m) => [m.month, m.sales, m.mismatchRate])).toEqual([
      ['2025-01-01', 3, 2 / 3],
      ['2025-02-01', 2, 0.5],
    ]);
    const [january, february] = trend.months;
    expect(january!.bySeverity).toEqual([
      { severity: 'info', sales: 1, rate: 1 / 3 },
      { severity: 'low', sales: 1, rate: 1 / 3 },
      { severity: 'medium', sales: 0, rate: 0 },
      { severity: 'high', sales: 2, rate: 2 / 3 },
    ]);
    expect(january!.byRule.filter((r) => r.sales > 0)).toEqual([
      { ruleCode: 'RISK_MISMATCH', sales: 1, rate: 1 / 3 },
      { ruleCode: 'AFFORDABILITY_HORIZON', sales: 1, rate: 1 / 3 },
      { ruleCode: 'DUAL_RECORDING_MISSING', sales: 1, rate: 1 / 3 },
      { ruleCode: 'COOLING_OFF_CANCELLED', sales: 1, rate: 1 / 3 },
    ]);
    expect(january!.byRule).toHaveLength(14);
    expect(february!.bySeverity.map((s) => s.sales)).toEqual([0, 1, 0, 0]);
    expect(february!.byRule.filter((r) => r.sales > 0)).toEqual([{ ruleCode: 'DUPLICATE_COVER', sales: 1, rate: 0.5 }]);
  });

  it('narrows the trend to one branch and lists months without sales with no rate', async () => {
    const trend = await figures.mismatchTrend({ from: '2024-12-15', to: '2025-02-28', branchCode: 'B2' });
    expect(trend.months.map((m) => [m.month, m.sales, m.mismatchRate, m.bySeverity[3]!.sales])).toEqual([
      ['2024-12-01', 0, null, 0],
      ['2025-01-01', 1, 1, 1],
      ['2025-02-01', 1, 0, 0],
    ]);
  });

  it('covers this month and the eleven before it by default, and refuses a period that ends before it starts', async () => {
    const trend = await figures.mismatchTrend({});
    expect(trend.months).toHaveLength(12);
    expect(trend.months[11]!.month).toBe(`${trend.to.slice(0, 7)}-01`);
    await expect(figures.mismatchTrend({ from: '2025-03-01', to: '2025-02-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'to' } });
  });

  it('maps findings per branch and rule, with the share of the branch sales each rule caught', async () => {
    const heatmap = await figures.branchRuleHeatmap(PERIOD);
    expect(heatmap.ruleCodes).toHaveLength(14);
    expect(heatmap.branches.map((b) => [b.branchCode, b.branchName, b.sales, b.cells.filter((c) => c.findings > 0)])).toEqual([
      [
        'B1',
        'Pudong',
        3,
        [
          { ruleCode: 'RISK_MISMATCH', findings: 1, rate: 1 / 3 },
          { ruleCode: 'AFFORDABILITY_HORIZON', findings: 1, rate: 1 / 3 },
          { ruleCode: 'DUPLICATE_COVER', findings: 1, rate: 1 / 3 },
          { ruleCode: 'COOLING_OFF_CANCELLED', findings: 1, rate: 1 / 3 },
        ],
      ],
      ['B2', 'Xuhui', 2, [{ ruleCode: 'DUAL_RECORDING_MISSING', findings: 1, rate: 0.5 }]],
    ]);
    expect(heatmap.branches[1]!.cells.find((c) => c.ruleCode === 'CONSENT_MISSING')).toEqual({ ruleCode: 'CONSENT_MISSING', findings: 0, rate: 0 });
  });

  it('gives per branch the mismatch, cooling-off and complaint figures, premium annualised and insurance only', async () => {
    const byBranch = await figures.byDimension({ ...PERIOD, dimension: 'branch' });
    expect(byBranch.rows).toEqual([
      {
        key: 'B1',
        label: 'Pudong',
        sales: 3,
        salesWithFinding: 2,
        mismatchRate: 2 / 3,
        highFindings: 1,
        coolingOffCancellations: 1,
        coolingOffRate: 1 / 3,
        // K1 (s1), K3 (s5) and K5: a complaint in the period about s6, sold by B1 before it.
        misSellingComplaints: 3,
        premium: 42_000,
        complaintsPer100mPremium: (3 * 100_000_000) / 42_000,
        complaintsPer10kPolicies: (3 * 10_000) / 3,
      },
      {
        key: 'B2',
        label: 'Xuhui',
        sales: 2,
        salesWithFinding: 1,
        mismatchRate: 0.5,
        highFindings: 1,
        coolingOffCancellations: 0,
        coolingOffRate: 0,
        misSellingComplaints: 0,
        // s3 only: the deposit s4 is not insurance; K2 (service) counts in the complaint ratios.
        premium: 6_000,
        complaintsPer100mPremium: 100_000_000 / 6_000,
        complaintsPer10kPolicies: 10_000,
      },
    ]);
  });

  it('attributes to a campaign the complaints naming it and those about its sales', async () => {
    const byCampaign = await figures.byDimension({ ...PERIOD, dimension: 'campaign' });
    expect(byCampaign.rows).toEqual([
      {
        key: 'C1',
        label: 'Spring protection',
        sales: 3,
        salesWithFinding: 3,
        mismatchRate: 1,
        highFindings: 2,
        coolingOffCancellations: 0,
        coolingOffRate: 0,
        misSellingComplaints: 3,
        premium: 28_000,
        complaintsPer100mPremium: (4 * 100_000_000) / 28_000,
        complaintsPer10kPolicies: (4 * 10_000) / 3,
      },
    ]);
  });

  it('gives per product no complaint ratio where there is no insurance premium', async () => {
    const byProduct = await figures.byDimension({ ...PERIOD, dimension: 'product' });
    expect(byProduct.rows.map((r) => [r.key, r.label, r.sales, r.salesWithFinding, r.highFindings, r.coolingOffCancellations, r.misSellingComplaints, r.premium, r.complaintsPer100mPremium, r.complaintsPer10kPolicies])).toEqual([
      ['PA', 'Golden Years annuity', 2, 1, 1, 1, 2, 30_000, (2 * 100_000_000) / 30_000, 10_000],
      ['PM', 'Family medical', 2, 2, 1, 0, 1, 18_000, (2 * 100_000_000) / 18_000, 10_000],
      ['DP', 'Time deposit', 1, 0, 0, 0, 0, 0, null, null],
    ]);
    const byStaff = await figures.byDimension({ ...PERIOD, dimension: 'staff', branchCode: 'B1' });
    expect(byStaff.rows.map((r) => [r.key, r.label, r.sales, r.misSellingComplaints])).toEqual([['S1', 'Li Wei', 3, 3]]);
  });
});
