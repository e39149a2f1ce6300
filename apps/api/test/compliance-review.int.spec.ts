import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '@banca/audit';
import {
  addEvidenceResponseSchema,
  bulkFindingDecisionResponseSchema,
  evidenceListResponseSchema,
  evidenceSchema,
  findingDetailSchema,
  findingListResponseSchema,
} from '@banca/contracts';
import { complianceFindings } from '@banca/db';
import { insertProduct, insertSale, insertSnapshot, pseudonym } from '@banca/testing';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

type Who = 'alice' | 'bob' | 'manager' | 'admin' | 'marketing';

describe('compliance review over HTTP', () => {
  let api: TestApi;
  const tokens = {} as Record<Who, string>;
  const ids = {} as Record<Who, string>;
  const customerId = pseudonym('http-review');
  let saleId: string;
  let high: string;
  let low: string;
  let affordability: string;

  beforeAll(async () => {
    api = await startTestApi({ runJobsInApi: true });
    const roles: Record<Who, 'compliance' | 'manager' | 'admin' | 'marketing'> = {
      alice: 'compliance',
      bob: 'compliance',
      manager: 'manager',
      admin: 'admin',
      marketing: 'marketing',
    };
    for (const [who, role] of Object.entries(roles) as [Who, (typeof roles)[Who]][]) {
      const user = await createTestUser(api, role, `review-${who}`);
      ids[who] = user.id;
      tokens[who] = await loginToken(api, user.username, user.password);
    }
    const db = api.handle.db;
    await insertSnapshot(db, { customerId, asOf: '2024-01-01' });
    const product = await insertProduct(db, { productCode: 'HTTP-P1' });
    saleId = (await insertSale(db, { customerId, productCode: product.productCode, soldAt: '2024-06-15' })).saleId;
    const base = { customerId, saleId, ruleVersion: 1, soldAt: '2024-06-15', productCode: 'HTTP-P1', facts: { note: 'x' } };
    const rows = await db
      .insert(complianceFindings)
      .values([
        { ...base, ruleCode: 'RISK_MISMATCH', severity: 'high', branchCode: '=HYPERLINK("http://evil")' },
        { ...base, ruleCode: 'DUPLICATE_COVER', severity: 'low' },
        { ...base, ruleCode: 'AFFORDABILITY_SINGLE', severity: 'medium' },
      ])
      .returning({ id: complianceFindings.id, ruleCode: complianceFindings.ruleCode });
    const byRule = Object.fromEntries(rows.map((r) => [r.ruleCode, r.id]));
    [high, low, affordability] = [byRule.RISK_MISMATCH!, byRule.DUPLICATE_COVER!, byRule.AFFORDABILITY_SINGLE!];
  });
  afterAll(async () => api?.close());

  const call = (who: Who, method: string, path: string, json?: unknown, headers?: Record<string, string>) =>
    api.fetch(`/api/v1/compliance${path}`, { method, token: tokens[who], headers, ...(json === undefined ? {} : { json }) });

  it('keeps marketing out of the queue: 403 on reads, decisions, evidence and exports', async () => {
    const attempts: [string, string, unknown?][] = [
      ['GET', '/findings'],
      ['GET', '/findings/export?format=csv'],
      ['GET', `/findings/${high}`],
      ['POST', `/findings/${high}/decisions`, { decision: 'reject', reason: 'marketing tries' }],
      ['POST', '/findings/bulk-decisions', { findingIds: [low], decision: 'approve', reason: 'marketing tries' }],
      ['GET', `/sales/${saleId}/evidence`],
      ['POST', `/sales/${saleId}/evidence`, { kind: 'declaration', reference: 'DOC-1' }],
    ];
    for (const [method, path, body] of attempts) {
      const response = await call('marketing', method, path, body);
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
    }
    expect(findingDetailSchema.parse(await (await call('alice', 'GET', `/findings/${high}`)).json()).finding.status).toBe('open');
  });

  it('lets a manager read the queue, a finding and the evidence, and refuses every change with 403', async () => {
    const list = findingListResponseSchema.parse(await (await call('manager', 'GET', '/findings?severity=high&productCode=HTTP-P1')).json());
    expect(list.items.map((i) => i.id)).toEqual([high]);
    expect(list.items[0]!.customerRef).toBe(customerId.slice(0, 12));
    const detail = findingDetailSchema.parse(await (await call('manager', 'GET', `/findings/${high}`)).json());
    expect(detail.allowedDecisions).toEqual([]);
    expect((await call('manager', 'GET', `/sales/${saleId}/evidence`)).status).toBe(200);
    expect((await call('admin', 'GET', `/findings/${high}`)).status).toBe(200);

    expect((await call('manager', 'POST', `/findings/${high}/decisions`, { decision: 'approve', reason: 'manager tries' })).status).toBe(403);
    expect((await call('manager', 'POST', '/findings/bulk-decisions', { findingIds: [low], decision: 'approve', reason: 'manager tries' })).status).toBe(403);
    expect((await call('manager', 'POST', `/sales/${saleId}/evidence`, { kind: 'declaration', reference: 'DOC-1' })).status).toBe(403);
    expect((await call('admin', 'POST', `/findings/${high}/decisions`, { decision: 'approve', reason: 'admin tries' })).status).toBe(403);
    expect((await call('alice', 'GET', `/findings/${high}`)).status).toBe(200);
  });

  it('enforces four eyes over HTTP and audits each step with the request id', async () => {
    const first = await call('alice', 'POST', `/findings/${high}/decisions`, { decision: 'approve', reason: 'justified: re-assessed' }, { 'x-request-id': 'req-first-approval' });
    expect(first.status).toBe(200);
    expect(findingDetailSchema.parse(await first.json()).finding.status).toBe('awaiting_second_approval');

    const again = await call('alice', 'POST', `/findings/${high}/decisions`, { decision: 'approve', reason: 'approving twice' });
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.stringMatching(/Four eyes/) } });

    const second = await call('bob', 'POST', `/findings/${high}/decisions`, { decision: 'approve', reason: 'second look agrees' }, { 'x-request-id': 'req-second-approval' });
    expect(second.status).toBe(200);
    const detail = findingDetailSchema.parse(await second.json());
    expect(detail.finding.status).toBe('approved');
    expect(detail.history.map((h) => [h.reviewerId, h.toStatus])).toEqual([
      [ids.alice, 'awaiting_second_approval'],
      [ids.bob, 'approved'],
    ]);

    const entries = await api.app.get(AuditService).history('compliance-finding', high);
    expect(entries.map((e) => [e.actorId, e.actorRole, e.action, e.before?.status, e.after?.status, e.requestId])).toEqual([
      [ids.alice, 'compliance', 'finding.first-approval', 'open', 'awaiting_second_approval', 'req-first-approval'],
      [ids.bob, 'compliance', 'finding.approve', 'awaiting_second_approval', 'approved', 'req-second-approval'],
    ]);
  });

  it('approves low findings in bulk and refuses a high one', async () => {
    const other = await api.handle.db
      .insert(complianceFindings)
      .values({ customerId, saleId, ruleCode: 'CONSENT_MISSING', ruleVersion: 1, severity: 'high', soldAt: '2024-06-15', productCode: 'HTTP-P1', facts: {} })
      .returning({ id: complianceFindings.id });
    const response = await call('alice', 'POST', '/findings/bulk-decisions', { findingIds: [low, other[0]!.id], decision: 'approve', reason: 'agreed in the weekly review' });
    expect(response.status).toBe(200);
    const outcome = bulkFindingDecisionResponseSchema.parse(await response.json());
    expect(outcome.decided).toEqual([{ id: low, status: 'approved' }]);
    expect(outcome.refused).toEqual([{ id: other[0]!.id, reason: expect.stringMatching(/high-severity/) }]);
  });

  it('attaches a declaration that clears AFFORDABILITY_SINGLE and lists it on the sale', async () => {
    const response = await call('bob', 'POST', `/sales/${saleId}/evidence`, { kind: 'declaration', reference: 'DECL-HTTP-1' });
    expect(response.status).toBe(201);
    const added = addEvidenceResponseSchema.parse(await response.json());
    expect(added.clearedFindingIds).toEqual([affordability]);
    const listed = evidenceListResponseSchema.parse(await (await call('manager', 'GET', `/sales/${saleId}/evidence`)).json());
    expect(listed.evidence.map((e) => e.reference)).toEqual(['DECL-HTTP-1']);
    expect(findingDetailSchema.parse(await (await call('alice', 'GET', `/findings/${affordability}`)).json()).finding.status).toBe('cleared');

    expect((await call('manager', 'POST', `/evidence/${added.evidence.id}/revoke`, { reason: 'manager tries' })).status).toBe(403);
    const revoked = await call('alice', 'POST', `/evidence/${added.evidence.id}/revoke`, { reason: 'signed by the wrong person' });
    expect(revoked.status).toBe(200);
    expect(evidenceSchema.parse(await revoked.json()).revokedAt).toEqual(expect.any(String));
  });

  it('exports the queue as CSV with a cell starting with "=" neutralised, and as Arrow', async () => {
    const csvResponse = await call('manager', 'GET', '/findings/export?format=csv&productCode=HTTP-P1&severity=high');
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csvResponse.headers.get('content-disposition')).toContain('compliance-findings.csv');
    const csv = await csvResponse.text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv).not.toContain(customerId);

    const arrowResponse = await call('admin', 'GET', '/findings/export?format=arrow&productCode=HTTP-P1');
    expect(arrowResponse.status).toBe(200);
    const table = tableFromIPC(new Uint8Array(await arrowResponse.arrayBuffer()));
    expect(table.numRows).toBeGreaterThanOrEqual(3);
  });

  it('answers 400 for a finding id that is not a uuid and 404 for an unknown one', async () => {
    expect((await call('alice', 'GET', '/findings/not-a-uuid')).status).toBe(400);
    expect((await call('alice', 'GET', '/findings/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await call('alice', 'GET', '/sales/NO-SUCH-SALE/evidence')).status).toBe(404);
  });
});
