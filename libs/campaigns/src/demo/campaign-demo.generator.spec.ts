import { describe, expect, it } from 'vitest';
import { campaignPlanSchema } from '@banca/contracts';
import { assignTier, campaignLaunchProblems, campaignPlanProblems, type AudienceGroup, type CampaignPlan, type Tier } from '@banca/domain';
import { addDays } from '@banca/ingestion';
import { campaignDemoDataset, campaignDemoOutcomes, type CampaignDemoDataset, type DemoAudienceMember } from './campaign-demo.generator';
import { CAMPAIGN_DEMO_CODES, CAMPAIGN_DEMO_PRODUCTS } from './campaign-demo.plans';

const ANCHOR = '2026-07-15';
const text = (chunks: Iterable<string>) => [...chunks].join('');
const rowsOf = (csv: string) => csv.trimEnd().split('\n').slice(1).map((line) => line.split(','));
const pseudonymOf = (raw: string) => `P${raw}`;

/** A stand-in audience: every consenting customer, a tenth (by position) in the holdout. */
function audiences(dataset: CampaignDemoDataset): Map<string, DemoAudienceMember[]> {
  const consenting = dataset.people.filter((p) => p.profile.consentMarketing && p.profile.consentSharing);
  return new Map(
    dataset.campaigns.map((spec) => [
      spec.code,
      consenting.map((p, i) => ({ customerId: pseudonymOf(p.profile.rawId), group: (i % 10 === 3 ? 'holdout' : 'treatment') as AudienceGroup })),
    ]),
  );
}

describe('campaign demo generator', () => {
  const dataset = campaignDemoDataset({ anchor: ANCHOR, customers: 1500, seed: 7 });

  it('is deterministic for a seed and differs for another', () => {
    const again = campaignDemoDataset({ anchor: ANCHOR, customers: 1500, seed: 7 });
    for (const entity of ['customers', 'sales', 'complaints', 'products', 'staff'] as const) {
      expect(text(again.baseFiles[entity]())).toBe(text(dataset.baseFiles[entity]()));
    }
    expect(again.campaigns).toEqual(dataset.campaigns);
    expect(again.campaignProducts).toBe(dataset.campaignProducts);
    expect(campaignDemoOutcomes(again, audiences(again), pseudonymOf)).toEqual(campaignDemoOutcomes(dataset, audiences(dataset), pseudonymOf));

    const other = campaignDemoDataset({ anchor: ANCHOR, customers: 1500, seed: 8 });
    expect(text(other.baseFiles.customers())).not.toBe(text(dataset.baseFiles.customers()));
    expect(campaignDemoOutcomes(other, audiences(other), pseudonymOf).sales).not.toBe(campaignDemoOutcomes(dataset, audiences(dataset), pseudonymOf).sales);
  });

  it('without a seed generates the customers the start-up demo loads (DemoDataService defaults)', () => {
    const plain = campaignDemoDataset({ anchor: ANCHOR, customers: 300 });
    expect(plain.baseOptions).toEqual({ anchor: ANCHOR, customers: 300, sales: 600 });
    expect(plain.people[0]!.profile.rawId).toBe(campaignDemoDataset({ anchor: ANCHOR, customers: 50 }).people[0]!.profile.rawId);
  });

  it('has the requested number of customers, twice as many history sales, and a plausible tier mix', () => {
    const customers = rowsOf(text(dataset.baseFiles.customers()));
    expect(new Set(customers.map((r) => r[0])).size).toBe(1500);
    expect(rowsOf(text(dataset.baseFiles.sales()))).toHaveLength(3000);
    const tiers: Record<Tier, number> = { hnw: 0, middle: 0, basic: 0 };
    for (const person of dataset.people) {
      const latest = person.snapshots[person.snapshots.length - 1]!;
      tiers[assignTier({ investableAssets: latest.investableAssets, householdAnnualIncome: latest.householdAnnualIncome })] += 1;
    }
    expect(tiers.hnw / 1500).toBeGreaterThan(0.01);
    expect(tiers.hnw / 1500).toBeLessThan(0.1);
    expect(tiers.middle / 1500).toBeGreaterThan(0.15);
    expect(tiers.middle / 1500).toBeLessThan(0.5);
    expect(tiers.basic).toBeGreaterThan(tiers.middle);
    // incomes and assets are skewed: the mean well above the median
    const assets = dataset.people.map((p) => p.snapshots[0]!.investableAssets).sort((a, b) => a - b);
    const mean = assets.reduce((a, b) => a + b, 0) / assets.length;
    expect(mean).toBeGreaterThan(1.5 * assets[Math.floor(assets.length / 2)]!);
  });

  it('plans the six campaigns of PRODUCT.md, each valid and launchable, some completed, two running, one scheduled', () => {
    expect(dataset.campaigns.map((c) => c.code)).toEqual([...CAMPAIGN_DEMO_CODES]);
    for (const spec of dataset.campaigns) {
      const parsed = campaignPlanSchema.safeParse(spec.plan);
      expect(parsed.success, `${spec.code}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(campaignPlanProblems(spec.plan as CampaignPlan), spec.code).toEqual([]);
      expect(campaignLaunchProblems(spec.plan as CampaignPlan), spec.code).toEqual([]);
      expect(spec.plan.holdoutShare).toBe(0.1);
      const lines = Object.values(spec.plan.budgetLines).reduce((a, b) => a + (b ?? 0), 0);
      expect(lines).toBeLessThanOrEqual(spec.plan.budget);
      expect(spec.launchOn === null || spec.launchOn <= ANCHOR).toBe(true);
      if (spec.launchOn !== null) expect(spec.launchOn <= spec.plan.startDate || spec.launchLate).toBe(true);
    }
    const state = (c: (typeof dataset.campaigns)[number]) => {
      const windowEnd = addDays(c.plan.endDate, c.plan.attributionDays);
      if (c.plan.startDate > ANCHOR) return 'scheduled';
      return windowEnd < ANCHOR ? 'completed' : 'running';
    };
    expect(dataset.campaigns.map(state)).toEqual(['completed', 'completed', 'running', 'completed', 'running', 'scheduled']);
    // every offered product exists: the campaign products file or the base demo's products
    const known = new Set([...rowsOf(text(dataset.baseFiles.products())).map((r) => r[0]), ...CAMPAIGN_DEMO_PRODUCTS.map((p) => p.code)]);
    for (const spec of dataset.campaigns) for (const code of spec.plan.productCodes) expect(known.has(code), code).toBe(true);
  });

  it('generates outcomes: the treatment contacted and converting above the holdout, nothing after the anchor, nothing for the holdout but sales', () => {
    const outcomes = campaignDemoOutcomes(dataset, audiences(dataset), pseudonymOf);
    expect(outcomes.summary.map((s) => s.code)).toEqual(['MORTGAGE-BUNDLE', 'WEALTH-HEALTH', 'CARD-RIGHTS', 'SILVER-AGE', 'PAYROLL-MICRO']);
    for (const s of outcomes.summary) {
      expect(s.holdout / (s.treatment + s.holdout)).toBeCloseTo(0.1, 2);
      expect(s.treatmentConverted / s.treatment, s.code).toBeGreaterThan(s.holdoutConverted / s.holdout);
    }
    const events = rowsOf(outcomes.campaignEvents);
    expect(events.length).toBeGreaterThan(1000);
    const holdoutIds = new Set(
      [...audiences(dataset).values()][0]!.filter((m) => m.group === 'holdout').map((m) => m.customerId.slice(1)),
    );
    for (const [code, raw, event, , occurredAt, group] of events) {
      const plan = dataset.campaigns.find((c) => c.code === code)!.plan;
      expect(occurredAt! < ANCHOR && occurredAt! >= plan.startDate, `${code} ${event} ${occurredAt}`).toBe(true);
      expect(group).toBe('treatment');
      expect(holdoutIds.has(raw!)).toBe(false);
    }
    // card rights: about a quarter of the contacted redeem (seed 003: 25 %)
    const card = events.filter((e) => e[0] === 'CARD-RIGHTS');
    const distinct = (kind: string) => new Set(card.filter((e) => e[2] === kind).map((e) => e[1])).size;
    expect(distinct('offer_redeemed') / distinct('contacted')).toBeGreaterThan(0.15);
    expect(distinct('offer_redeemed') / distinct('contacted')).toBeLessThan(0.35);

    const sales = rowsOf(outcomes.sales);
    const ids = new Set(dataset.people.map((p) => p.profile.rawId));
    for (const sale of sales) {
      expect(ids.has(sale[1]!)).toBe(true);
      expect(sale[3]! < ANCHOR).toBe(true);
    }
    const statuses = new Set(sales.map((s) => s[12]));
    for (const status of ['active', 'cancelled_cooling_off', 'lapsed']) expect(statuses.has(status), status).toBe(true);
    expect(sales.some((s) => s[14] !== '')).toBe(true); // renewals of the wealth-linked health cover
    expect(rowsOf(outcomes.complaints).length).toBeGreaterThan(3);

    // silver age: AUM kept better in the treatment (about 92 %) than in the holdout
    const snapshots = rowsOf(outcomes.customers);
    expect(snapshots.length).toBeGreaterThan(100);
    for (const spend of outcomes.spend) {
      const plan = dataset.campaigns.find((c) => c.code === spend.code)!.plan;
      for (const entry of spend.entries) {
        expect(entry.amount).toBeGreaterThan(0);
        expect(entry.spentOn < ANCHOR).toBe(true);
      }
      const byLine = new Map<string, number>();
      for (const e of spend.entries) byLine.set(e.line, (byLine.get(e.line) ?? 0) + e.amount);
      for (const [line, total] of byLine) expect(total, `${spend.code} ${line}`).toBeLessThanOrEqual((plan.budgetLines[line as 'promotion'] ?? 0) * 1.05);
    }
  });

  it('retains the silver-age treatment AUM at about 92 %, the holdout less', () => {
    const audience = audiences(dataset);
    const outcomes = campaignDemoOutcomes(dataset, audience, pseudonymOf);
    const silver = dataset.campaigns.find((c) => c.code === 'SILVER-AGE')!;
    const groupOf = new Map(audience.get('SILVER-AGE')!.map((m) => [m.customerId.slice(1), m.group]));
    const rows = rowsOf(outcomes.customers);
    const assetsAt = (asOf: string) => new Map(rows.filter((r) => r[19] === asOf).map((r) => [r[0]!, Number(r[8] || 0)]));
    const asOfs = [...new Set(rows.map((r) => r[19]!))].sort();
    expect(asOfs[0]! < silver.plan.startDate).toBe(true);
    const [start, end] = [assetsAt(asOfs[0]!), assetsAt(asOfs[1]!)];
    const retention = (group: AudienceGroup) => {
      let before = 0;
      let after = 0;
      for (const [raw, assets] of start) {
        if (groupOf.get(raw) !== group || !end.has(raw)) continue;
        before += assets;
        after += end.get(raw)!;
      }
      return after / before;
    };
    expect(retention('treatment')).toBeGreaterThan(0.86);
    expect(retention('treatment')).toBeLessThan(0.99);
    expect(retention('holdout')).toBeLessThan(retention('treatment'));
  });
});
