import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSchema, launchCampaignResponseSchema, recordOutcomeResponseSchema, spendListSchema } from '@banca/contracts';
import { customerTiers } from '@banca/db';
import type { Role } from '@banca/domain';
import { pseudonymise } from '@banca/ingestion';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import { insertProduct, insertSnapshot } from '@banca/testing';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

const REGION = 'http-planning';
const RAW_IDS = ['HTTP-RAW-001', 'HTTP-RAW-002', 'HTTP-RAW-003'];

/** Plan, edit, launch, spend and outcomes over HTTP: status codes, roles, contract shapes, error envelopes. */
describe('campaign planning over HTTP', () => {
  let api: TestApi;
  let product: string;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    api = await startTestApi({ runJobsInApi: true });
    for (const role of ['marketing', 'manager'] as const) {
      const user = await createTestUser(api, role, `campaign-planning-${role}`);
      tokens[role] = await loginToken(api, user.username, user.password);
    }
    const db = api.handle.db;
    product = (await insertProduct(db, { category: 'whole_life', riskLevel: 'R1' })).productCode;
    for (const raw of RAW_IDS) {
      const customerId = pseudonymise(raw, api.config.pseudonymKey);
      await insertSnapshot(db, { customerId, region: REGION, asOf: '2025-01-01' });
      await db.insert(customerTiers).values({ customerId, tier: 'basic', ruleVersion: 1, asOf: '2025-01-01' });
    }
  });
  afterAll(async () => api?.close());

  const call = (role: Role, method: string, path: string, json?: unknown) =>
    api.fetch(`/api/v1${path}`, { method, token: tokens[role], ...(json === undefined ? {} : { json }) });
  const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

  it('creates a draft (201), refuses it to a manager (403), and answers it to a manager (200)', async () => {
    const plan = {
      code: 'HTTP-1',
      name: 'Autumn annuity',
      description: 'kept by a patch of the name',
      bankPartner: 'Bank',
      insurerPartner: 'Insurer',
      startDate: '2099-09-01',
      endDate: '2099-09-30',
      target: { filter: { field: 'region', op: 'eq', value: REGION } },
      productCodes: [product],
      offer: { kind: 'voucher', costPerRedemption: 20 },
      holdoutShare: 0.25,
    };
    expect((await call('manager', 'POST', '/campaigns', plan)).status).toBe(403);
    const created = await call('marketing', 'POST', '/campaigns', plan);
    expect(created.status).toBe(201);
    const draft = campaignSchema.parse(await created.json());
    expect(draft).toMatchObject({ status: 'draft', windowEnd: '2099-10-30', launchProblems: [] });
    expect(draft.target.filter).toEqual({ field: 'region', op: 'eq', value: REGION });

    const read = await call('manager', 'GET', '/campaigns/HTTP-1');
    expect(read.status).toBe(200);
    expect(campaignSchema.parse(await read.json()).code).toBe('HTTP-1');
    expect((await call('manager', 'GET', '/campaigns/NO-SUCH')).status).toBe(404);

    const taken = await call('marketing', 'POST', '/campaigns', plan);
    expect([taken.status, (await errorOf(taken)).code]).toEqual([409, 'CONFLICT']);
    const holdout = await call('marketing', 'POST', '/campaigns', { ...plan, code: 'HTTP-2', holdoutShare: 0.7 });
    expect(holdout.status).toBe(400);
    expect((await errorOf(holdout)).message).toContain('50 %');
  });

  it('patches only the fields sent, launches (202) and then locks the audience fields', async () => {
    const patched = await call('marketing', 'PATCH', '/campaigns/HTTP-1', { name: 'Autumn annuity push' });
    expect(patched.status).toBe(200);
    expect(campaignSchema.parse(await patched.json())).toMatchObject({
      name: 'Autumn annuity push',
      description: 'kept by a patch of the name',
      holdoutShare: 0.25,
      attributionDays: 30,
    });
    expect((await call('manager', 'POST', '/campaigns/HTTP-1/launch')).status).toBe(403);

    const launch = await call('marketing', 'POST', '/campaigns/HTTP-1/launch');
    expect(launch.status).toBe(202);
    const { campaign, jobId } = launchCampaignResponseSchema.parse(await launch.json());
    expect(campaign).toMatchObject({ status: 'scheduled', audience: { status: 'building', jobId } });
    expect((await api.app.get<JobQueue>(JOB_QUEUE_TOKEN).waitFor(jobId, { timeoutMs: 60_000 })).state).toBe('completed');
    const built = campaignSchema.parse(await (await call('manager', 'GET', '/campaigns/HTTP-1')).json());
    expect(built.audience).toMatchObject({ status: 'built', targeted: RAW_IDS.length });

    const locked = await call('marketing', 'PATCH', '/campaigns/HTTP-1', { productCodes: [] });
    expect(locked.status).toBe(400);
    expect((await errorOf(locked)).message).toBe('field "productCodes": the offered products cannot change after launch: the audience was built from it');
    const noReason = await call('marketing', 'POST', '/campaigns/HTTP-1/cancel', {});
    expect(noReason.status).toBe(400);
  });

  it('records spend (201) and lists it to every role', async () => {
    const recorded = await call('marketing', 'POST', '/campaigns/HTTP-1/spend', { line: 'promotion', amount: 99.9, spentOn: '2099-09-02' });
    expect(recorded.status).toBe(201);
    expect(spendListSchema.parse(await recorded.json()).byLine).toEqual({ promotion: 99.9, redemptions: 0 });
    const listed = await call('manager', 'GET', '/campaigns/HTTP-1/spend');
    expect([listed.status, spendListSchema.parse(await listed.json()).total]).toEqual([200, 99.9]);
    expect((await call('manager', 'POST', '/campaigns/HTTP-1/spend', { line: 'fees', amount: 1, spentOn: '2099-09-02' })).status).toBe(403);
  });

  it('takes events and sales one at a time, answering a customer reference and never the raw id', async () => {
    const event = await call('marketing', 'POST', '/campaigns/HTTP-1/events', { customerId: RAW_IDS[0], event: 'contacted', occurredAt: '2099-09-03' });
    expect(event.status).toBe(200);
    const eventBody = await event.text();
    expect(recordOutcomeResponseSchema.parse(JSON.parse(eventBody))).toMatchObject({
      outcome: 'created',
      customerRef: pseudonymise(RAW_IDS[0]!, api.config.pseudonymKey).slice(0, 12),
    });
    expect(eventBody).not.toContain(RAW_IDS[0]);

    const sale = { saleId: 'HTTP-SALE-1', customerId: RAW_IDS[1], productCode: product, soldAt: '2099-09-10', amount: 5_000, premiumMode: 'annual' };
    expect((await call('manager', 'POST', '/sales', sale)).status).toBe(403);
    const recorded = await call('marketing', 'POST', '/sales', sale);
    expect(recorded.status).toBe(200);
    const saleBody = await recorded.text();
    expect(recordOutcomeResponseSchema.parse(JSON.parse(saleBody)).outcome).toBe('created');
    expect(saleBody).not.toContain(RAW_IDS[1]);
    expect(recordOutcomeResponseSchema.parse(await (await call('marketing', 'POST', '/sales', sale)).json()).outcome).toBe('unchanged');

    const unknown = await call('marketing', 'POST', '/sales', { ...sale, saleId: 'HTTP-SALE-2', productCode: 'NO-SUCH' });
    const unknownBody = await unknown.text();
    expect(unknown.status).toBe(400);
    expect(unknownBody).toContain('productCode');
    expect(unknownBody).not.toContain(RAW_IDS[1]);
  });
});
