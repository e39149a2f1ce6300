import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '@banca/audit';
import {
  createTierRuleSetResponseSchema,
  enqueuedJobResponseSchema,
  segmentListSchema,
  segmentPreviewResponseSchema,
  segmentSchema,
  tierRuleSetListSchema,
} from '@banca/contracts';
import { customers } from '@banca/db';
import { ROLES, type Role } from '@banca/domain';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

const READ = ['admin', 'marketing', 'manager', 'compliance'];

/** Who may call each segmentation route (the route walk checks the declared roles are enforced). */
const EXPECTED_ROLES: Record<string, string[]> = {
  'GET /api/v1/segments/tiers': READ,
  'GET /api/v1/segments/tiers/breakdown': READ,
  'GET /api/v1/segments/tiers/migration': READ,
  'GET /api/v1/segments/tier-rules': READ,
  'POST /api/v1/segments/tier-rules': ['admin'],
  'POST /api/v1/segments/retier': ['admin', 'marketing'],
  'GET /api/v1/segments/penetration': READ,
  'GET /api/v1/segments/completeness': READ,
  'GET /api/v1/segments/consent': READ,
  'POST /api/v1/segments/preview': READ,
  'GET /api/v1/segments': READ,
  'POST /api/v1/segments': ['admin', 'marketing'],
  'GET /api/v1/segments/{id}/members.csv': READ,
  'GET /api/v1/segments/{id}/members.arrow': READ,
  'GET /api/v1/segments/{id}': READ,
  'PUT /api/v1/segments/{id}': ['admin', 'marketing'],
  'DELETE /api/v1/segments/{id}': ['admin', 'marketing'],
};

const hex = (n: number) => n.toString(16).padStart(64, '0');

describe('segments over HTTP', () => {
  let api: TestApi;
  const tokens = {} as Record<Role, string>;
  const userIds = {} as Record<Role, string>;

  beforeAll(async () => {
    api = await startTestApi({ runJobsInApi: true });
    for (const role of ROLES) {
      const user = await createTestUser(api, role, `seg-${role}`);
      userIds[role] = user.id;
      tokens[role] = await loginToken(api, user.username, user.password);
    }
    await api.handle.db.insert(customers).values([
      { customerId: hex(1), region: '=HYPERLINK("http://evil")', branchCode: 'B1', investableAssets: 6_000_000, consentDataSharing: true, asOf: '2025-06-30' },
      { customerId: hex(2), region: 'Beijing', branchCode: '@B2', investableAssets: 600_000, consentDataSharing: true, asOf: '2025-06-30' },
      { customerId: hex(3), region: 'Beijing', branchCode: 'B1', investableAssets: 700_000, consentDataSharing: false, asOf: '2025-06-30' },
      { customerId: hex(4), region: 'Beijing', branchCode: 'B1', investableAssets: 100, consentDataSharing: true, asOf: '2025-06-30' },
    ]);
  });
  afterAll(async () => api?.close());

  const call = (role: Role, method: string, path: string, json?: unknown) =>
    api.fetch(`/api/v1/segments${path}`, { method, token: tokens[role], ...(json === undefined ? {} : { json }) });

  async function jobDone(jobId: string) {
    expect((await api.app.get<JobQueue>(JOB_QUEUE_TOKEN).waitFor(jobId, { timeoutMs: 60_000 })).state).toBe('completed');
  }

  it('declares the intended roles on every segmentation route', async () => {
    const doc = (await (await api.fetch('/api/docs-json')).json()) as { paths: Record<string, Record<string, { 'x-banca-roles'?: string[] }>> };
    const declared = Object.fromEntries(
      Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/api/v1/segments'))
        .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, [...(op['x-banca-roles'] ?? [])].sort()])),
    );
    expect(declared).toEqual(Object.fromEntries(Object.entries(EXPECTED_ROLES).map(([k, v]) => [k, [...v].sort()])));
  });

  it('versions tier rules: only an admin adds one, validated, audited, followed by a re-tier', async () => {
    const listed = tierRuleSetListSchema.parse(await (await call('compliance', 'GET', '/tier-rules')).json());
    expect(listed.versions).toMatchObject([{ version: 1, effectiveFrom: '1970-01-01', inForce: true, createdBy: null }]);

    const thresholds = { hnwInvestableAssets: 650_000, middleHouseholdIncome: 200_000, middleInvestableAssets: 500_000 };
    expect((await call('marketing', 'POST', '/tier-rules', { thresholds, effectiveFrom: '2025-01-01' })).status).toBe(403);
    const invalid = await call('admin', 'POST', '/tier-rules', { thresholds: { ...thresholds, hnwInvestableAssets: 500_000 }, effectiveFrom: '2025-01-01' });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'thresholds.hnwInvestableAssets' } } });

    const created = await call('admin', 'POST', '/tier-rules', { thresholds, effectiveFrom: '2025-01-01', note: 'affluent threshold lowered' });
    expect(created.status).toBe(201);
    const body = createTierRuleSetResponseSchema.parse(await created.json());
    expect(body.ruleSet).toMatchObject({ version: 2, thresholds, effectiveFrom: '2025-01-01', inForce: true, createdBy: userIds.admin });
    await jobDone(body.retierJobId);
    const counts = (await (await call('manager', 'GET', '/tiers')).json()) as { tiers: { tier: string; customers: number }[]; ruleVersion: number };
    expect(counts.ruleVersion).toBe(2);
    expect(counts.tiers).toEqual([{ tier: 'hnw', customers: 2 }, { tier: 'middle', customers: 1 }, { tier: 'basic', customers: 1 }]);
    const audit = await api.app.get(AuditService).history('tier-rule-set', '2');
    expect(audit).toMatchObject([{ action: 'tier-rule-set.create', actorId: userIds.admin, after: { version: 2, effectiveFrom: '2025-01-01' } }]);
  });

  it('re-tiers on demand for marketing and admins, returning the job id', async () => {
    const response = await call('marketing', 'POST', '/retier');
    expect(response.status).toBe(202);
    await jobDone(enqueuedJobResponseSchema.parse(await response.json()).jobId);
    expect((await call('manager', 'POST', '/retier')).status).toBe(403);
  });

  it('saves, reads, edits and deletes segments, each change audited; managers and compliance only read', async () => {
    const rule = { all: [{ field: 'tier', op: 'eq', value: 'hnw' }, { field: 'region', op: 'in', values: ['Beijing'] }] };
    expect((await call('compliance', 'POST', '', { name: 'Beijing HNW', rule })).status).toBe(403);
    const created = await call('marketing', 'POST', '', { name: 'Beijing HNW', description: 'trust + annuity', rule });
    expect(created.status).toBe(201);
    const segment = segmentSchema.parse(await created.json());
    expect(segment).toMatchObject({ name: 'Beijing HNW', rule, createdBy: userIds.marketing });

    expect(segmentListSchema.parse(await (await call('compliance', 'GET', '')).json()).segments.map((s) => s.id)).toContain(segment.id);
    expect(segmentSchema.parse(await (await call('manager', 'GET', `/${segment.id}`)).json())).toEqual(segment);

    const edited = { name: 'Beijing HNW and middle', rule: { all: [{ field: 'tier', op: 'in', values: ['hnw', 'middle'] }] } };
    expect((await call('manager', 'PUT', `/${segment.id}`, edited)).status).toBe(403);
    const updated = segmentSchema.parse(await (await call('admin', 'PUT', `/${segment.id}`, edited)).json());
    expect(updated).toMatchObject({ ...edited, description: null, createdAt: segment.createdAt });

    expect((await call('compliance', 'DELETE', `/${segment.id}`)).status).toBe(403);
    expect((await call('marketing', 'DELETE', `/${segment.id}`)).status).toBe(204);
    expect((await call('admin', 'GET', `/${segment.id}`)).status).toBe(404);
    expect((await call('admin', 'DELETE', `/${segment.id}`)).status).toBe(404);
    expect((await call('admin', 'GET', '/not-a-uuid')).status).toBe(400);

    const history = await api.app.get(AuditService).history('segment', segment.id);
    expect(history.map((h) => [h.action, h.actorId])).toEqual([
      ['segment.create', userIds.marketing],
      ['segment.update', userIds.admin],
      ['segment.delete', userIds.marketing],
    ]);
    expect(history[1]).toMatchObject({ before: { name: 'Beijing HNW' }, after: { name: 'Beijing HNW and middle' } });
  });

  it('refuses an invalid rule with the path of the problem in the tree', async () => {
    const response = await call('marketing', 'POST', '', { name: 'Broken', rule: { all: [{ any: [{ field: 'salary', op: 'gt', value: 1 }] }] } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field: 'rule.all.0.any.0.field' } } });
  });

  it('previews a rule for every reading role: consenting members, those excluded for consent, pseudonym prefixes', async () => {
    const response = await call('compliance', 'POST', '/preview', { rule: { field: 'investableAssets', op: 'gte', value: 600_000 } });
    expect(response.status).toBe(200);
    const preview = segmentPreviewResponseSchema.parse(await response.json());
    expect(preview).toMatchObject({ members: 2, excludedWithoutConsent: 1 });
    expect(preview.sample.map((m) => m.customerRef)).toEqual([hex(1).slice(0, 12), hex(2).slice(0, 12)]);
    expect(JSON.stringify(preview)).not.toContain(hex(1));
  });

  it('exports members as formula-safe CSV and as an Arrow IPC stream', async () => {
    const created = await call('marketing', 'POST', '', { name: 'Affluent', rule: { field: 'investableAssets', op: 'gte', value: 600_000 } });
    const { id } = segmentSchema.parse(await created.json());

    const csv = await call('manager', 'GET', `/${id}/members.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="segment-${id}-members.csv"`);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^${hex(1)},hnw,"'=HYPERLINK\\(""http://evil""\\)",B1,`));
    expect(lines[2]).toMatch(new RegExp(`^${hex(2)},middle,Beijing,'@B2,`));

    const arrow = await call('compliance', 'GET', `/${id}/members.arrow`);
    expect(arrow.status).toBe(200);
    expect(arrow.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await arrow.arrayBuffer()));
    expect(table.toArray().map((r) => r.toJSON())).toMatchObject([
      { customer_id: hex(1), tier: 'hnw', region: '=HYPERLINK("http://evil")', investable_assets: 6_000_000 },
      { customer_id: hex(2), tier: 'middle', branch_code: '@B2' },
    ]);
    expect((await call('admin', 'GET', `/${hex(9).slice(0, 8)}-0000-4000-8000-000000000000/members.csv`)).status).toBe(404);
  });

  it('serves the dashboard figures to reading roles', async () => {
    for (const path of ['/tiers/breakdown?by=branch', '/tiers/migration?from=2025-01-01&to=2025-06-30', '/penetration?at=2025-06-30', '/completeness', '/consent']) {
      const response = await call('manager', 'GET', path);
      expect([path, response.status]).toEqual([path, 200]);
    }
    const bad = await call('manager', 'GET', '/tiers/migration?from=2025-06-30&to=2025-01-01');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { details: { field: 'to' } } });
  });
});
