import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignsModule } from '@banca/campaigns';
import { complaints, complianceAlerts, complianceFindings, complianceRuleSets, queryRows, sales } from '@banca/db';
import { DEFAULT_COMPLIANCE_SETTINGS, monthStartBefore, type RuleCode, type Severity } from '@banca/domain';
import { IngestionModule } from '@banca/ingestion';
import { SegmentationModule } from '@banca/segmentation';
import { createFeatureTestApp, insertBranch, insertProduct, pseudonym, type FeatureTestApp } from '@banca/testing';
import { ComplianceAlertService } from './compliance-alert.service';
import { ComplianceFiguresModule } from './compliance-figures.module';

type SaleRow = typeof sales.$inferInsert;

/**
 * Branches against the RULES.md default thresholds (minSales 20; mismatch rate 5 % counting medium and
 * high findings; cooling-off rate 5 %; complaints per 10,000 policies 0.26 and per 100 million CNY
 * premium 1.43; 13-month persistency 85 %). Each branch sells its own product, so the product figures
 * mirror the branch figures.
 *
 * Recent month R (two months ago):
 * - AT: 20 sales, one with a medium finding (5 %: at the threshold), one with a low finding (below the
 *   minimum severity), one cancelled in cooling-off (5 %): no alert.
 * - OVER: 20 sales, a high and a medium finding on two sales (10 %), two cooling-off cancellations (10 %),
 *   one complaint: alerts on all four ceilings.
 * - FEW: 19 sales, ten with high findings: below minSales, no alert.
 * - YOUNG: 20 regular-premium sales all lapsed: too recent for persistency, no alert.
 * Old month P (fifteen months ago; 13 months after it is R):
 * - KEPT: 20 regular-premium sales, 16 active, one lapsed the day after its 13-month date, three lapsed on
 *   it: 17 / 20 = 85 %, at the target, no alert.
 * - LOST: 20 regular-premium sales, 16 active and four lapsed on their 13-month date: 80 %, an alert.
 */
describe('compliance alerts against the thresholds in force', () => {
  let t: FeatureTestApp;
  let alerts: ComplianceAlertService;
  let today: string;
  let recent: string;
  let old: string;
  const findingIds: Record<string, string> = {};

  const customer = (saleId: string) => pseudonym(`alerts-${saleId}`);
  const day = (monthStart: string, d: string) => `${monthStart.slice(0, 8)}${d}`;

  function branchSales(branch: string, count: number, soldAt: string, statuses: { status: string; statusAt: string | null }[] = []): SaleRow[] {
    return Array.from({ length: count }, (_, i) => ({
      customerId: customer(`${branch}-${i}`),
      saleId: `${branch}-${i}`,
      productCode: `P-${branch}`,
      soldAt,
      amount: 10_000,
      branchCode: branch,
      status: statuses[i]?.status ?? 'active',
      statusAt: statuses[i]?.statusAt ?? null,
    }));
  }

  function finding(s: SaleRow, ruleCode: RuleCode, severity: Severity) {
    return {
      customerId: s.customerId,
      saleId: s.saleId,
      ruleCode,
      ruleVersion: 1,
      severity,
      facts: {},
      soldAt: s.soldAt,
      productCode: s.productCode,
      branchCode: s.branchCode ?? null,
    };
  }

  const listed = async (dimension: 'branch' | 'product') =>
    (await alerts.listAlerts({ dimension })).alerts.map((a) => [a.dimensionKey, a.metric, a.period, a.value, a.status]).sort();

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceFiguresModule, CampaignsModule] });
    alerts = t.app.get(ComplianceAlertService);
    const db = t.handle.db;
    [{ today }] = await queryRows<{ today: string }>(db, sql`SELECT CURRENT_DATE::text AS today`) as [{ today: string }];
    recent = monthStartBefore(today, 2);
    old = monthStartBefore(today, 15);
    const thirteenMonthsOn = day(recent, '10');
    const dayAfter = day(recent, '11');

    for (const branch of ['AT', 'OVER', 'FEW', 'YOUNG', 'KEPT', 'LOST']) {
      await insertBranch(db, { branchCode: branch, name: `Branch ${branch}` });
      await insertProduct(db, { productCode: `P-${branch}`, name: `Annuity of ${branch}`, category: 'participating_annuity', premiumMode: 'annual' });
    }
    const cooled = { status: 'cancelled_cooling_off', statusAt: day(recent, '12') };
    const lapsed = (statusAt: string) => ({ status: 'lapsed', statusAt });
    const at = branchSales('AT', 20, day(recent, '05'), [cooled]);
    const over = branchSales('OVER', 20, day(recent, '05'), [cooled, cooled]);
    const few = branchSales('FEW', 19, day(recent, '05'));
    const young = branchSales('YOUNG', 20, day(recent, '05'), Array(20).fill(lapsed(day(recent, '20'))));
    const kept = branchSales('KEPT', 20, day(old, '10'), [lapsed(dayAfter), ...Array(3).fill(lapsed(thirteenMonthsOn))]);
    const lost = branchSales('LOST', 20, day(old, '10'), Array(4).fill(lapsed(thirteenMonthsOn)));
    await db.insert(sales).values([...at, ...over, ...few, ...young, ...kept, ...lost]);

    const inserted = await db
      .insert(complianceFindings)
      .values([
        finding(at[3]!, 'AFFORDABILITY_REGULAR', 'medium'),
        finding(at[4]!, 'AFFORDABILITY_HORIZON', 'low'),
        finding(over[3]!, 'RISK_MISMATCH', 'high'),
        finding(over[4]!, 'AFFORDABILITY_REGULAR', 'medium'),
        ...few.slice(0, 10).map((s) => finding(s, 'RISK_MISMATCH', 'high')),
      ])
      .returning({ id: complianceFindings.id, saleId: complianceFindings.saleId });
    for (const f of inserted) findingIds[f.saleId] = f.id;
    await db.insert(complaints).values({ customerId: over[5]!.customerId, complaintId: 'K-OVER', receivedAt: day(recent, '15'), category: 'service', saleId: over[5]!.saleId });
  });
  afterAll(async () => t?.close());

  it('raises an alert just beyond a threshold and none at it, below minSales, or for persistency too recent to judge', async () => {
    const outcome = await alerts.evaluate({ reason: 'on-demand' });
    expect(outcome).toMatchObject({ raised: 10, stillOver: 0, resolved: 0, ruleVersion: 1, today, windowStart: monthStartBefore(today, 23) });
    const expected = [
      ['LOST', 'persistency_13m', old, 0.8, 'active'],
      ['OVER', 'complaints_per_100m_premium', recent, 500, 'active'],
      ['OVER', 'complaints_per_10k_policies', recent, 500, 'active'],
      ['OVER', 'cooling_off_rate', recent, 0.1, 'active'],
      ['OVER', 'mismatch_rate', recent, 0.1, 'active'],
    ];
    expect(await listed('branch')).toEqual(expected);
    expect(await listed('product')).toEqual(expected.map(([key, ...rest]) => [`P-${key as string}`, ...rest]));

    const persistency = (await alerts.listAlerts({ metric: 'persistency_13m', dimension: 'branch' })).alerts[0]!;
    expect(persistency).toMatchObject({ label: 'Branch LOST', threshold: 0.85, direction: 'below', sales: 20, ruleVersion: 1, resolvedAt: null });
    const mismatch = (await alerts.listAlerts({ metric: 'mismatch_rate', dimension: 'branch' })).alerts[0]!;
    expect(mismatch).toMatchObject({ dimensionKey: 'OVER', label: 'Branch OVER', threshold: 0.05, direction: 'above', sales: 20 });
  });

  it('re-evaluating changes no alert but its evaluation time, and never duplicates one', async () => {
    const before = (await alerts.listAlerts({})).alerts;
    const outcome = await alerts.evaluate({ reason: 'scan' });
    expect(outcome).toMatchObject({ raised: 0, stillOver: 10, resolved: 0 });
    const after = await alerts.listAlerts({});
    expect(after.alerts).toHaveLength(10);
    expect(after.alerts.map((a) => [a.id, a.firstDetectedAt, a.value])).toEqual(before.map((a) => [a.id, a.firstDetectedAt, a.value]));
    expect(after.alerts.every((a, i) => a.lastEvaluatedAt > before[i]!.lastEvaluatedAt)).toBe(true);
    expect(after.lastEvaluatedAt).toBe(after.alerts[0]!.lastEvaluatedAt);
  });

  it('resolves an alert once its figure is back within the threshold, and raises it again with its first detection kept', async () => {
    const [first] = (await alerts.listAlerts({ metric: 'mismatch_rate', dimension: 'branch' })).alerts;
    await t.handle.db.execute(sql`UPDATE compliance_findings SET status = 'withdrawn' WHERE id = ${findingIds['OVER-3']!}`);

    expect(await alerts.evaluate({ reason: 'scan' })).toMatchObject({ raised: 0, stillOver: 8, resolved: 2 });
    const resolved = (await alerts.listAlerts({ metric: 'mismatch_rate', dimension: 'branch' })).alerts[0]!;
    expect(resolved).toMatchObject({ id: first!.id, status: 'resolved', value: 0.1, firstDetectedAt: first!.firstDetectedAt });
    expect(resolved.resolvedAt).not.toBeNull();
    expect((await alerts.listAlerts({ status: 'active' })).alerts).toHaveLength(8);
    expect((await alerts.listAlerts({ status: 'resolved' })).alerts.map((a) => [a.dimensionKey, a.metric])).toEqual([
      ['OVER', 'mismatch_rate'],
      ['P-OVER', 'mismatch_rate'],
    ]);

    await t.handle.db.execute(sql`UPDATE compliance_findings SET status = 'open' WHERE id = ${findingIds['OVER-3']!}`);
    expect(await alerts.evaluate({ reason: 'scan' })).toMatchObject({ raised: 0, stillOver: 10, resolved: 0 });
    const again = (await alerts.listAlerts({ metric: 'mismatch_rate', dimension: 'branch' })).alerts[0]!;
    expect(again).toMatchObject({ id: first!.id, status: 'active', resolvedAt: null, firstDetectedAt: first!.firstDetectedAt });
    expect(await t.handle.db.$count(complianceAlerts)).toBe(10);
  });

  it('exports the alert list as formula-safe CSV', async () => {
    const file = await alerts.exportAlerts({ status: 'active', dimension: 'branch', metric: 'persistency_13m' }, 'csv');
    expect(file.fileName).toBe('compliance-alerts.csv');
    let text = '';
    for await (const chunk of file.body) text += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
    const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,dimension,dimension_key,label,metric,period,value,threshold,direction,sales,rule_version,status,first_detected_at,last_evaluated_at,resolved_at');
    expect(lines[1]).toMatch(new RegExp(`^[0-9a-f-]{36},branch,LOST,Branch LOST,persistency_13m,${old},0.8,0.85,below,20,1,active,`));
  });

  it('judges by the settings version in force today: a higher bar resolves, a lower sales minimum raises', async () => {
    const settings = { ...DEFAULT_COMPLIANCE_SETTINGS, alerts: { ...DEFAULT_COMPLIANCE_SETTINGS.alerts, mismatchRate: 0.1, minSales: 19 } };
    const [created] = await t.handle.db.insert(complianceRuleSets).values({ settings, effectiveFrom: today, note: 'branch pilot' }).returning();
    expect(created!.version).toBe(2);

    expect(await alerts.evaluate({ reason: 'rules-changed' })).toMatchObject({ ruleVersion: 2, raised: 2, stillOver: 8, resolved: 2 });
    const mismatch = (await alerts.listAlerts({ metric: 'mismatch_rate', dimension: 'branch' })).alerts;
    expect(mismatch.map((a) => [a.dimensionKey, a.status, a.value, a.threshold, a.sales, a.ruleVersion])).toEqual([
      ['FEW', 'active', 10 / 19, 0.1, 19, 2],
      ['OVER', 'resolved', 0.1, 0.05, 20, 1],
    ]);
  });
});
