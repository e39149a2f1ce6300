import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignsModule } from '@banca/campaigns';
import { campaigns, complaints, complianceFindings, complianceRuleSets, queryRows, sales } from '@banca/db';
import { ALERT_DIMENSIONS, DEFAULT_COMPLIANCE_SETTINGS, monthStartBefore, RULE_CODES, SEVERITIES, type AlertMetric } from '@banca/domain';
import { IngestionModule } from '@banca/ingestion';
import { SegmentationModule } from '@banca/segmentation';
import { createFeatureTestApp, insertBranch, insertProduct, insertStaff, pseudonym, type FeatureTestApp } from '@banca/testing';
import { ComplianceAlertService } from './compliance-alert.service';
import { ComplianceFiguresModule } from './compliance-figures.module';
import { ComplianceFiguresService } from './compliance-figures.service';

/** A small deterministic generator (LCG), so a failure reproduces. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return { next, pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]! };
}

/**
 * The alert evaluation computes its figures in SQL, the figure endpoints in TypeScript with the domain
 * formulas. With every ceiling at 0, persistency's floor at 1, minSales 1 and findings of severity low
 * and above counted (the figures' "above info"), every non-zero figure of a month raises an alert whose
 * value must be the figure of that month, to the last bit.
 */
describe('alert figures (SQL) agree with the dashboard figures (domain formulas) on generated sales', () => {
  let t: FeatureTestApp;
  let month: string;
  let monthEnd: string;

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceFiguresModule, CampaignsModule] });
    const db = t.handle.db;
    const [{ today }] = (await queryRows<{ today: string }>(db, sql`SELECT CURRENT_DATE::text AS today`)) as [{ today: string }];
    month = monthStartBefore(today, 3);
    monthEnd = monthStartBefore(today, 2);
    const [{ last }] = (await queryRows<{ last: string }>(db, sql`SELECT (${monthEnd}::date - 1)::text AS last`)) as [{ last: string }];
    monthEnd = last;

    const g = generator(20_260_422);
    for (const b of ['B1', 'B2', 'B3']) await insertBranch(db, { branchCode: b, name: `Branch ${b}` });
    for (const s of ['S1', 'S2', 'S3', 'S4']) await insertStaff(db, { staffCode: s, name: `Seller ${s}` });
    const productModes = [
      ['PA', 'participating_annuity', 'annual'],
      ['PM', 'medical', 'monthly'],
      ['PU', 'universal_life', 'single'],
      ['DP', 'deposit', 'single'],
    ] as const;
    for (const [code, category, premiumMode] of productModes) await insertProduct(db, { productCode: code, name: `Product ${code}`, category, premiumMode });
    await db.insert(campaigns).values([
      { campaignCode: 'C1', name: 'Spring', startDate: month, endDate: monthEnd },
      { campaignCode: 'C2', name: 'Summer', startDate: month, endDate: monthEnd },
    ]);

    const day = () => `${month.slice(0, 8)}${String(1 + Math.floor(g.next() * 28)).padStart(2, '0')}`;
    const rows = Array.from({ length: 240 }, (_, i) => ({
      customerId: pseudonym(`agree-${i}`),
      saleId: `G${i}`,
      productCode: g.pick(productModes)[0],
      soldAt: day(),
      amount: Math.round(g.next() * 5_000_000) / 100,
      premiumMode: g.pick([null, null, 'monthly', 'annual', 'single'] as const),
      branchCode: g.pick(['B1', 'B2', 'B3', null]),
      staffCode: g.pick(['S1', 'S2', 'S3', 'S4', null]),
      campaignCode: g.pick(['C1', 'C2', null, null]),
      status: g.pick(['active', 'active', 'active', 'cancelled_cooling_off', 'lapsed'] as const),
    }));
    await db.insert(sales).values(rows);
    const findings = rows.flatMap((s) =>
      RULE_CODES.filter(() => g.next() < 0.06).map((ruleCode) => ({
        customerId: s.customerId,
        saleId: s.saleId,
        ruleCode,
        ruleVersion: 1,
        severity: g.pick(SEVERITIES),
        facts: {},
        status: g.pick(['open', 'approved', 'rejected', 'escalated', 'cleared', 'withdrawn'] as const),
        soldAt: s.soldAt,
        productCode: s.productCode,
        branchCode: s.branchCode,
      })),
    );
    await db.insert(complianceFindings).values(findings);
    await db.insert(complaints).values(
      rows
        .filter(() => g.next() < 0.15)
        .map((s, i) => ({
          customerId: s.customerId,
          complaintId: `GK${i}`,
          receivedAt: day(),
          category: g.pick(['mis_selling', 'service', 'fees']),
          saleId: g.next() < 0.8 ? s.saleId : null,
          campaignCode: g.next() < 0.3 ? g.pick(['C1', 'C2']) : null,
        })),
    );
    const alerts = {
      ...DEFAULT_COMPLIANCE_SETTINGS.alerts,
      mismatchRate: 0,
      mismatchMinSeverity: 'low' as const,
      coolingOffRate: 0,
      complaintsPer100mPremium: 0,
      complaintsPer10kPolicies: 0,
      persistency13m: 1,
      minSales: 1,
    };
    // Settings version 1 (the defaults) is seeded on first use; this one takes over from today.
    await t.app.get(ComplianceAlertService).evaluate({ reason: 'on-demand' });
    await db.insert(complianceRuleSets).values({ settings: { ...DEFAULT_COMPLIANCE_SETTINGS, alerts }, effectiveFrom: today });
    await t.app.get(ComplianceAlertService).evaluate({ reason: 'rules-changed' });
  });
  afterAll(async () => t?.close());

  it.each(ALERT_DIMENSIONS)('per %s', async (dimension) => {
    const figures = await t.app.get(ComplianceFiguresService).byDimension({ dimension, from: month, to: monthEnd });
    const { alerts } = await t.app.get(ComplianceAlertService).listAlerts({ dimension, status: 'active' });
    const raised = new Map(alerts.filter((a) => a.period === month).map((a) => [`${a.dimensionKey}|${a.metric}`, a.value]));
    const expected = new Map<string, number>();
    for (const row of figures.rows.filter((r) => r.sales > 0)) {
      const values: [AlertMetric, number | null][] = [
        ['mismatch_rate', row.mismatchRate],
        ['cooling_off_rate', row.coolingOffRate],
        ['complaints_per_100m_premium', row.complaintsPer100mPremium],
        ['complaints_per_10k_policies', row.complaintsPer10kPolicies],
      ];
      for (const [metric, value] of values) if (value !== null && value > 0) expected.set(`${row.key}|${metric}`, value);
    }
    expect(expected.size).toBeGreaterThan(4);
    expect(raised).toEqual(expected);
  });
});
