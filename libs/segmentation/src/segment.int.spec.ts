import { createHash } from 'node:crypto';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignsModule } from '@banca/campaigns';
import { ComplianceModule } from '@banca/compliance';
import { segmentRuleSchema } from '@banca/contracts';
import { customers, products, sales, sql } from '@banca/db';
import {
  ageOn,
  assignTier,
  matchesSegmentRule,
  PRODUCT_CATEGORIES,
  SEGMENT_BOOLEAN_FIELDS,
  SEGMENT_NUMERIC_COMPARISONS,
  SEGMENT_NUMERIC_FIELDS,
  SEGMENT_TEXT_FIELDS,
  SYSTEM_ACTOR,
  TIERS,
  type SegmentCondition,
  type SegmentCustomerFacts,
  type SegmentRule,
} from '@banca/domain';
import { IngestionModule } from '@banca/ingestion';
import { createFeatureTestApp, type FeatureTestApp } from '@banca/testing';
import { compileSegmentRule } from './segment-rule.compiler';
import { SegmentService } from './segment.service';
import { SegmentationModule } from './segmentation.module';
import { TierService } from './tier.service';

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20250630);
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const maybe = <T>(value: () => T, nullShare = 0.15): T | null => (random() < nullShare ? null : value());
const pseudonym = (i: number) => createHash('sha256').update(`segment-spec-${i}`).digest('hex');

const REGIONS = ['Beijing', 'Shanghai', '广东', '=SUM(A1)'];
const STATUSES = ['active', 'active', 'active', 'lapsed', 'surrendered', 'cancelled_cooling_off', 'matured'];

type Facts = SegmentCustomerFacts & { customerId: string };

/** A date as YYYY-MM-DD shifted by whole days from `date`. */
function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Birth dates around today's month and day (the age boundary), on 29 February, and anywhere. */
function birthDate(today: string): string {
  const year = 1940 + Math.floor(random() * 66);
  const r = random();
  if (r < 0.3) return `${year}-${shiftDays(today, Math.floor(random() * 3) - 1).slice(5)}`.replace(/-02-29$/, '-02-28');
  if (r < 0.4) return `${year - (year % 4)}-02-29`;
  return `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
}

const amount = (scale: number) => Math.round(random() * scale * 100) / 100;

function generateCustomers(count: number, today: string): Facts[] {
  return Array.from({ length: count }, (_, i) => {
    const knownDate = random() < 0.45;
    return {
      customerId: pseudonym(i),
      birthDate: knownDate ? birthDate(today) : null,
      birthYear: !knownDate && random() < 0.7 ? 1940 + Math.floor(random() * 66) : null,
      monthlyIncome: maybe(() => pick([3_000, 5_000, 12_000, amount(40_000)])),
      householdAnnualIncome: maybe(() => pick([200_000, amount(600_000), amount(150_000)])),
      investableAssets: maybe(() => pick([500_000, 5_000_000, amount(8_000_000), amount(600_000)])),
      depositBalance: maybe(() => amount(300_000)),
      wealthBalance: maybe(() => amount(2_000_000), 0.3),
      mortgageBalance: maybe(() => amount(1_500_000), 0.5),
      cardSpend12m: maybe(() => pick([100_000, amount(250_000)])),
      region: maybe(() => pick(REGIONS), 0.1),
      branchCode: maybe(() => `B${1 + Math.floor(random() * 6)}`, 0.1),
      gender: maybe(() => pick(['F', 'M']), 0.2),
      riskLevel: maybe(() => pick(['C1', 'C2', 'C3', 'C4', 'C5'])),
      payroll: maybe(() => random() < 0.5),
      hasMortgage: maybe(() => random() < 0.3),
      consentMarketing: maybe(() => random() < 0.8),
      consentDataSharing: random() < 0.7 ? true : maybe(() => false, 0.5),
      tier: null,
      activeCategories: new Set<string>(),
    };
  });
}

/** A condition whose value is usually taken from the data, so equality and boundaries are hit. */
function randomCondition(data: Facts[], today: string): SegmentCondition {
  const kind = random();
  const someone = () => pick(data);
  if (kind < 0.35) {
    const field = pick(SEGMENT_NUMERIC_FIELDS);
    const sample = () => {
      const c = someone();
      const v = field === 'age' ? ageOn(c.birthDate, c.birthYear, today) : c[field];
      return v ?? Math.round(random() * 100_000);
    };
    const r = random();
    if (r < 0.1) return { field, op: pick(['missing', 'present'] as const) };
    if (r < 0.25) {
      const [a, b] = [sample(), sample()].sort((x, y) => x - y);
      return { field, op: 'between', min: a!, max: b! };
    }
    return { field, op: pick(SEGMENT_NUMERIC_COMPARISONS), value: sample() };
  }
  if (kind < 0.55) {
    const field = pick(SEGMENT_TEXT_FIELDS);
    const value = () => someone()[field] ?? 'nobody';
    const r = random();
    if (r < 0.1) return { field, op: pick(['missing', 'present'] as const) };
    if (r < 0.5) return { field, op: pick(['eq', 'ne'] as const), value: value() };
    return { field, op: pick(['in', 'notIn'] as const), values: [value(), value()] };
  }
  if (kind < 0.72) {
    const field = pick(SEGMENT_BOOLEAN_FIELDS);
    return random() < 0.15 ? { field, op: pick(['missing', 'present'] as const) } : { field, op: 'is', value: random() < 0.5 };
  }
  if (kind < 0.85) {
    return random() < 0.5
      ? { field: 'tier', op: pick(['eq', 'ne'] as const), value: pick(TIERS) }
      : { field: 'tier', op: pick(['in', 'notIn'] as const), values: [pick(TIERS), pick(TIERS)] };
  }
  return { field: 'holding', op: pick(['holds', 'notHolds'] as const), category: pick(PRODUCT_CATEGORIES) };
}

/** A rule tree with groups nested at most `depth` deep. */
function randomRule(data: Facts[], today: string, depth: number): SegmentRule {
  if (depth === 0 || random() < 0.3) return randomCondition(data, today);
  const children = Array.from({ length: Math.floor(random() * 4) }, () => randomRule(data, today, depth - 1));
  if (random() < 0.5) return { all: children };
  return { any: children.length > 0 ? children : [randomCondition(data, today)] };
}

describe('saved segments: rule trees compiled to SQL', () => {
  let t: FeatureTestApp;
  let segments: SegmentService;
  let data: Facts[];
  let today: string;

  const plainFilter = (rule: SegmentRule) => data.filter((c) => matchesSegmentRule(rule, c, today));
  const consenting = (rows: Facts[]) => rows.filter((c) => c.consentDataSharing === true);
  const ids = (rows: { customerId: string }[]) => rows.map((r) => r.customerId).sort();

  async function sqlMatches(rule: SegmentRule): Promise<string[]> {
    const rows = await t.handle.rows<{ customer_id: string }>(sql`
      SELECT c.customer_id FROM customers c LEFT JOIN customer_tiers t ON t.customer_id = c.customer_id
      WHERE ${compileSegmentRule(rule)} ORDER BY 1`);
    return rows.map((r) => r.customer_id);
  }

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    segments = t.app.get(SegmentService);
    today = (await t.handle.rows<{ d: string }>(sql`SELECT CURRENT_DATE::text AS d`))[0]!.d;
    data = generateCustomers(400, today);
    await t.handle.db.insert(products).values(
      PRODUCT_CATEGORIES.map((category) => ({ productCode: `P-${category}`, name: category, provider: 'partner', category, riskLevel: 'R2' })),
    );
    await t.handle.db.insert(customers).values(data.map(({ tier: _t, activeCategories: _a, ...c }) => ({ ...c, asOf: '2025-06-30' })));
    const saleRows = data.flatMap((c, i) =>
      Array.from({ length: Math.floor(random() * 4) }, (_, k) => {
        const category = pick(PRODUCT_CATEGORIES);
        const status = pick(STATUSES);
        if (status === 'active') c.activeCategories = new Set([...c.activeCategories, category]);
        return { customerId: c.customerId, saleId: `S${i}-${k}`, productCode: `P-${category}`, soldAt: '2025-01-15', amount: 1_000, status };
      }),
    );
    await t.handle.db.insert(sales).values(saleRows);
    const jobId = await t.app.get(TierService).requestRetier('on-demand');
    expect((await t.queue.waitFor(jobId, { timeoutMs: 60_000 })).state).toBe('completed');
    for (const c of data) c.tier = assignTier(c);
  });
  afterAll(async () => t?.close());

  it('selects exactly the customers a plain TypeScript filter of the same rows selects, for random trees up to depth 3', async () => {
    let informative = 0;
    for (let i = 0; i < 150; i++) {
      const rule = segmentRuleSchema.parse(randomRule(data, today, 3));
      const expected = ids(plainFilter(rule));
      expect({ rule, members: await sqlMatches(rule) }).toEqual({ rule, members: expected });
      if (expected.length > 0 && expected.length < data.length) informative++;
    }
    // Most trees split the customers, so agreement is not the trivial "everyone" or "no one".
    expect(informative).toBeGreaterThan(60);
  });

  it('agrees at the age boundary: birthdays today, yesterday and tomorrow', async () => {
    for (const age of [30, 50, 60]) {
      for (const op of ['gte', 'lt', 'eq'] as const) {
        const rule: SegmentRule = { field: 'age', op, value: age };
        expect(await sqlMatches(rule)).toEqual(ids(plainFilter(rule)));
      }
    }
  });

  it('previews only consenting members, says how many were excluded for consent, and samples 20 pseudonym prefixes', async () => {
    const rule: SegmentRule = { any: [{ field: 'tier', op: 'in', values: ['middle', 'hnw'] }, { field: 'payroll', op: 'is', value: true }] };
    const matching = plainFilter(rule);
    const preview = await segments.preview({ rule });
    expect(preview.members).toBe(consenting(matching).length);
    expect(preview.excludedWithoutConsent).toBe(matching.length - consenting(matching).length);
    expect(preview.excludedWithoutConsent).toBeGreaterThan(0);
    expect(preview.asOf).toBe(today);
    expect(preview.sample).toHaveLength(20);
    const allowed = new Map(consenting(matching).map((c) => [c.customerId.slice(0, 12), c]));
    for (const member of preview.sample) {
      expect(Object.keys(member).sort()).toEqual(['ageBand', 'branchCode', 'customerRef', 'gender', 'hasMortgage', 'payroll', 'region', 'riskLevel', 'tier']);
      const customer = allowed.get(member.customerRef);
      expect(customer).toBeDefined();
      expect(member).toMatchObject({ tier: customer!.tier, region: customer!.region, riskLevel: customer!.riskLevel });
    }
  });

  it('never lets a rule bring in customers without data-sharing consent, even one asking for them', async () => {
    const rule: SegmentRule = { field: 'consentDataSharing', op: 'is', value: false };
    expect(plainFilter(rule).length).toBeGreaterThan(0);
    const preview = await segments.preview({ rule });
    expect(preview).toMatchObject({ members: 0, excludedWithoutConsent: plainFilter(rule).length, sample: [] });
  });

  it('exports the consenting members page by page, as CSV and as Arrow, the same set both ways', async () => {
    const rule: SegmentRule = { all: [{ field: 'holding', op: 'notHolds', category: 'accident' }, { field: 'age', op: 'gte', value: 30 }] };
    const saved = await segments.create({ name: 'No accident cover, 30+', description: null, rule }, SYSTEM_ACTOR);
    const expected = ids(consenting(plainFilter(rule)));
    expect(expected.length).toBeGreaterThan(40);

    const csv = await segments.exportMembers(saved.id, 'csv', { pageSize: 17 });
    let text = '';
    for await (const chunk of csv.body) text += String(chunk);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFcustomer_id,tier,region,/);
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(expected);
    expect(lines.some((l) => l.includes(",'=SUM(A1),"))).toBe(true);
    expect(lines.some((l) => l.includes(',=SUM(A1)'))).toBe(false);

    const arrow = await segments.exportMembers(saved.id, 'arrow', { pageSize: 17 });
    const chunks: Uint8Array[] = [];
    for await (const chunk of arrow.body) chunks.push(chunk as Uint8Array);
    const table = tableFromIPC(Buffer.concat(chunks));
    expect(table.batches.length).toBe(Math.ceil(expected.length / 17));
    expect(table.getChild('customer_id')!.toArray().slice().sort()).toEqual(expected);
  });
});
