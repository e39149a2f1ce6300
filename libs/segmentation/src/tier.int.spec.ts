import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignsModule } from '@banca/campaigns';
import { ComplianceModule } from '@banca/compliance';
import { customers, customerSnapshots, sql, tierRuleSets } from '@banca/db';
import { assignTier, DEFAULT_TIER_THRESHOLDS, type Tier, type TierRuleVersion } from '@banca/domain';
import { IngestionModule } from '@banca/ingestion';
import { createFeatureTestApp, type FeatureTestApp } from '@banca/testing';
import { SegmentationModule } from './segmentation.module';
import { TierService } from './tier.service';

/** Values on and around every default threshold, plus unknowns, zero and the far tails. */
const BOUNDARY_VALUES: (number | null)[] = [
  null, 0, 0.01, 199_999.99, 200_000, 200_000.01, 499_999.99, 500_000, 500_000.01,
  4_999_999.99, 5_000_000, 5_000_000.01, 12_345_678.9, 10_000_000_000,
];

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generated {
  customerId: string;
  investableAssets: number | null;
  householdAnnualIncome: number | null;
  region: string;
  branchCode: string;
}

/** Every pair of boundary values, then random amounts (some missing) around the thresholds. */
function generateCustomers(random: () => number, randomCount: number): Generated[] {
  const rows: Generated[] = [];
  const place = (i: number) => ({ region: i % 3 === 0 ? 'North' : 'South', branchCode: `B${i % 5}` });
  for (const assets of BOUNDARY_VALUES) {
    for (const income of BOUNDARY_VALUES) {
      const i = rows.length;
      rows.push({ customerId: `c${String(i).padStart(63, '0')}`, investableAssets: assets, householdAnnualIncome: income, ...place(i) });
    }
  }
  const amount = (scale: number) => (random() < 0.1 ? null : Math.round(random() * scale * 100) / 100);
  for (let k = 0; k < randomCount; k++) {
    const i = rows.length;
    rows.push({ customerId: `r${String(i).padStart(63, '0')}`, investableAssets: amount(8_000_000), householdAnnualIncome: amount(600_000), ...place(i) });
  }
  return rows;
}

describe('set-based tiering', () => {
  let t: FeatureTestApp;
  let tiers: TierService;
  let generated: Generated[];

  async function retier(): Promise<void> {
    const jobId = await tiers.requestRetier('on-demand');
    expect((await t.queue.waitFor(jobId, { timeoutMs: 60_000 })).state).toBe('completed');
  }

  async function storedTiers(table: 'customers' | 'snapshots') {
    const query = table === 'customers'
      ? sql`SELECT c.customer_id, c.as_of::text AS as_of, c.investable_assets, c.household_annual_income, t.tier, t.rule_version
            FROM customers c LEFT JOIN customer_tiers t ON t.customer_id = c.customer_id`
      : sql`SELECT s.customer_id, s.as_of::text AS as_of, s.investable_assets, s.household_annual_income, h.tier, h.rule_version
            FROM customer_snapshots s LEFT JOIN tier_history h ON h.customer_id = s.customer_id AND h.as_of = s.as_of`;
    const rows = await t.handle.rows<{
      customer_id: string;
      as_of: string;
      investable_assets: string | number | null;
      household_annual_income: string | number | null;
      tier: Tier | null;
      rule_version: number | null;
    }>(query);
    const num = (v: string | number | null) => (v === null ? null : Number(v));
    return rows.map((r) => ({
      customerId: r.customer_id,
      asOf: r.as_of,
      inputs: { investableAssets: num(r.investable_assets), householdAnnualIncome: num(r.household_annual_income) },
      tier: r.tier,
      ruleVersion: r.rule_version === null ? null : Number(r.rule_version),
    }));
  }

  /** Every customer row tiered with `current`, every snapshot with the version given for its as_of. */
  async function expectSqlMatchesAssignTier(current: TierRuleVersion, snapshotVersions: Record<string, TierRuleVersion>) {
    for (const table of ['customers', 'snapshots'] as const) {
      const rows = await storedTiers(table);
      expect(rows.length).toBe(table === 'customers' ? generated.length : generated.length * 2);
      const mismatches = rows.filter((r) => {
        const version = table === 'customers' ? current : snapshotVersions[r.asOf]!;
        return r.tier !== assignTier(r.inputs, version.thresholds) || r.ruleVersion !== version.version;
      });
      expect(mismatches.slice(0, 5)).toEqual([]);
    }
  }

  const defaults: TierRuleVersion = { version: 1, effectiveFrom: '1970-01-01', thresholds: DEFAULT_TIER_THRESHOLDS };

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    tiers = t.app.get(TierService);
    generated = generateCustomers(prng(42), 2000);
    for (let i = 0; i < generated.length; i += 500) {
      const batch = generated.slice(i, i + 500);
      await t.handle.db.insert(customers).values(batch.map((g) => ({ ...g, asOf: '2025-06-30' })));
      await t.handle.db.insert(customerSnapshots).values([
        ...batch.map((g) => ({ ...g, asOf: '2025-06-30' })),
        ...batch.map((g) => ({
          ...g,
          asOf: '2024-12-31',
          investableAssets: g.investableAssets === null ? null : Math.round(g.investableAssets * 90) / 100,
        })),
      ]);
    }
  });
  afterAll(async () => t?.close());

  it('counts nothing before the first re-tier: all three tiers at zero, no rule version', async () => {
    expect(await tiers.tierCounts({})).toEqual({
      tiers: [
        { tier: 'hnw', customers: 0 },
        { tier: 'middle', customers: 0 },
        { tier: 'basic', customers: 0 },
      ],
      total: 0,
      ruleVersion: null,
      computedAt: null,
      regions: ['North', 'South'],
    });
  });

  it('seeds the PRODUCT.md defaults as version 1 and the SQL agrees with assignTier on every customer and snapshot', async () => {
    await retier();
    const [seeded] = await t.handle.db.select().from(tierRuleSets);
    expect(seeded).toMatchObject({ version: 1, thresholds: DEFAULT_TIER_THRESHOLDS, effectiveFrom: '1970-01-01' });
    await expectSqlMatchesAssignTier(defaults, { '2024-12-31': defaults, '2025-06-30': defaults });

    const rows = await storedTiers('customers');
    const tierOf = (assets: number | null, income: number | null) =>
      rows.find((r) => r.inputs.investableAssets === assets && r.inputs.householdAnnualIncome === income && r.customerId.startsWith('c'))?.tier;
    expect(tierOf(5_000_000, null)).toBe('hnw');
    expect(tierOf(4_999_999.99, null)).toBe('middle');
    expect(tierOf(499_999.99, 199_999.99)).toBe('basic');
    expect(tierOf(null, 200_000)).toBe('middle');
    expect(tierOf(500_000, null)).toBe('middle');
    expect(tierOf(null, null)).toBe('basic');
    expect(tierOf(0, 10_000_000_000)).toBe('middle');
  });

  it('counts customers per tier, filtered by region and branch, with the rule version and time', async () => {
    const rows = await storedTiers('customers');
    const expected = (filter: (g: Generated) => boolean) => {
      const ids = new Set(generated.filter(filter).map((g) => g.customerId));
      const counts = { hnw: 0, middle: 0, basic: 0 };
      for (const r of rows) if (ids.has(r.customerId)) counts[r.tier!]++;
      return [
        { tier: 'hnw', customers: counts.hnw },
        { tier: 'middle', customers: counts.middle },
        { tier: 'basic', customers: counts.basic },
      ];
    };
    const all = await tiers.tierCounts({});
    expect(all.tiers).toEqual(expected(() => true));
    expect(all.total).toBe(generated.length);
    expect(all.tiers.every((x) => x.customers > 0)).toBe(true);
    expect(all.ruleVersion).toBe(1);
    expect(Date.now() - Date.parse(all.computedAt!)).toBeLessThan(60_000);
    expect((await tiers.tierCounts({ region: 'North' })).tiers).toEqual(expected((g) => g.region === 'North'));
    expect((await tiers.tierCounts({ region: 'South', branchCode: 'B2' })).tiers).toEqual(
      expected((g) => g.region === 'South' && g.branchCode === 'B2'),
    );
    const nowhere = await tiers.tierCounts({ region: 'Atlantis' });
    expect(nowhere.total).toBe(0);
    expect(nowhere.tiers.map((x) => x.tier)).toEqual(['hnw', 'middle', 'basic']);
  });

  it('tiers each snapshot with the version in force on its as_of and current tiers with the one in force today', async () => {
    // Thresholds sitting exactly on generated values, so the boundaries of this version are exercised too.
    const v2: TierRuleVersion = {
      version: 2,
      effectiveFrom: '2025-01-01',
      thresholds: { hnwInvestableAssets: 4_999_999.99, middleHouseholdIncome: 200_000.01, middleInvestableAssets: 499_999.99 },
    };
    await t.handle.db.insert(tierRuleSets).values([
      { thresholds: { ...v2.thresholds }, effectiveFrom: v2.effectiveFrom, note: 'test: from 2025' },
      { thresholds: { hnwInvestableAssets: 2, middleHouseholdIncome: 1, middleInvestableAssets: 1 }, effectiveFrom: '2999-01-01', note: 'test: later' },
    ]);
    await retier();
    await expectSqlMatchesAssignTier(v2, { '2024-12-31': defaults, '2025-06-30': v2 });
    expect((await tiers.tierCounts({})).ruleVersion).toBe(2);
    expect((await tiers.ruleSetInForce()).version).toBe(2);
  });

  it('applies a version from its effective date itself, the highest version winning a tie of dates', async () => {
    const raised = { hnwInvestableAssets: 3_000_000.5, middleHouseholdIncome: 150_000, middleInvestableAssets: 400_000 };
    await t.handle.db.insert(tierRuleSets).values([
      { thresholds: { hnwInvestableAssets: 9, middleHouseholdIncome: 9, middleInvestableAssets: 8 }, effectiveFrom: '2025-06-30', note: 'test: tie, lower' },
      { thresholds: raised, effectiveFrom: '2025-06-30', note: 'test: tie, higher' },
    ]);
    await retier();
    const v5: TierRuleVersion = { version: 5, effectiveFrom: '2025-06-30', thresholds: raised };
    await expectSqlMatchesAssignTier(v5, { '2024-12-31': defaults, '2025-06-30': v5 });
    const history = await t.handle.rows<{ as_of: string; rule_version: number }>(
      sql`SELECT DISTINCT as_of::text AS as_of, rule_version FROM tier_history ORDER BY 1`,
    );
    expect(history.map((h) => [h.as_of, Number(h.rule_version)])).toEqual([['2024-12-31', 1], ['2025-06-30', 5]]);
  });

  it('re-tiering again changes no tier and no history row', async () => {
    const before = await t.handle.rows(sql`SELECT customer_id, as_of::text, tier, computed_at FROM tier_history ORDER BY 1, 2`);
    await retier();
    const after = await t.handle.rows(sql`SELECT customer_id, as_of::text, tier, computed_at FROM tier_history ORDER BY 1, 2`);
    expect(after).toEqual(before);
  });
});
