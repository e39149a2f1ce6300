import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignListSchema, campaignMetricsSchema, overviewResponseSchema } from '@banca/contracts';
import { campaignFigures, campaignRollupState, campaigns } from '@banca/db';
import { ROLES, type Role } from '@banca/domain';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

const REFRESHED = '2025-04-02T06:00:00.000Z';
const EVIL_STAFF = '=1+1';

/** One running campaign whose rollup rows are written straight into the tables (as the refresh job leaves them). */
describe('campaign metrics over HTTP', () => {
  let api: TestApi;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    api = await startTestApi({ runJobsInApi: true });
    for (const role of ROLES) {
      const user = await createTestUser(api, role, `campaign-metrics-${role}`);
      tokens[role] = await loginToken(api, user.username, user.password);
    }
    const db = api.handle.db;
    await db.insert(campaigns).values({
      campaignCode: 'SPRING-25',
      name: 'Spring pension push',
      status: 'running',
      startDate: '2025-03-03',
      endDate: '2025-03-16',
      productCodes: ['PA'],
      holdoutShare: 0.1,
      audienceStatus: 'built',
      launchedAt: new Date('2025-03-01T09:00:00Z'),
    });
    await db.insert(campaignFigures).values([
      { campaignCode: 'SPRING-25', dimension: 'total', key: '', arm: 'treatment', customers: 900, converted: 180 },
      { campaignCode: 'SPRING-25', dimension: 'total', key: '', arm: 'holdout', customers: 100, converted: 10 },
      { campaignCode: 'SPRING-25', dimension: 'staff', key: EVIL_STAFF, arm: 'treatment', customers: 900, converted: 40 },
    ]);
    await db.insert(campaignRollupState).values({ campaignCode: 'SPRING-25', refreshedAt: new Date(REFRESHED), reason: 'on-demand', durationMs: 3, members: 1_000 });
  });
  afterAll(async () => api?.close());

  const get = (role: Role | null, path: string) => api.fetch(`/api/v1/campaigns${path}`, role === null ? {} : { token: tokens[role] });

  it('serves every figure to every role, each saying when its rollup was refreshed', async () => {
    const paths = ['', '/overview', '/SPRING-25/metrics', '/SPRING-25/metrics/breakdown?by=staff', '/SPRING-25/metrics/trend?grain=month', '/SPRING-25/metrics/retention'];
    for (const path of paths) {
      for (const role of ROLES) expect([path, role, (await get(role, path)).status]).toEqual([path, role, 200]);
      expect([path, (await get(null, path)).status]).toEqual([path, 401]);
      const body = (await (await get('manager', path)).json()) as Record<string, unknown> & { items?: Record<string, unknown>[] };
      const refreshedAt = path === '' ? body.items?.[0]?.['refreshedAt'] : body['refreshedAt'];
      expect([path, refreshedAt]).toEqual([path, REFRESHED]);
    }
  });

  it('answers in the contract shapes', async () => {
    const metrics = campaignMetricsSchema.parse(await (await get('marketing', '/SPRING-25/metrics')).json());
    expect(metrics.uplift!.points).toBeCloseTo(0.1, 12);
    expect(metrics.sampleRatio?.flagged).toBe(false);
    const list = campaignListSchema.parse(await (await get('compliance', '?status=running')).json());
    expect(list.items.map((i) => [i.code, i.treatment, i.holdout])).toEqual([['SPRING-25', 900, 100]]);
    const overview = overviewResponseSchema.parse(await (await get('manager', '/overview?scope=all')).json());
    expect(overview.campaigns).toBe(1);
  });

  it('routes the fixed paths before a campaign code and answers 404 for an unknown campaign', async () => {
    expect((await get('manager', '/NOPE/metrics')).status).toBe(404);
    expect((await get('manager', '/NOPE/metrics/trend')).status).toBe(404);
  });

  it('refuses an unknown dimension, grain and format, naming the field', async () => {
    for (const [path, field] of [
      ['/SPRING-25/metrics/breakdown', 'by'],
      ['/SPRING-25/metrics/breakdown?by=colour', 'by'],
      ['/SPRING-25/metrics/trend?grain=year', 'grain'],
      ['/SPRING-25/metrics/retention?format=xlsx', 'format'],
      ['/overview?scope=some', 'scope'],
    ] as const) {
      const response = await get('manager', path);
      expect([path, response.status]).toEqual([path, 400]);
      expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field } } });
    }
  });

  it('downloads a breakdown as formula-safe CSV and as Arrow, and the list as CSV', async () => {
    const csv = await get('manager', '/SPRING-25/metrics/breakdown?by=staff&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="campaign-SPRING-25-by-staff.csv"');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]!.startsWith(`'=1+1,${40 / 900},`)).toBe(true);

    const arrow = await get('manager', '/SPRING-25/metrics/breakdown?by=staff&format=arrow');
    expect(arrow.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await arrow.arrayBuffer()));
    expect(table.getChild('key')!.toArray()).toEqual([EVIL_STAFF]);
    expect(table.getChild('conversion_treatment')!.toArray()).toEqual(Float64Array.from([40 / 900]));

    const list = await get('manager', '?format=csv');
    expect(list.headers.get('content-disposition')).toBe('attachment; filename="campaigns.csv"');
    expect(await list.text()).toContain(`SPRING-25,Spring pension push,platform,running,`);
  });

  it('lets planners refresh the rollups on demand (202 with the job) and no one else', async () => {
    for (const role of ['manager', 'compliance'] as const) {
      expect((await api.fetch('/api/v1/campaigns/rollups/refresh', { method: 'POST', token: tokens[role], json: {} })).status).toBe(403);
    }
    const response = await api.fetch('/api/v1/campaigns/rollups/refresh', { method: 'POST', token: tokens.marketing, json: { campaignCodes: ['SPRING-25'] } });
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    expect(jobId).toMatch(/^campaigns:/);
    expect((await api.app.get<JobQueue>(JOB_QUEUE_TOKEN).waitFor(jobId, { timeoutMs: 30_000 })).state).toBe('completed');
    // The job recomputed SPRING-25 from the raw tables (it has no audience members there): a new refresh time.
    const after = campaignMetricsSchema.parse(await (await get('manager', '/SPRING-25/metrics')).json());
    expect(after.refreshedAt! > REFRESHED).toBe(true);
    const bad = await api.fetch('/api/v1/campaigns/rollups/refresh', { method: 'POST', token: tokens.admin, json: { campaignCodes: 'SPRING-25' } });
    expect(bad.status).toBe(400);
  });
});
