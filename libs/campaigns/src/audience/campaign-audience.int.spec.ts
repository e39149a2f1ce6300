import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplianceModule, ComplianceRuleSetService } from '@banca/compliance';
import {
  campaignEvents,
  campaigns,
  customers,
  customerSnapshots,
  customerTiers,
  productRiskRatings,
  products,
  sql,
} from '@banca/db';
import {
  complianceRuleVersionOn,
  consentMissing,
  CUSTOMER_RISK_LEVELS,
  DEFAULT_COMPLIANCE_SETTINGS,
  effectiveProductRisk,
  elderlyNonGuaranteed,
  PRODUCT_CATEGORIES,
  PRODUCT_RISK_LEVELS,
  riskMismatch,
  SYSTEM_ACTOR,
  type ComplianceSettings,
  type CustomerRiskLevel,
  type ProductCategory,
  type ProductRiskLevel,
  type SaleCheckInput,
  type SegmentRule,
} from '@banca/domain';
import { IngestionModule } from '@banca/ingestion';
import { SegmentationModule, SegmentService } from '@banca/segmentation';
import { createFeatureTestApp, insertProduct, insertSnapshot, pseudonym, type FeatureTestApp } from '@banca/testing';
import { CampaignsModule } from '../campaigns.module';
import { CampaignAudienceService } from './campaign-audience.service';
import { holdoutArm, holdoutBucket, holdoutBucketSql } from './holdout-split';

/**
 * The audience a launch builds: target ∩ consent ∩ contact policy ∩ suitable for every offered product,
 * split by a hash of (campaign, customer). Each scenario targets customers of its own region, so
 * scenarios share one database without seeing each other's customers.
 */

const DECIDED_ON = '2025-03-01';

type CampaignInsert = typeof campaigns.$inferInsert;
type SnapshotInsert = typeof customerSnapshots.$inferInsert;

interface MemberRow extends Record<string, unknown> {
  customer_id: string;
  group: string;
  exclusion_reason: string | null;
  exclusion_detail: Record<string, unknown> | null;
  tier: string | null;
  region: string | null;
}

/** mulberry32: a small seeded PRNG (a failure reproduces). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick, chance: (p: number) => next() < p };
}

const regionIs = (region: string): SegmentRule => ({ field: 'region', op: 'eq', value: region });

describe('campaign audience: who is in, who is out and why, and the holdout', () => {
  let t: FeatureTestApp;
  let audience: CampaignAudienceService;
  const db = () => t.handle.db;

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    audience = t.app.get(CampaignAudienceService);
  });
  afterAll(async () => t?.close());

  async function insertCampaign(overrides: Partial<CampaignInsert> & { campaignCode: string; productCodes: string[] }): Promise<void> {
    await db()
      .insert(campaigns)
      .values({
        name: overrides.campaignCode,
        status: 'scheduled',
        startDate: '2025-03-10',
        endDate: '2025-04-30',
        holdoutShare: 0.1,
        contactPolicy: { maxContacts: 4, periodDays: 30 },
        audienceStatus: 'building',
        ...overrides,
      });
  }

  /** Campaigns built only to be looked at stop counting as planned contacts of the next scenario's builds. */
  const retire = (code: string) => t.handle.db.execute(sql`UPDATE campaigns SET status = 'cancelled' WHERE campaign_code = ${code}`);

  const members = (code: string) =>
    t.handle.rows<MemberRow>(sql`
      SELECT customer_id, "group", exclusion_reason, exclusion_detail, tier, region
      FROM audience_members WHERE campaign_code = ${code} ORDER BY customer_id`);
  const memberOf = async (code: string, customerId: string) => (await members(code)).find((m) => m.customer_id === customerId);

  /** `count` consenting C3 customers aged 45 in `region`, inserted in one statement each for customers and snapshots. */
  async function bulkCustomers(region: string, count: number, tier = 'basic'): Promise<string[]> {
    const rows: SnapshotInsert[] = Array.from({ length: count }, (_, i) => ({
      customerId: pseudonym(`${region}-${i}`),
      asOf: '2025-01-01',
      birthDate: '1980-06-15',
      birthYear: 1980,
      region,
      riskLevel: 'C3',
      consentMarketing: true,
      consentDataSharing: true,
    }));
    for (let i = 0; i < rows.length; i += 1_000) {
      const chunk = rows.slice(i, i + 1_000);
      await db().insert(customerSnapshots).values(chunk);
      await db().insert(customers).values(chunk);
      await db()
        .insert(customerTiers)
        .values(chunk.map((r) => ({ customerId: r.customerId, tier, ruleVersion: 1, asOf: '2025-01-01' })));
    }
    return rows.map((r) => r.customerId);
  }

  describe('deterministic split', () => {
    const region = 'split-region';
    let ids: string[];
    let productCode: string;

    beforeAll(async () => {
      ids = await bulkCustomers(region, 5_000);
      productCode = (await insertProduct(db(), { category: 'whole_life', riskLevel: 'R1' })).productCode;
    });

    it('puts about the configured share in the holdout, the same customers on a re-launch, as the TypeScript mirror does', async () => {
      await insertCampaign({ campaignCode: 'SPLIT-1', productCodes: [productCode], holdoutShare: 0.2, target: { tiers: [], segmentIds: [], filter: regionIs(region) } });
      const first = await audience.build('SPLIT-1', { decidedOn: DECIDED_ON });
      expect(first.targeted).toBe(5_000);
      expect(first.eligible).toBe(5_000);
      // Binomial(5000, 0.2): mean 1000, sd 28.3; ±4 sd fails a correct split about once in 16,000 runs (and the hash is fixed).
      expect(first.holdout).toBeGreaterThanOrEqual(887);
      expect(first.holdout).toBeLessThanOrEqual(1_113);
      expect(first.treatment + first.holdout).toBe(5_000);

      const arms = new Map((await members('SPLIT-1')).map((m) => [m.customer_id, m.group]));
      for (const id of ids) expect(arms.get(id)).toBe(holdoutArm('SPLIT-1', id, 0.2));

      const again = await audience.build('SPLIT-1', { decidedOn: '2025-03-05' });
      expect(again.holdout).toBe(first.holdout);
      const rebuilt = new Map((await members('SPLIT-1')).map((m) => [m.customer_id, m.group]));
      expect(rebuilt).toEqual(arms);
    });

    it('splits another campaign independently (the hash includes the campaign)', async () => {
      await insertCampaign({ campaignCode: 'SPLIT-2', productCodes: [productCode], holdoutShare: 0.2, target: { tiers: [], segmentIds: [], filter: regionIs(region) } });
      await audience.build('SPLIT-2', { decidedOn: DECIDED_ON });
      const a = new Map((await members('SPLIT-1')).map((m) => [m.customer_id, m.group]));
      const both = (await members('SPLIT-2')).filter((m) => m.group === 'holdout' && a.get(m.customer_id) === 'holdout').length;
      // independent: about 0.2 × 0.2 × 5000 = 200 held out of both (sd about 13.9); identical splits would give about 1000
      expect(both).toBeGreaterThan(140);
      expect(both).toBeLessThan(260);
    });

    it('computes the same bucket in SQL as holdoutBucket in TypeScript, to the bit', async () => {
      const sample = ids.slice(0, 2_000);
      const rows = await t.handle.rows<{ id: string; bucket: number }>(sql`
        SELECT x.id, ${holdoutBucketSql(sql`'SPLIT-1'::text`, sql`x.id`)} AS bucket
        FROM jsonb_array_elements_text(${JSON.stringify(sample)}::jsonb) AS x(id)`);
      expect(rows).toHaveLength(sample.length);
      for (const r of rows) expect(Number(r.bucket)).toBe(holdoutBucket('SPLIT-1', r.id));
    });

    it('holds nobody out with a holdout share of 0', async () => {
      await insertCampaign({ campaignCode: 'SPLIT-0', productCodes: [productCode], holdoutShare: 0, target: { tiers: ['basic'], segmentIds: [], filter: regionIs(region) } });
      const outcome = await audience.build('SPLIT-0', { decidedOn: DECIDED_ON });
      expect(outcome).toMatchObject({ targeted: 5_000, treatment: 5_000, holdout: 0 });
    });
  });

  describe('exclusions per reason', () => {
    const region = 'exclusion-region';
    const customer = (name: string) => pseudonym(`excl-${name}`);
    let guaranteed: string;
    let participating: string;

    beforeAll(async () => {
      // R2 whole life (guaranteed) and an R3 participating annuity (non-guaranteed, annual premium)
      guaranteed = (await insertProduct(db(), { category: 'whole_life', riskLevel: 'R2', premiumMode: 'annual' })).productCode;
      participating = (await insertProduct(db(), { category: 'participating_annuity', riskLevel: 'R3', premiumMode: 'annual' })).productCode;
      const base = { region, asOf: '2025-01-01', riskLevel: 'C3', birthDate: '1980-06-15', birthYear: 1980 } as const;
      await insertSnapshot(db(), { ...base, customerId: customer('eligible') });
      await insertSnapshot(db(), { ...base, customerId: customer('no-marketing'), consentMarketing: false });
      await insertSnapshot(db(), { ...base, customerId: customer('no-sharing'), consentDataSharing: null });
      await insertSnapshot(db(), { ...base, customerId: customer('contacted') });
      await insertSnapshot(db(), { ...base, customerId: customer('c2'), riskLevel: 'C2' });
      // 61 on the decision date: above the regular-premium age (60) for the participating annuity
      await insertSnapshot(db(), { ...base, customerId: customer('elderly'), birthDate: '1963-06-15', birthYear: 1963 });
      // every reason applies: consent comes first
      await insertSnapshot(db(), { ...base, customerId: customer('all'), consentMarketing: false, riskLevel: 'C1', birthDate: '1950-01-01' });
      await insertSnapshot(db(), { ...base, customerId: customer('contact-and-risk'), riskLevel: 'C1' });
      // mismatched and elderly: risk mismatch comes first
      await insertSnapshot(db(), { ...base, customerId: customer('risk-and-elderly'), riskLevel: 'C2', birthDate: '1955-01-01' });
      // a later snapshot (after the decision date) withdrew consent: the decision uses what was known then
      await insertSnapshot(db(), { ...base, customerId: customer('later'), asOf: '2025-01-01' });
      await insertSnapshot(db(), { ...base, customerId: customer('later'), asOf: '2025-06-01', consentMarketing: false });
      for (const name of ['contacted', 'contact-and-risk']) {
        await db()
          .insert(campaignEvents)
          .values([
            { customerId: customer(name), campaignCode: 'OTHER-BANK', event: 'contacted', occurredAt: '2025-02-20' },
            { customerId: customer(name), campaignCode: 'OTHER-INS', event: 'contacted', occurredAt: '2025-02-25' },
          ]);
      }
      await insertCampaign({
        campaignCode: 'EXCL',
        productCodes: [guaranteed, participating],
        holdoutShare: 0,
        contactPolicy: { maxContacts: 2, periodDays: 30 },
        target: { tiers: [], segmentIds: [], filter: regionIs(region) },
      });
    });

    it('keeps each excluded customer with the first reason that applies, its detail, and counts per reason', async () => {
      const outcome = await audience.build('EXCL', { decidedOn: DECIDED_ON });
      expect(outcome).toMatchObject({
        targeted: 10,
        eligible: 2,
        treatment: 2,
        holdout: 0,
        excluded: { CONSENT_MISSING: 3, CONTACT_POLICY: 2, RISK_MISMATCH: 2, ELDERLY_NON_GUARANTEED: 1 },
      });
      const expected: Record<string, string | null> = {
        eligible: null,
        later: null,
        'no-marketing': 'CONSENT_MISSING',
        'no-sharing': 'CONSENT_MISSING',
        all: 'CONSENT_MISSING',
        contacted: 'CONTACT_POLICY',
        'contact-and-risk': 'CONTACT_POLICY',
        c2: 'RISK_MISMATCH',
        'risk-and-elderly': 'RISK_MISMATCH',
        elderly: 'ELDERLY_NON_GUARANTEED',
      };
      for (const [name, reason] of Object.entries(expected)) {
        const m = await memberOf('EXCL', customer(name));
        expect({ name, group: m?.group, reason: m?.exclusion_reason ?? null }).toEqual({
          name,
          group: reason === null ? 'treatment' : 'excluded',
          reason,
        });
      }

      expect((await memberOf('EXCL', customer('c2')))?.exclusion_detail).toEqual({
        productCode: participating,
        ruleCode: 'RISK_MISMATCH',
        ruleVersion: 1,
        customerRiskLevel: 'C2',
        productRiskLevel: 'R3',
        maxAllowed: 'R2',
        riskLevelSource: 'snapshot',
      });
      expect((await memberOf('EXCL', customer('elderly')))?.exclusion_detail).toEqual({
        productCode: participating,
        ruleCode: 'ELDERLY_NON_GUARANTEED',
        ruleVersion: 1,
        age: 61,
        productCategory: 'participating_annuity',
        premiumMode: 'annual',
      });
      expect((await memberOf('EXCL', customer('no-sharing')))?.exclusion_detail).toMatchObject({
        ruleCode: 'CONSENT_MISSING',
        missing: 'data_sharing',
      });
      expect((await memberOf('EXCL', customer('contacted')))?.exclusion_detail).toEqual({ contacts: 2, maxContacts: 2, periodDays: 30 });
    });

    it('records the build on the campaign, audits it once with the counts, and queues the rollup refresh', async () => {
      const outcome = await audience.build('EXCL', { decidedOn: DECIDED_ON });
      const [row] = await t.handle.rows<{ audience_status: string; audience_decided_on: string; audience_counts: unknown; audience_error: string | null }>(sql`
        SELECT audience_status, audience_decided_on::text AS audience_decided_on, audience_counts, audience_error FROM campaigns WHERE campaign_code = 'EXCL'`);
      expect(row).toMatchObject({ audience_status: 'built', audience_decided_on: DECIDED_ON, audience_error: null });
      expect(row?.audience_counts).toEqual({
        targeted: 10,
        eligible: 2,
        treatment: 2,
        holdout: 0,
        excluded: { CONSENT_MISSING: 3, CONTACT_POLICY: 2, RISK_MISMATCH: 2, ELDERLY_NON_GUARANTEED: 1 },
      });
      const audits = await t.handle.rows<{ after: { targeted: number; ruleVersion: number } }>(sql`
        SELECT after FROM audit_log WHERE action = 'campaign.audience.build' AND entity_id = 'EXCL'`);
      expect(audits).toHaveLength(2);
      expect(audits[1]?.after).toMatchObject({ targeted: 10, ruleVersion: 1, decidedOn: DECIDED_ON });
      const job = await t.queue.getJob(outcome.refreshJobId);
      expect(job?.name).toBe('refresh-campaign-rollups');
    });

    it('lists the members behind a figure by reference only, filtered by group, reason and region, paged', async () => {
      const excluded = await audience.members('EXCL', { group: 'excluded', reason: 'CONSENT_MISSING', page: 1, pageSize: 2 });
      expect(excluded.total).toBe(3);
      expect(excluded.items).toHaveLength(2);
      for (const item of excluded.items) {
        expect(item.customerRef).toMatch(/^[0-9a-f]{12}$/);
        expect(item).toMatchObject({ group: 'excluded', exclusionReason: 'CONSENT_MISSING', region, converted: false, firstConvertedOn: null });
      }
      const second = await audience.members('EXCL', { group: 'excluded', reason: 'CONSENT_MISSING', page: 2, pageSize: 2 });
      expect(second.items).toHaveLength(1);
      const treatment = await audience.members('EXCL', { group: 'treatment', converted: false, page: 1, pageSize: 50 });
      expect(treatment.total).toBe(2);
      await expect(audience.members('NO-SUCH', { page: 1, pageSize: 50 })).rejects.toThrow(/No campaign NO-SUCH/);
    });

    it('exports the members as CSV with customer references only', async () => {
      const file = await audience.exportMembers('EXCL', { group: 'excluded' }, 'csv');
      let text = '';
      for await (const chunk of file.body) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe('customer_ref,group,exclusion_reason,exclusion_detail,tier,branch_code,region,converted,first_converted_on');
      expect(lines).toHaveLength(9);
      expect(text).not.toContain(customer('c2'));
      expect(text).toContain(customer('c2').slice(0, 12));
    });

    it('fails clearly on a campaign offering an unknown product, and says so on the campaign', async () => {
      await insertCampaign({ campaignCode: 'BROKEN', productCodes: ['NO-SUCH-PRODUCT'], target: { tiers: ['basic'], segmentIds: [], filter: null } });
      await expect(audience.build('BROKEN', { decidedOn: DECIDED_ON })).rejects.toThrow(/unknown products: NO-SUCH-PRODUCT/);
      const [row] = await t.handle.rows<{ audience_status: string; audience_error: string }>(sql`
        SELECT audience_status, audience_error FROM campaigns WHERE campaign_code = 'BROKEN'`);
      expect(row?.audience_status).toBe('failed');
      expect(row?.audience_error).toMatch(/^Audience build failed: .*NO-SUCH-PRODUCT/);
    });

    it('targets saved segments and tiers together (customers in both)', async () => {
      const segments = t.app.get(SegmentService);
      const segment = await segments.create(
        { name: 'exclusion region C2', description: null, rule: { all: [regionIs(region), { field: 'riskLevel', op: 'eq', value: 'C2' }] } },
        SYSTEM_ACTOR,
      );
      await db().insert(customerTiers).values({ customerId: customer('c2'), tier: 'middle', ruleVersion: 1, asOf: '2025-01-01' });
      await db().insert(customerTiers).values({ customerId: customer('risk-and-elderly'), tier: 'basic', ruleVersion: 1, asOf: '2025-01-01' });
      await insertCampaign({ campaignCode: 'SEG', productCodes: [guaranteed], target: { tiers: ['middle'], segmentIds: [segment.id], filter: null } });
      const outcome = await audience.build('SEG', { decidedOn: DECIDED_ON });
      expect(outcome.targeted).toBe(1);
      expect((await members('SEG'))[0]).toMatchObject({ customer_id: customer('c2'), tier: 'middle', group: expect.stringMatching(/treatment|holdout/) });
    });
  });

  describe('contact policy across both partners', () => {
    const region = 'contact-region';
    const customer = (name: string) => pseudonym(`contact-${name}`);
    let productCode: string;

    const event = (name: string, campaignCode: string, occurredAt: string) =>
      db().insert(campaignEvents).values({ customerId: customer(name), campaignCode, event: 'contacted', occurredAt });

    beforeAll(async () => {
      productCode = (await insertProduct(db(), { category: 'whole_life', riskLevel: 'R1' })).productCode;
      for (const name of ['bank-and-insurer', 'outside', 'planned', 'planned-cancelled', 'planned-holdout', 'planned-later', 'other-events']) {
        await insertSnapshot(db(), { customerId: customer(name), region, asOf: '2025-01-01' });
      }
      // one contact by the bank's campaign, one by the insurer's, both within the 30 days up to 2025-03-01
      await event('bank-and-insurer', 'BANK-CARDS', '2025-01-31');
      await event('bank-and-insurer', 'INS-LIFE', '2025-03-01');
      // one in the period; one the day before it starts (2025-01-30); events other than contacts never count
      await event('outside', 'BANK-CARDS', '2025-02-15');
      await event('outside', 'INS-LIFE', '2025-01-30');
      await event('other-events', 'BANK-CARDS', '2025-02-15');
      await db().insert(campaignEvents).values({ customerId: customer('other-events'), campaignCode: 'INS-LIFE', event: 'responded', occurredAt: '2025-02-16' });
      // one contact, plus a planned one: in the treatment arm of another live campaign overlapping this one
      for (const name of ['planned', 'planned-cancelled', 'planned-holdout', 'planned-later']) await event(name, 'BANK-CARDS', '2025-02-15');
      const plannedMembers = [
        ['PLANNED-LIVE', 'planned', 'treatment'],
        ['PLANNED-CANCELLED', 'planned-cancelled', 'treatment'],
        ['PLANNED-LIVE', 'planned-holdout', 'holdout'],
        ['PLANNED-LATER', 'planned-later', 'treatment'],
      ] as const;
      await insertCampaign({ campaignCode: 'PLANNED-LIVE', productCodes: [productCode], startDate: '2025-04-01', endDate: '2025-05-31', audienceStatus: 'built' });
      await insertCampaign({ campaignCode: 'PLANNED-CANCELLED', productCodes: [productCode], status: 'cancelled', audienceStatus: 'built' });
      // starts after this campaign ends: its contacts fall outside this campaign's run
      await insertCampaign({ campaignCode: 'PLANNED-LATER', productCodes: [productCode], startDate: '2025-06-01', endDate: '2025-06-30', audienceStatus: 'built' });
      for (const [code, name, group] of plannedMembers) {
        await t.handle.db.execute(sql`
          INSERT INTO audience_members (customer_id, campaign_code, "group") VALUES (${customer(name)}, ${code}, ${group})`);
      }
    });

    async function excludedFor(maxContacts: number): Promise<string[]> {
      const code = `CONTACT-${maxContacts}`;
      await insertCampaign({
        campaignCode: code,
        productCodes: [productCode],
        holdoutShare: 0,
        contactPolicy: { maxContacts, periodDays: 30 },
        target: { tiers: [], segmentIds: [], filter: regionIs(region) },
      });
      await audience.build(code, { decidedOn: DECIDED_ON });
      await retire(code);
      const rows = await members(code);
      expect(rows).toHaveLength(7);
      const names = ['bank-and-insurer', 'outside', 'planned', 'planned-cancelled', 'planned-holdout', 'planned-later', 'other-events'];
      return rows
        .filter((m) => m.exclusion_reason === 'CONTACT_POLICY')
        .map((m) => names.find((n) => customer(n) === m.customer_id)!)
        .sort();
    }

    it('with at most 2 contacts: excludes a customer contacted by a bank and by an insurer campaign, and one with a planned treatment contact', async () => {
      expect(await excludedFor(2)).toEqual(['bank-and-insurer', 'planned']);
    });

    it('with at most 3 contacts: the same customers are in', async () => {
      expect(await excludedFor(3)).toEqual([]);
    });

    it('with at most 1 contact: everyone contacted once in the period is out', async () => {
      expect(await excludedFor(1)).toEqual(['bank-and-insurer', 'other-events', 'outside', 'planned', 'planned-cancelled', 'planned-holdout', 'planned-later']);
    });
  });

  describe('agreement with the suitability rules of libs/domain', () => {
    const region = 'agreement-region';
    const V2: ComplianceSettings = {
      ...DEFAULT_COMPLIANCE_SETTINGS,
      riskGrid: { C1: 'R1', C2: 'R3', C3: 'R3', C4: 'R4', C5: 'R5' },
      elderlyAge: 64,
      elderlyRegularPremiumAge: 59,
      nonGuaranteedCategories: ['participating_annuity', 'universal_life', 'investment_linked', 'wealth'],
    };

    interface GenProduct {
      productCode: string;
      category: ProductCategory;
      riskLevel: ProductRiskLevel;
      premiumMode: 'single' | 'annual' | 'monthly' | null;
      ratings: ProductRiskLevel[];
    }
    interface GenCustomer {
      customerId: string;
      birthDate: string | null;
      birthYear: number | null;
      riskLevel: CustomerRiskLevel | null;
      consentMarketing: boolean | null;
      consentDataSharing: boolean | null;
    }

    const r = prng(20250301);
    const genProducts: GenProduct[] = Array.from({ length: 10 }, (_, i) => ({
      productCode: `AGR-P${i}`,
      category: r.pick([...PRODUCT_CATEGORIES, 'participating_annuity', 'universal_life', 'investment_linked', 'wealth'] as ProductCategory[]),
      riskLevel: r.pick(PRODUCT_RISK_LEVELS),
      premiumMode: r.pick([null, 'single', 'annual', 'monthly'] as const),
      ratings: r.chance(0.4) ? [r.pick(PRODUCT_RISK_LEVELS)] : [],
    }));
    // birthdays on and around the 59/60/64/65 thresholds at both decision dates, birth years only, no age
    const birthDates = ['1960-03-01', '1960-03-02', '1960-02-29', '1965-03-01', '1965-03-02', '1966-01-01', '1959-12-31', '1961-03-01', '1980-06-15'];
    const genCustomers: GenCustomer[] = Array.from({ length: 240 }, (_, i) => {
      const birth = r.chance(0.85) ? r.pick(birthDates) : null;
      return {
        customerId: pseudonym(`agreement-${i}`),
        birthDate: birth,
        birthYear: birth ? Number(birth.slice(0, 4)) : r.chance(0.7) ? r.pick([1959, 1960, 1961, 1964, 1965, 1966]) : null,
        riskLevel: r.chance(0.9) ? r.pick(CUSTOMER_RISK_LEVELS) : null,
        consentMarketing: r.chance(0.85) ? true : r.pick([false, null]),
        consentDataSharing: r.chance(0.85) ? true : r.pick([false, null]),
      };
    });

    beforeAll(async () => {
      await db()
        .insert(products)
        .values(genProducts.map((p) => ({ productCode: p.productCode, name: p.productCode, provider: 'INSURER', category: p.category, riskLevel: p.riskLevel, premiumMode: p.premiumMode, termYears: 10, coolingOffDays: 15 })));
      const ratings = genProducts.flatMap((p) => p.ratings.map((level) => ({ productCode: p.productCode, ratedBy: 'BANK', riskLevel: level })));
      if (ratings.length > 0) await db().insert(productRiskRatings).values(ratings);
      const rows = genCustomers.map((c) => ({ ...c, asOf: '2024-06-01', region }));
      await db().insert(customerSnapshots).values(rows);
      await db().insert(customers).values(rows);
      await t.app.get(ComplianceRuleSetService).createRuleSet({ settings: V2, effectiveFrom: '2025-01-01', note: 'agreement' }, SYSTEM_ACTOR);
    });

    /** What the domain rules say about a hypothetical sale of each offered product on the decision date, first reason kept. */
    function expectedReason(c: GenCustomer, offered: readonly GenProduct[], code: string, decidedOn: string, settings: ComplianceSettings): string | null {
      const inputs = offered.map(
        (p): SaleCheckInput => ({
          sale: {
            saleId: 'hypothetical',
            soldAt: decidedOn,
            amount: 1,
            premiumMode: p.premiumMode,
            channel: null,
            staffCode: null,
            campaignCode: code,
            customerRiskLevelAtSale: null,
            dualRecording: null,
            status: 'active',
            statusAt: null,
          },
          product: { productCode: p.productCode, category: p.category, riskLevel: effectiveProductRisk([p.riskLevel, ...p.ratings])!, termYears: 10, coolingOffDays: 15 },
          customer: {
            asOf: '2024-06-01',
            birthDate: c.birthDate,
            birthYear: c.birthYear,
            region,
            monthlyIncome: null,
            householdAnnualIncome: null,
            riskLevel: c.riskLevel,
            riskAssessedAt: null,
            consentMarketing: c.consentMarketing,
            consentDataSharing: c.consentDataSharing,
          },
          staff: null,
          evidence: [],
          misSellingComplaints: 0,
          earlierActiveCoverSaleIds: [],
        }),
      );
      // DATA.md: an audience (data used across partners) needs data-sharing consent whatever the product
      if (inputs.some((i) => consentMissing(i, settings)) || c.consentDataSharing !== true) return 'CONSENT_MISSING';
      if (inputs.some((i) => riskMismatch(i, settings))) return 'RISK_MISMATCH';
      if (inputs.some((i) => elderlyNonGuaranteed(i, settings))) return 'ELDERLY_NON_GUARANTEED';
      return null;
    }

    it.each([
      ['2025-03-01', 'each product alone and three together, under version 2'],
      ['2024-12-31', 'the day before version 2: version 1'],
    ])('excludes for suitability exactly where checkSale would fire on the equivalent sale (%s: %s)', async (decidedOn) => {
      const versions = await t.app.get(ComplianceRuleSetService).versions();
      const settings = complianceRuleVersionOn(versions, decidedOn)!.settings;
      const offers: GenProduct[][] = [...genProducts.map((p) => [p]), genProducts.slice(0, 3), genProducts.slice(5, 9)];
      let compared = 0;
      const fired = new Set<string>();
      for (const [i, offered] of offers.entries()) {
        const code = `AGR-${decidedOn}-${i}`;
        await insertCampaign({
          campaignCode: code,
          productCodes: offered.map((p) => p.productCode),
          holdoutShare: 0.1,
          target: { tiers: [], segmentIds: [], filter: regionIs(region) },
        });
        await audience.build(code, { decidedOn });
        await retire(code);
        const byCustomer = new Map((await members(code)).map((m) => [m.customer_id, m]));
        for (const c of genCustomers) {
          const m = byCustomer.get(c.customerId);
          const expected = expectedReason(c, offered, code, decidedOn, settings);
          if (expected) fired.add(expected);
          expect({ code, customer: c, reason: m?.exclusion_reason ?? null }).toEqual({ code, customer: c, reason: expected });
          if (expected && expected !== 'CONSENT_MISSING') expect(offered.map((p) => p.productCode)).toContain(m?.exclusion_detail?.productCode);
          compared++;
        }
      }
      expect(compared).toBe(genCustomers.length * offers.length);
      // the generated data exercises every suitability reason
      expect([...fired].sort()).toEqual(['CONSENT_MISSING', 'ELDERLY_NON_GUARANTEED', 'RISK_MISMATCH']);
    });
  });
});
