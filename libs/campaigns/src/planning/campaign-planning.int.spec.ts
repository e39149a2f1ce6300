import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '@banca/audit';
import { ComplianceModule } from '@banca/compliance';
import type { CampaignPlanRequest } from '@banca/contracts';
import { customerTiers, sql } from '@banca/db';
import { ConflictError, NotFoundError, ValidationError, type Actor } from '@banca/domain';
import { IngestionModule, pseudonymise } from '@banca/ingestion';
import { SegmentationModule } from '@banca/segmentation';
import { createFeatureTestApp, insertProduct, insertSnapshot, type FeatureTestApp } from '@banca/testing';
import { CampaignsModule } from '../campaigns.module';
import { CampaignOutcomeService } from './campaign-outcome.service';
import { CampaignService } from './campaign.service';

/**
 * Planning and lifecycle of a campaign, spend against budget and outcomes one at a time, on the real
 * platform of the suite (jobs run: the audience build and the rollup refresh).
 */

const REGION = 'planning-region';
const RAW_IDS = ['RAW-PLAN-0001', 'RAW-PLAN-0002', 'RAW-PLAN-0003', 'RAW-PLAN-0004', 'RAW-PLAN-0005', 'RAW-PLAN-0006'];
const OUTSIDER = 'RAW-PLAN-OUTSIDER';

const marketing: Actor = { userId: '00000000-0000-4000-8000-000000000001', role: 'marketing', via: 'session' };

/** Rejects with an error of this class whose message contains `text`; answers the error. */
async function rejection<E extends Error>(promise: Promise<unknown>, kind: new (...args: never[]) => E, text?: string): Promise<E> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(kind);
  if (text !== undefined) expect((error as Error).message).toContain(text);
  return error as E;
}

describe('campaign planning, lifecycle, spend and outcomes', () => {
  let t: FeatureTestApp;
  let campaigns: CampaignService;
  let outcomes: CampaignOutcomeService;
  let product: string;
  const key = () => t.config.pseudonymKey;
  const idOf = (raw: string) => pseudonymise(raw, key());

  const plan = (code: string, overrides: Partial<CampaignPlanRequest> = {}): CampaignPlanRequest =>
    ({
      code,
      name: `Campaign ${code}`,
      bankPartner: 'Bank',
      insurerPartner: 'Insurer',
      startDate: '2025-03-10',
      endDate: '2025-03-31',
      attributionDays: 14,
      target: { tiers: [], segmentIds: [], filter: { field: 'region', op: 'eq', value: REGION } },
      productCodes: [product],
      offer: { kind: 'gift', description: 'a tea set', rate: null, costPerRedemption: 50 },
      budget: 10_000,
      budgetLines: { promotion: 5_000 },
      holdoutShare: 0.2,
      ...overrides,
    }) as CampaignPlanRequest;

  const actions = async (code: string) => (await t.app.get(AuditService).history('campaign', code)).map((a) => a.action);
  const waitForJob = async (jobId: string) => {
    const status = await t.queue.waitFor(jobId, { timeoutMs: 60_000 });
    expect([jobId, status.state, status.error]).toEqual([jobId, 'completed', undefined]);
  };
  const status = async (code: string) => (await campaigns.get(code)).status;

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    campaigns = t.app.get(CampaignService);
    outcomes = t.app.get(CampaignOutcomeService);
    product = (await insertProduct(t.handle.db, { category: 'whole_life', riskLevel: 'R1', premiumMode: 'annual' })).productCode;
    for (const raw of RAW_IDS) {
      const customerId = idOf(raw);
      await insertSnapshot(t.handle.db, { customerId, region: REGION, asOf: '2025-01-01' });
      await t.handle.db.insert(customerTiers).values({ customerId, tier: 'basic', ruleVersion: 1, asOf: '2025-01-01' });
    }
  });
  afterAll(async () => t?.close());

  describe('drafts', () => {
    it('creates a draft with its window end and says what a launch still needs', async () => {
      const created = await campaigns.create(plan('DRAFT-1', { target: { tiers: [], segmentIds: [], filter: null }, productCodes: [] }), marketing);
      expect(created).toMatchObject({ code: 'DRAFT-1', status: 'draft', origin: 'platform', windowEnd: '2025-04-14', holdoutShare: 0.2 });
      expect(created.audience).toMatchObject({ status: 'none', jobId: null, treatment: 0, holdout: 0 });
      expect(created.audience.excluded).toEqual({ CONSENT_MISSING: 0, CONTACT_POLICY: 0, RISK_MISMATCH: 0, ELDERLY_NON_GUARANTEED: 0 });
      expect(created.launchProblems.map((p) => p.field).sort()).toEqual(['productCodes', 'target']);
      expect(await actions('DRAFT-1')).toEqual(['campaign.create']);

      await rejection(campaigns.launch('DRAFT-1', marketing, '2025-03-01'), ValidationError, 'no launch without a target');
      await campaigns.update('DRAFT-1', { target: { tiers: ['basic'], segmentIds: [], filter: null } }, marketing);
      await rejection(campaigns.launch('DRAFT-1', marketing, '2025-03-01'), ValidationError, 'no launch without an offered product');
      expect(await status('DRAFT-1')).toBe('draft');
    });

    it('refuses a taken code, a reserved code, dates out of order and a holdout above 50 %', async () => {
      await rejection(campaigns.create(plan('DRAFT-1'), marketing), ConflictError, 'DRAFT-1');
      const reserved = await rejection(campaigns.create(plan('overview'), marketing), ValidationError, 'reserved');
      expect(reserved.location.field).toBe('code');
      const dates = await rejection(campaigns.create(plan('DRAFT-2', { endDate: '2025-03-01' }), marketing), ValidationError, 'before the start date');
      expect(dates.location.field).toBe('endDate');
      const holdout = await rejection(campaigns.create(plan('DRAFT-2', { holdoutShare: 0.6 }), marketing), ValidationError, '50 %');
      expect(holdout.location.field).toBe('holdoutShare');
      await rejection(campaigns.get('DRAFT-2'), NotFoundError);
    });

    it('changes only the fields a patch sends', async () => {
      await campaigns.create(plan('PATCH-1', { description: 'first', attributionDays: 7, channels: ['sms'] }), marketing);
      const changed = await campaigns.update('PATCH-1', { name: 'Renamed' }, marketing);
      expect(changed).toMatchObject({ name: 'Renamed', description: 'first', attributionDays: 7, channels: ['sms'], holdoutShare: 0.2 });
      expect(changed.offer.costPerRedemption).toBe(50);
      const audit = await t.app.get(AuditService).history('campaign', 'PATCH-1');
      expect(audit.map((a) => a.action)).toEqual(['campaign.create', 'campaign.update']);
      expect(audit[1]).toMatchObject({ before: { name: 'Campaign PATCH-1' }, after: { name: 'Renamed' } });
      await rejection(campaigns.update('PATCH-1', { endDate: '2025-03-01' }, marketing), ValidationError, 'before the start date');
    });

    it('refuses to launch with an unknown product or a deleted segment, naming the field', async () => {
      await campaigns.create(plan('REFS-1', { productCodes: [product, 'NO-SUCH-PRODUCT'] }), marketing);
      expect((await campaigns.get('REFS-1')).launchProblems).toEqual([
        { field: 'productCodes', message: expect.stringContaining('NO-SUCH-PRODUCT') as string },
      ]);
      const products = await rejection(campaigns.launch('REFS-1', marketing, '2025-03-01'), ValidationError, 'NO-SUCH-PRODUCT');
      expect(products.location.field).toBe('productCodes');
      const segment = '6f1c2d3e-4b5a-4c6d-8e7f-0123456789ab';
      await campaigns.update('REFS-1', { productCodes: [product], target: { tiers: [], segmentIds: [segment], filter: null } }, marketing);
      const segments = await rejection(campaigns.launch('REFS-1', marketing, '2025-03-01'), ValidationError, segment);
      expect(segments.location.field).toBe('target.segmentIds');
      expect(await status('REFS-1')).toBe('draft');
    });
  });

  describe('lifecycle', () => {
    it('launches before the start as scheduled, builds the audience by a job, and relaunches to the same split', async () => {
      await campaigns.create(plan('LIFE-1'), marketing);
      const launched = await campaigns.launch('LIFE-1', marketing, '2025-03-01');
      expect(launched.campaign).toMatchObject({ status: 'scheduled', launchProblems: [] });
      expect(launched.campaign.audience).toMatchObject({ status: 'building', jobId: launched.jobId, decidedOn: '2025-03-01' });
      await waitForJob(launched.jobId);
      const built = await campaigns.get('LIFE-1');
      expect(built.audience).toMatchObject({ status: 'built', targeted: RAW_IDS.length, eligible: RAW_IDS.length });
      expect(built.audience.treatment + built.audience.holdout).toBe(RAW_IDS.length);
      const arms = await t.handle.rows<{ customer_id: string; group: string }>(
        sql`SELECT customer_id, "group" FROM audience_members WHERE campaign_code = 'LIFE-1' ORDER BY customer_id`,
      );

      const again = await campaigns.launch('LIFE-1', marketing, '2025-03-05');
      expect(again.jobId).not.toBe(launched.jobId);
      expect(again.campaign.status).toBe('scheduled');
      await waitForJob(again.jobId);
      expect((await t.queue.getJob(again.jobId))?.name).toBe('build-campaign-audience');
      expect(
        await t.handle.rows(sql`SELECT customer_id, "group" FROM audience_members WHERE campaign_code = 'LIFE-1' ORDER BY customer_id`),
      ).toEqual(arms);
      expect(await actions('LIFE-1')).toEqual(['campaign.create', 'campaign.launch', 'campaign.audience.build', 'campaign.launch', 'campaign.audience.build']);
    });

    it('locks the audience fields after launch, naming the field, and keeps the others editable', async () => {
      const holdout = await rejection(campaigns.update('LIFE-1', { holdoutShare: 0.3 }, marketing), ValidationError, 'holdout share cannot change after launch');
      expect(holdout.location.field).toBe('holdoutShare');
      const target = await rejection(
        campaigns.update('LIFE-1', { target: { tiers: ['hnw'], segmentIds: [], filter: null } }, marketing),
        ValidationError,
        'target cannot change after launch',
      );
      expect(target.location.field).toBe('target');
      await rejection(campaigns.update('LIFE-1', { startDate: '2025-03-11' }, marketing), ValidationError, 'start date');
      // the same value again is not a change
      await campaigns.update('LIFE-1', { holdoutShare: 0.2, name: 'Spring tea' }, marketing);
      const renamed = await campaigns.get('LIFE-1');
      expect(renamed).toMatchObject({ name: 'Spring tea', holdoutShare: 0.2, status: 'scheduled' });
    });

    it('advances by date: running on the start date, completed after the window, then read-only', async () => {
      const before = await campaigns.advanceStatuses('2025-03-09');
      expect(before.changed.filter((c) => c.code === 'LIFE-1')).toEqual([]);

      const started = await campaigns.advanceStatuses('2025-03-10');
      expect(started.changed).toContainEqual({ code: 'LIFE-1', from: 'scheduled', to: 'running' });
      expect(started.refreshJobId).not.toBeNull();
      await waitForJob(started.refreshJobId!);
      await rejection(campaigns.launch('LIFE-1', marketing, '2025-03-12'), ConflictError, 'already running');

      // window end = 2025-03-31 + 14 days
      expect((await campaigns.advanceStatuses('2025-04-14')).changed.filter((c) => c.code === 'LIFE-1')).toEqual([]);
      const ended = await campaigns.advanceStatuses('2025-04-15');
      expect(ended.changed).toContainEqual({ code: 'LIFE-1', from: 'running', to: 'completed' });
      await waitForJob(ended.refreshJobId!);
      const completed = await campaigns.get('LIFE-1');
      expect(completed.status).toBe('completed');
      expect(completed.completedAt).not.toBeNull();
      expect(completed.launchProblems).toEqual([]);

      await rejection(campaigns.update('LIFE-1', { name: 'Too late' }, marketing), ConflictError, 'read-only');
      await rejection(campaigns.cancel('LIFE-1', 'changed our minds', marketing), ConflictError, 'completed');
      await rejection(campaigns.launch('LIFE-1', marketing, '2025-04-20'), ConflictError, 'completed');
      expect((await actions('LIFE-1')).filter((a) => a === 'campaign.advance')).toHaveLength(2);
    });

    it('launches on the start date as running, and completes it by hand', async () => {
      await campaigns.create(plan('LIFE-2'), marketing);
      const launched = await campaigns.launch('LIFE-2', marketing, '2025-03-10');
      expect(launched.campaign.status).toBe('running');
      await waitForJob(launched.jobId);
      await rejection(campaigns.launch('LIFE-2', marketing, '2025-03-11'), ConflictError);
      const done = await campaigns.complete('LIFE-2', marketing, '2025-03-20');
      expect(done.status).toBe('completed');
      expect(await actions('LIFE-2')).toContain('campaign.complete');
      await rejection(campaigns.complete('DRAFT-1', marketing), ConflictError, 'never launched');
    });

    it('cancels only with a reason, and keeps the audience', async () => {
      await campaigns.create(plan('LIFE-3'), marketing);
      const launched = await campaigns.launch('LIFE-3', marketing, '2025-03-01');
      await waitForJob(launched.jobId);
      const missing = await rejection(campaigns.cancel('LIFE-3', '', marketing), ValidationError);
      expect(missing.location.field).toBe('reason');
      await rejection(campaigns.cancel('LIFE-3', 'no', marketing), ValidationError, 'say why');
      const cancelled = await campaigns.cancel('LIFE-3', 'budget moved to Q3', marketing);
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'budget moved to Q3' });
      expect(cancelled.cancelledAt).not.toBeNull();
      const [kept] = await t.handle.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audience_members WHERE campaign_code = 'LIFE-3'`);
      expect(Number(kept?.n)).toBe(RAW_IDS.length);
      const audit = await t.app.get(AuditService).history('campaign', 'LIFE-3');
      expect(audit.at(-1)).toMatchObject({ action: 'campaign.cancel', after: { status: 'cancelled', reason: 'budget moved to Q3' } });
      await rejection(campaigns.update('LIFE-3', { description: 'x' }, marketing), ConflictError, 'read-only');
      // a draft can be cancelled too
      expect((await campaigns.cancel('DRAFT-1', 'never mind', marketing)).status).toBe('cancelled');
    });
  });

  describe('spend and outcomes', () => {
    const code = 'OUT-1';
    let members: { customer_id: string; group: string }[];

    beforeAll(async () => {
      await campaigns.create(plan(code), marketing);
      const launched = await campaigns.launch(code, marketing, '2025-03-10');
      await waitForJob(launched.jobId);
      members = await t.handle.rows(sql`SELECT customer_id, "group" FROM audience_members WHERE campaign_code = ${code} ORDER BY customer_id`);
    });

    it('records spend per line and adds the redemptions of audience customers in the window at the offer cost', async () => {
      const first = await campaigns.recordSpend(code, { line: 'promotion', amount: 1_200.5, spentOn: '2025-03-12', note: 'posters' }, marketing);
      expect(first.items).toHaveLength(1);
      expect(first.items[0]).toMatchObject({ line: 'promotion', amount: 1_200.5, spentOn: '2025-03-12', note: 'posters' });
      expect(first.byLine).toEqual({ promotion: 1_200.5, redemptions: 0 });
      expect(first.budget).toBe(10_000);

      await outcomes.recordEvent(code, { customerId: RAW_IDS[0]!, event: 'offer_redeemed', occurredAt: '2025-03-15' }, marketing);
      await outcomes.recordEvent(code, { customerId: RAW_IDS[0]!, event: 'offer_redeemed', occurredAt: '2025-03-20' }, marketing);
      await outcomes.recordEvent(code, { customerId: RAW_IDS[1]!, event: 'offer_redeemed', occurredAt: '2025-04-14' }, marketing);
      // outside the window, and a customer outside the audience: not counted
      await outcomes.recordEvent(code, { customerId: RAW_IDS[2]!, event: 'offer_redeemed', occurredAt: '2025-04-15' }, marketing);
      await outcomes.recordEvent(code, { customerId: OUTSIDER, event: 'offer_redeemed', occurredAt: '2025-03-15' }, marketing);
      await campaigns.recordSpend(code, { line: 'gifts', amount: 300, spentOn: '2025-03-20', note: '' }, marketing);

      const spend = await campaigns.listSpend(code);
      expect(spend.byLine).toEqual({ promotion: 1_200.5, gifts: 300, redemptions: 100 });
      expect(spend.total).toBe(1_600.5);
      expect(spend.items.map((i) => i.line)).toEqual(['promotion', 'gifts']);
      expect((await actions(code)).filter((a) => a === 'campaign.spend')).toHaveLength(2);
      await rejection(campaigns.recordSpend('NO-SUCH', { line: 'fees', amount: 1, spentOn: '2025-03-01', note: '' }, marketing), NotFoundError);
    });

    it('stores events under the pseudonym, answers unchanged for a duplicate and updated for a new channel', async () => {
      const customerId = idOf(RAW_IDS[3]!);
      const created = await outcomes.recordEvent(code, { customerId: ` ${RAW_IDS[3]!.toLowerCase()} `, event: 'contacted', occurredAt: '2025-03-12', channel: 'sms' }, marketing);
      expect(created).toMatchObject({ outcome: 'created', customerRef: customerId.slice(0, 12) });
      expect(created.refreshJobId).not.toBeNull();
      const duplicate = await outcomes.recordEvent(code, { customerId: RAW_IDS[3]!, event: 'contacted', occurredAt: '2025-03-12', channel: 'sms' }, marketing);
      expect(duplicate).toEqual({ outcome: 'unchanged', customerRef: customerId.slice(0, 12), refreshJobId: null });
      const updated = await outcomes.recordEvent(code, { customerId: RAW_IDS[3]!, event: 'contacted', occurredAt: '2025-03-12', channel: 'app' }, marketing);
      expect(updated.outcome).toBe('updated');
      const rows = await t.handle.rows<{ customer_id: string; channel: string }>(
        sql`SELECT customer_id, channel FROM campaign_events WHERE campaign_code = ${code} AND event = 'contacted'`,
      );
      expect(rows).toEqual([{ customer_id: customerId, channel: 'app' }]);
      await waitForJob(updated.refreshJobId!);
      await rejection(outcomes.recordEvent('NO-SUCH', { customerId: RAW_IDS[3]!, event: 'contacted', occurredAt: '2025-03-12' }, marketing), NotFoundError);
    });

    it('upserts a sale by its id, moves it with its customer, re-checks compliance and refreshes the campaigns it touches', async () => {
      const sale = { saleId: 'API-SALE-1', customerId: RAW_IDS[4]!, productCode: product, soldAt: '2025-03-18', amount: 12_000, premiumMode: 'annual', channel: 'branch', status: 'active' } as const;
      const scansBefore = await t.handle.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM compliance_scans WHERE reason = 'sale-recorded'`);
      const created = await outcomes.recordSale(sale, marketing);
      expect(created).toMatchObject({ outcome: 'created', customerRef: idOf(RAW_IDS[4]!).slice(0, 12) });
      expect(created.refreshJobId).not.toBeNull();
      await waitForJob(created.refreshJobId!);
      expect(await outcomes.recordSale(sale, marketing)).toMatchObject({ outcome: 'unchanged', refreshJobId: null });
      expect((await outcomes.recordSale({ ...sale, status: 'cancelled_cooling_off', statusAt: '2025-03-25' }, marketing)).outcome).toBe('updated');
      const scansAfter = await t.handle.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM compliance_scans WHERE reason = 'sale-recorded'`);
      expect(Number(scansAfter[0]?.n) - Number(scansBefore[0]?.n)).toBe(3);

      const moved = await outcomes.recordSale({ ...sale, customerId: RAW_IDS[5]! }, marketing);
      expect(moved.outcome).toBe('updated');
      const rows = await t.handle.rows<{ customer_id: string; status: string; source_run_id: string | null }>(
        sql`SELECT customer_id, status, source_run_id FROM sales WHERE sale_id = 'API-SALE-1'`,
      );
      expect(rows).toEqual([{ customer_id: idOf(RAW_IDS[5]!), status: 'active', source_run_id: null }]);

      // a sale long after every window touches no campaign
      const late = await outcomes.recordSale({ ...sale, saleId: 'API-SALE-2', soldAt: '2026-01-10' }, marketing);
      expect(late).toMatchObject({ outcome: 'created', refreshJobId: null });
      const audit = await t.app.get(AuditService).history('sale', 'API-SALE-1');
      expect(audit.map((a) => a.action)).toEqual(['sale.record', 'sale.record', 'sale.record']);
      expect(members.length).toBe(RAW_IDS.length);
    });

    it('names the field of a bad outcome and never echoes, stores or logs the raw identifier', async () => {
      const secret = 'RAW-SECRET-4242';
      const product404 = await rejection(
        outcomes.recordSale({ saleId: 'API-SALE-X', customerId: secret, productCode: 'NO-SUCH-PRODUCT', soldAt: '2025-03-18', amount: 1, status: 'active' }, marketing),
        ValidationError,
        'NO-SUCH-PRODUCT',
      );
      expect(product404.location.field).toBe('productCode');
      const long = 'X'.repeat(150) + secret;
      const tooLong = await rejection(
        outcomes.recordEvent(code, { customerId: long, event: 'contacted', occurredAt: '2025-03-12' }, marketing),
        ValidationError,
      );
      expect(tooLong.location.field).toBe('customerId');
      const badDate = await rejection(
        outcomes.recordEvent(code, { customerId: secret, event: 'contacted', occurredAt: '2025-02-30' }, marketing),
        ValidationError,
      );
      expect(badDate.location.field).toBe('occurredAt');
      const badGroup = await rejection(
        outcomes.recordEvent(code, { customerId: secret, event: 'contacted', occurredAt: '2025-03-12', group: 'control' as 'holdout' }, marketing),
        ValidationError,
      );
      expect(badGroup.location.field).toBe('group');
      for (const error of [product404, tooLong, badDate, badGroup]) {
        expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(secret);
      }
      await outcomes.recordEvent(code, { customerId: secret, event: 'responded', occurredAt: '2025-03-13' }, marketing);

      // no raw identifier anywhere: every text column of the tables outcomes touch, the audit log, the logs
      const everyRaw = [secret, ...RAW_IDS, OUTSIDER];
      const dumps = await t.handle.rows<{ dump: string }>(sql`
        SELECT (SELECT coalesce(string_agg(e::text, ' '), '') FROM campaign_events e)
          || (SELECT coalesce(string_agg(s::text, ' '), '') FROM sales s)
          || (SELECT coalesce(string_agg(a::text, ' '), '') FROM audit_log a) AS dump`);
      const dump = dumps[0]!.dump.toUpperCase();
      expect(dump).toContain(idOf(secret).toUpperCase());
      for (const raw of everyRaw) expect([raw, dump.includes(raw)]).toEqual([raw, false]);
      for (const raw of everyRaw) expect([raw, t.logs.lines.some((l) => l.toUpperCase().includes(raw))]).toEqual([raw, false]);
    });
  });
});
