import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '@banca/audit';
import {
  complianceRuleSetListSchema,
  complianceScanListSchema,
  createComplianceRuleSetResponseSchema,
  enqueuedJobResponseSchema,
} from '@banca/contracts';
import { sql } from '@banca/db';
import { DEFAULT_COMPLIANCE_SETTINGS, ROLES, type Role } from '@banca/domain';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import { insertProduct, insertSale, insertSnapshot, pseudonym } from '@banca/testing';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

const READ = ['admin', 'manager', 'compliance'];
const SET = ['admin', 'compliance'];

/** Who may call each rules route (RULES.md roles: marketing has no access to compliance). */
const EXPECTED_ROLES: Record<string, string[]> = {
  'GET /api/v1/compliance/rule-sets': READ,
  'POST /api/v1/compliance/rule-sets': SET,
  'POST /api/v1/compliance/scans': SET,
  'GET /api/v1/compliance/scans': READ,
};

describe('compliance rule versions and scans over HTTP', () => {
  let api: TestApi;
  const tokens = {} as Record<Role, string>;
  const userIds = {} as Record<Role, string>;
  const customer = pseudonym('api-rules-1');

  beforeAll(async () => {
    api = await startTestApi({ runJobsInApi: true });
    for (const role of ROLES) {
      const user = await createTestUser(api, role, `rules-${role}`);
      userIds[role] = user.id;
      tokens[role] = await loginToken(api, user.username, user.password);
    }
    // a C2 customer holding an R3 wealth product: a mismatch under the defaults, none once C2 may buy R3
    await insertSnapshot(api.handle.db, { customerId: customer, asOf: '2024-01-01', riskLevel: 'C2' });
    const product = await insertProduct(api.handle.db, { category: 'wealth', riskLevel: 'R3', premiumMode: 'single' });
    await insertSale(api.handle.db, { customerId: customer, productCode: product.productCode, soldAt: '2025-03-01' });
  });
  afterAll(async () => api?.close());

  const call = (role: Role, method: string, path: string, json?: unknown) =>
    api.fetch(`/api/v1/compliance${path}`, { method, token: tokens[role], ...(json === undefined ? {} : { json }) });
  const jobDone = async (jobId: string) =>
    expect((await api.app.get<JobQueue>(JOB_QUEUE_TOKEN).waitFor(jobId, { timeoutMs: 60_000 })).state).toBe('completed');
  const findingsOf = () =>
    api.handle.rows<{ rule_code: string; rule_version: number; status: string }>(
      sql`SELECT rule_code, rule_version, status FROM compliance_findings WHERE customer_id = ${customer} ORDER BY rule_code`,
    );

  it('declares the intended roles on every rules route', async () => {
    const doc = (await (await api.fetch('/api/docs-json')).json()) as { paths: Record<string, Record<string, { 'x-banca-roles'?: string[] }>> };
    const mine = Object.keys(EXPECTED_ROLES);
    const declared = Object.fromEntries(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.entries(item)
          .map(([method, op]) => [`${method.toUpperCase()} ${path}`, [...(op['x-banca-roles'] ?? [])].sort()] as const)
          .filter(([key]) => mine.includes(key)),
      ),
    );
    expect(declared).toEqual(Object.fromEntries(Object.entries(EXPECTED_ROLES).map(([k, v]) => [k, [...v].sort()])));
  });

  it('lists the RULES.md defaults as version 1 to readers, not to marketing', async () => {
    for (const role of ['admin', 'manager', 'compliance'] as const) expect((await call(role, 'GET', '/rule-sets')).status).toBe(200);
    expect((await call('marketing', 'GET', '/rule-sets')).status).toBe(403);
    const listed = complianceRuleSetListSchema.parse(await (await call('manager', 'GET', '/rule-sets')).json());
    expect(listed).toMatchObject({ inForceVersion: 1, defaults: DEFAULT_COMPLIANCE_SETTINGS });
    expect(listed.versions).toMatchObject([{ version: 1, effectiveFrom: '1970-01-01', inForce: true, createdBy: null, settings: DEFAULT_COMPLIANCE_SETTINGS }]);
  });

  it('scans on demand for compliance and admins; the scan is listed with what it found', async () => {
    expect((await call('manager', 'POST', '/scans')).status).toBe(403);
    expect((await call('marketing', 'POST', '/scans')).status).toBe(403);
    const response = await call('compliance', 'POST', '/scans');
    expect(response.status).toBe(202);
    const { jobId } = enqueuedJobResponseSchema.parse(await response.json());
    await jobDone(jobId);
    expect(await findingsOf()).toEqual([{ rule_code: 'RISK_MISMATCH', rule_version: 1, status: 'open' }]);

    expect((await call('marketing', 'GET', '/scans')).status).toBe(403);
    const scans = complianceScanListSchema.parse(await (await call('manager', 'GET', '/scans')).json()).scans;
    expect(scans[0]).toMatchObject({ reason: 'on-demand', scope: 'all', runId: null, salesChecked: 1, findingsCreated: 1, findingsWithdrawn: 0 });
    const audit = await api.app.get(AuditService).history('compliance-scan', scans[0]!.id);
    expect(audit).toMatchObject([{ action: 'compliance-scan.complete', actorId: null }]);
  });

  it('adds a rule version for compliance and admins only, validated, audited, followed by a re-scan under it', async () => {
    const settings = { ...DEFAULT_COMPLIANCE_SETTINGS, riskGrid: { ...DEFAULT_COMPLIANCE_SETTINGS.riskGrid, C2: 'R3' } };
    const request = { settings, effectiveFrom: '2025-01-01', note: 'C2 may buy R3' };
    expect((await call('manager', 'POST', '/rule-sets', request)).status).toBe(403);
    expect((await call('marketing', 'POST', '/rule-sets', request)).status).toBe(403);

    const acrossFields = await call('compliance', 'POST', '/rule-sets', { ...request, settings: { ...settings, elderlyRegularPremiumAge: 70 } });
    expect(acrossFields.status).toBe(400);
    expect(await acrossFields.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'settings.elderlyRegularPremiumAge' } } });
    const outOfRange = await call('admin', 'POST', '/rule-sets', { ...request, settings: { ...settings, affordabilityRegularShare: 1.5 } });
    expect(outOfRange.status).toBe(400);
    const grid = await call('admin', 'POST', '/rule-sets', { ...request, settings: { ...settings, riskGrid: { ...settings.riskGrid, C3: 'R2' } } });
    expect(await grid.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'settings.riskGrid.C3' } } });

    const created = await call('compliance', 'POST', '/rule-sets', request);
    expect(created.status).toBe(201);
    const body = createComplianceRuleSetResponseSchema.parse(await created.json());
    expect(body.ruleSet).toMatchObject({ version: 2, effectiveFrom: '2025-01-01', note: 'C2 may buy R3', inForce: true, createdBy: userIds.compliance, settings });
    await jobDone(body.scanJobId);
    // the March 2025 sale is now checked under version 2: the mismatch is withdrawn, not deleted
    expect(await findingsOf()).toEqual([{ rule_code: 'RISK_MISMATCH', rule_version: 1, status: 'withdrawn' }]);
    const scans = complianceScanListSchema.parse(await (await call('admin', 'GET', '/scans')).json()).scans;
    expect(scans[0]).toMatchObject({ reason: 'rules-changed', scope: 'all', findingsWithdrawn: 1 });

    const audit = await api.app.get(AuditService).history('compliance-rule-set', '2');
    expect(audit).toMatchObject([{ action: 'compliance-rule-set.create', actorId: userIds.compliance, after: { version: 2, effectiveFrom: '2025-01-01' } }]);
    const listed = complianceRuleSetListSchema.parse(await (await call('admin', 'GET', '/rule-sets')).json());
    expect(listed.versions.map((v) => [v.version, v.inForce])).toEqual([
      [2, true],
      [1, false],
    ]);
  });
});
