import { tableFromIPC } from 'apache-arrow';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplianceAlertService } from '@banca/compliance';
import {
  alertListResponseSchema,
  branchRuleHeatmapResponseSchema,
  dimensionFiguresResponseSchema,
  mismatchTrendResponseSchema,
} from '@banca/contracts';
import { complianceFindings, queryRows, sales } from '@banca/db';
import { monthStartBefore, ROLES, type Role } from '@banca/domain';
import { insertBranch, insertProduct, pseudonym } from '@banca/testing';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

const EVIL_NAME = '=HYPERLINK("http://evil")';

/**
 * Branch B1 (named like a spreadsheet formula) sold 20 annuities last month, two of them with a high
 * finding: a 10 % mismatch rate, over the 5 % threshold.
 */
describe('compliance figures and alerts over HTTP', () => {
  let api: TestApi;
  const tokens = {} as Record<Role, string>;
  let month: string;
  let period: string;

  beforeAll(async () => {
    api = await startTestApi({ runJobsInApi: true });
    for (const role of ROLES) {
      const user = await createTestUser(api, role, `figures-${role}`);
      tokens[role] = await loginToken(api, user.username, user.password);
    }
    const db = api.handle.db;
    const [{ today }] = (await queryRows<{ today: string }>(db, sql`SELECT CURRENT_DATE::text AS today`)) as [{ today: string }];
    month = monthStartBefore(today, 1);
    period = `from=${month}&to=${month.slice(0, 8)}28`;
    await insertBranch(db, { branchCode: 'B1', name: EVIL_NAME });
    await insertProduct(db, { productCode: 'PA', name: 'Golden Years annuity', category: 'participating_annuity', premiumMode: 'annual' });
    const sold = Array.from({ length: 20 }, (_, i) => ({
      customerId: pseudonym(`api-figures-${i}`),
      saleId: `B1-${i}`,
      productCode: 'PA',
      soldAt: `${month.slice(0, 8)}15`,
      amount: 10_000,
      branchCode: 'B1',
    }));
    await db.insert(sales).values(sold);
    await db.insert(complianceFindings).values(
      sold.slice(0, 2).map((s) => ({
        customerId: s.customerId,
        saleId: s.saleId,
        ruleCode: 'RISK_MISMATCH',
        ruleVersion: 1,
        severity: 'high',
        facts: { customerRiskLevel: 'C2', productRiskLevel: 'R3' },
        soldAt: s.soldAt,
        productCode: 'PA',
        branchCode: 'B1',
      })),
    );
    await api.app.get(ComplianceAlertService).evaluate({ reason: 'on-demand' });
  });
  afterAll(async () => api?.close());

  const get = (role: Role, path: string) => api.fetch(`/api/v1/compliance${path}`, { token: tokens[role] });

  it('serves the figures and alerts to managers, compliance and admins, and refuses marketing', async () => {
    const paths = ['/figures/mismatch-trend', '/figures/branch-rule-heatmap', '/figures/by-dimension?dimension=staff', '/alerts'];
    for (const path of paths) {
      for (const role of ['manager', 'compliance', 'admin'] as const) expect([path, role, (await get(role, path)).status]).toEqual([path, role, 200]);
      expect([path, (await get('marketing', path)).status]).toEqual([path, 403]);
      expect([path, (await api.fetch(`/api/v1/compliance${path}`)).status]).toEqual([path, 401]);
    }
  });

  it('answers each figure in its contract shape with the numbers of the sales', async () => {
    const trend = mismatchTrendResponseSchema.parse(await (await get('manager', `/figures/mismatch-trend?${period}`)).json());
    expect(trend.months).toHaveLength(1);
    expect(trend.months[0]).toMatchObject({ month, sales: 20, mismatchRate: 0.1 });

    const heatmap = branchRuleHeatmapResponseSchema.parse(await (await get('manager', `/figures/branch-rule-heatmap?${period}`)).json());
    expect(heatmap.branches.map((b) => [b.branchCode, b.branchName, b.sales, b.cells[0]])).toEqual([
      ['B1', EVIL_NAME, 20, { ruleCode: 'RISK_MISMATCH', findings: 2, rate: 0.1 }],
    ]);

    const byProduct = dimensionFiguresResponseSchema.parse(await (await get('manager', `/figures/by-dimension?dimension=product&${period}`)).json());
    expect(byProduct.rows).toMatchObject([{ key: 'PA', label: 'Golden Years annuity', sales: 20, salesWithFinding: 2, highFindings: 2, premium: 200_000 }]);

    const alerts = alertListResponseSchema.parse(await (await get('manager', '/alerts?dimension=branch&metric=mismatch_rate')).json());
    expect(alerts.alerts).toMatchObject([{ dimensionKey: 'B1', label: EVIL_NAME, period: month, value: 0.1, threshold: 0.05, status: 'active' }]);
    expect(alerts.lastEvaluatedAt).not.toBeNull();
  });

  it('refuses a period that ends before it starts, an unknown dimension and an unknown format, naming the field', async () => {
    for (const [path, field] of [
      ['/figures/mismatch-trend?from=2025-03-01&to=2025-02-01', 'to'],
      ['/figures/by-dimension', 'dimension'],
      ['/figures/by-dimension?dimension=region', 'dimension'],
      ['/alerts?format=xlsx', 'format'],
    ] as const) {
      const response = await get('compliance', path);
      expect([path, response.status]).toEqual([path, 400]);
      expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field } } });
    }
  });

  it('downloads the heatmap as CSV with formula cells neutralised', async () => {
    const response = await get('manager', `/figures/branch-rule-heatmap?${period}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="compliance-branch-rule-heatmap-${month}-${month.slice(0, 8)}28.csv"`);
    const lines = (await response.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('branch_code,branch_name,sales,rule_code,findings,rate');
    expect(lines).toHaveLength(1 + 14);
    expect(lines[1]).toBe(`B1,"'=HYPERLINK(""http://evil"")",20,RISK_MISMATCH,2,0.1`);

    const alerts = await get('compliance', '/alerts?format=csv');
    expect(alerts.headers.get('content-disposition')).toBe('attachment; filename="compliance-alerts.csv"');
    expect(await alerts.text()).toContain(`,branch,B1,"'=HYPERLINK(""http://evil"")",mismatch_rate,${month},0.1,0.05,above,20,1,active,`);
  });

  it('downloads figures and alerts as Arrow IPC streams that read back', async () => {
    const byBranch = await get('admin', `/figures/by-dimension?dimension=branch&${period}&format=arrow`);
    expect(byBranch.status).toBe(200);
    expect(byBranch.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await byBranch.arrayBuffer()));
    expect(table.toArray().map((r) => r.toJSON())).toEqual([
      {
        key: 'B1',
        label: EVIL_NAME,
        sales: 20,
        sales_with_finding: 2,
        mismatch_rate: 0.1,
        high_findings: 2,
        cooling_off_cancellations: 0,
        cooling_off_rate: 0,
        mis_selling_complaints: 0,
        premium: 200_000,
        complaints_per_100m_premium: 0,
        complaints_per_10k_policies: 0,
      },
    ]);

    const trend = tableFromIPC(new Uint8Array(await (await get('manager', `/figures/mismatch-trend?${period}&format=arrow`)).arrayBuffer()));
    expect(trend.numRows).toBe(1 + 4 + 14);
    expect(trend.get(0)!.toJSON()).toEqual({ month, breakdown: 'all', code: null, sales: 20, sales_with_finding: 2, rate: 0.1 });

    const alerts = tableFromIPC(new Uint8Array(await (await get('manager', '/alerts?status=active&dimension=product&format=arrow')).arrayBuffer()));
    expect(alerts.toArray().map((r) => [r.dimension_key, r.label, r.metric, r.value])).toEqual([['PA', 'Golden Years annuity', 'mismatch_rate', 0.1]]);
  });
});
