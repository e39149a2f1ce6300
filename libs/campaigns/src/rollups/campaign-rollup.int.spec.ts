import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplianceModule } from '@banca/compliance';
import {
  audienceMembers,
  campaignEvents,
  campaigns,
  complaints,
  customers,
  customerSnapshots,
  customerTiers,
  products,
  sales,
  sql,
} from '@banca/db';
import { SYSTEM_ACTOR } from '@banca/domain';
import { IngestionModule, IngestionService, type IngestionOutcome } from '@banca/ingestion';
import { JobName } from '@banca/queue';
import { SegmentationModule } from '@banca/segmentation';
import { createFeatureTestApp, pseudonym, type FeatureTestApp } from '@banca/testing';
import { CampaignsModule } from '../campaigns.module';
import type { RollupEntity } from './campaign-rollup.repository';
import { CampaignRollupService } from './campaign-rollup.service';

// ---------------------------------------------------------------------------------------------------
// A seeded random dataset: customers with snapshots and tiers, products offered and not, a launched
// campaign (audience_members, excluded members too) and an imported one (audience from its events, with a
// holdout), events, sales in and out of the windows with cancellations, surrenders and lapses, complaints.

/** mulberry32: a small seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const addDays = (date: string, days: number) => toDate((dayNumber(date) + days) * DAY);
const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);
/** date + n months as PostgreSQL adds an interval: the day clamped to the target month's length. */
function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toDate(Date.UTC(year, month, Math.min(d, last)));
}
const periodOf = (grain: string, date: string) => {
  if (grain === 'day') return date;
  if (grain === 'month') return `${date.slice(0, 8)}01`;
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return addDays(date, -weekday);
};
/** Amounts as whole fen, so sums compare exactly. */
const fen = (v: unknown) => (v === null || v === undefined ? 0 : Math.round(Number(v) * 100));
/** numeric round(premium × fee_rate, 2) for premium in fen and a rate with 6 decimals, in fen (half away from zero). */
function feeFen(premiumFen: number, feeRate: number | null): number {
  const micro = Math.round((feeRate ?? 0) * 1e6);
  const n = premiumFen * micro;
  const q = Math.floor(n / 1e6);
  return q + (n - q * 1e6 >= 500_000 ? 1 : 0);
}

interface Dataset {
  today: string;
  platform: string;
  imported: string;
}

const PLATFORM = 'ROLL-A';
const IMPORTED = 'ROLL-B';
const CHANNELS = ['app', 'branch', 'phone', null];
const TIERS = ['mass', 'affluent', 'hnw', null];
const pick = <T,>(rnd: () => number, values: readonly T[]): T => values[Math.floor(rnd() * values.length)]!;

async function seedDataset(t: FeatureTestApp): Promise<Dataset> {
  const db = t.handle.db;
  const rnd = random(20240515);
  const ids = Array.from({ length: 300 }, (_, i) => pseudonym(`rollup-${i}`));
  const dateBetween = (from: string, to: string) => addDays(from, Math.floor(rnd() * (daysBetween(from, to) + 1)));

  await db.insert(products).values([
    { productCode: 'RP-ANN', name: 'Annuity', provider: 'INS', category: 'participating_annuity', riskLevel: 'R3', premiumMode: 'annual', termYears: 10, coolingOffDays: 15, feeRate: 0.123457 },
    { productCode: 'RP-MON', name: 'Health', provider: 'INS', category: 'critical_illness', riskLevel: 'R2', premiumMode: 'monthly', termYears: 20, coolingOffDays: 20, feeRate: 0.08 },
    { productCode: 'RP-SGL', name: 'Single', provider: 'INS', category: 'universal_life', riskLevel: 'R3', premiumMode: 'single', termYears: 5, coolingOffDays: 10, feeRate: null },
    { productCode: 'RP-SAMECAT', name: 'Other annuity', provider: 'INS', category: 'participating_annuity', riskLevel: 'R3', premiumMode: 'annual', termYears: 10, coolingOffDays: 15, feeRate: 0.1 },
    { productCode: 'RP-OTHER', name: 'Deposit', provider: 'BANK', category: 'deposit', riskLevel: 'R1', premiumMode: 'single', termYears: null, coolingOffDays: 15, feeRate: 0.01 },
  ]);
  const productCodes = ['RP-ANN', 'RP-MON', 'RP-SGL', 'RP-SAMECAT', 'RP-OTHER', 'RP-UNKNOWN'];

  await db.insert(campaigns).values([
    { campaignCode: PLATFORM, name: 'Platform', origin: 'platform', status: 'running', startDate: '2024-03-01', endDate: '2024-04-30', attributionDays: 30, productCodes: ['RP-ANN', 'RP-MON', 'RP-UNKNOWN'], holdoutShare: 0.2 },
    { campaignCode: IMPORTED, name: 'Imported', origin: 'imported', status: 'completed', startDate: '2024-05-15', endDate: '2024-06-30', attributionDays: 20, productCodes: ['RP-SGL', 'RP-ANN'], holdoutShare: 0.1 },
  ]);

  // snapshots: 0-4 per customer; the customers row holds the latest
  const snapshots: (typeof customerSnapshots.$inferInsert)[] = [];
  const latest = new Map<string, typeof customerSnapshots.$inferInsert>();
  for (const id of ids) {
    const dates = [...new Set(Array.from({ length: Math.floor(rnd() * 5) }, () => dateBetween('2023-06-01', '2025-08-31')))].sort();
    for (const asOf of dates) {
      const row = {
        customerId: id,
        asOf,
        region: pick(rnd, ['Shanghai', 'Beijing', null]),
        branchCode: pick(rnd, ['B1', 'B2', null]),
        investableAssets: rnd() < 0.15 ? null : rnd() < 0.1 ? 0 : Math.round(rnd() * 5_000_000) / 100,
      };
      snapshots.push(row);
      latest.set(id, row);
    }
  }
  if (snapshots.length > 0) await db.insert(customerSnapshots).values(snapshots);
  const current = [...latest.values()].map(({ customerId, asOf, region, branchCode, investableAssets }) => ({ customerId, asOf: asOf!, region, branchCode, investableAssets }));
  if (current.length > 0) await db.insert(customers).values(current);
  const tiers = ids.filter(() => rnd() < 0.7).map((customerId) => ({ customerId, tier: pick(rnd, ['mass', 'affluent', 'hnw']), ruleVersion: 1, asOf: '2024-01-01' }));
  await db.insert(customerTiers).values(tiers);

  // platform audience: 220 customers, a tenth excluded
  await db.insert(audienceMembers).values(
    ids.slice(0, 220).map((customerId) => {
      const r = rnd();
      const group = r < 0.1 ? 'excluded' : r < 0.35 ? 'holdout' : 'treatment';
      return {
        customerId,
        campaignCode: PLATFORM,
        group,
        exclusionReason: group === 'excluded' ? 'CONSENT_MISSING' : null,
        tier: pick(rnd, TIERS),
        branchCode: pick(rnd, ['B1', 'B2', 'B3', null]),
        region: pick(rnd, ['Shanghai', 'Beijing', null]),
      };
    }),
  );

  // events: the platform's (some of non-members and out of the window), the imported campaign's with groups
  const events = new Map<string, typeof campaignEvents.$inferInsert>();
  const addEvent = (row: typeof campaignEvents.$inferInsert) => events.set(`${row.customerId}|${row.campaignCode}|${row.event}|${row.occurredAt}`, row);
  for (const id of ids.slice(0, 240)) {
    for (let k = Math.floor(rnd() * 5); k > 0; k--) {
      addEvent({ customerId: id, campaignCode: PLATFORM, event: pick(rnd, ['contacted', 'contacted', 'responded', 'offer_redeemed', 'opted_out']), occurredAt: dateBetween('2024-02-01', '2024-07-15'), channel: pick(rnd, CHANNELS) });
    }
  }
  for (const id of ids.slice(150, 300)) {
    if (rnd() < 0.2) continue;
    const holdout = rnd() < 0.25;
    for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
      addEvent({
        customerId: id,
        campaignCode: IMPORTED,
        event: pick(rnd, ['contacted', 'responded', 'offer_redeemed', 'opted_out']),
        occurredAt: dateBetween('2024-05-01', '2024-08-31'),
        channel: pick(rnd, CHANNELS),
        // a holdout customer need not say so on every event
        group: holdout ? (rnd() < 0.6 ? 'holdout' : null) : pick(rnd, ['treatment', null]),
      });
    }
  }
  await db.insert(campaignEvents).values([...events.values()]);

  // sales: offered and other products, in and out of the windows, every status
  const saleRows: (typeof sales.$inferInsert)[] = [];
  let saleNo = 0;
  for (const id of ids) {
    // a few sales anywhere, and a few of the offered products around the two windows
    for (let k = Math.floor(rnd() * 8); k > 0; k--) {
      const around = k % 2 === 0;
      const soldAt = around ? dateBetween('2024-02-20', '2024-08-10') : dateBetween('2023-09-01', '2024-10-31');
      const r = rnd();
      const status = r < 0.55 ? 'active' : r < 0.7 ? 'cancelled_cooling_off' : r < 0.8 ? 'surrendered' : r < 0.92 ? 'lapsed' : 'matured';
      const statusAt =
        status === 'active' ? null
        : status === 'cancelled_cooling_off' ? (rnd() < 0.15 ? null : addDays(soldAt, Math.floor(rnd() * 30)))
        : rnd() < 0.1 ? null
        : addDays(soldAt, 20 + Math.floor(rnd() * 600));
      saleRows.push({
        customerId: id,
        saleId: `RS${String(++saleNo).padStart(5, '0')}`,
        productCode: around ? pick(rnd, ['RP-ANN', 'RP-MON', 'RP-SGL', 'RP-UNKNOWN']) : pick(rnd, productCodes),
        soldAt,
        amount: Math.round(1000 + rnd() * 5_000_000) / 100,
        premiumMode: pick(rnd, [null, null, null, 'monthly', 'annual', 'single']),
        channel: pick(rnd, CHANNELS),
        staffCode: pick(rnd, ['S1', 'S2', 'S3', null]),
        status,
        statusAt,
      });
    }
  }
  await db.insert(sales).values(saleRows);

  const complaintRows = ids
    .filter(() => rnd() < 0.3)
    .flatMap((customerId, i) =>
      Array.from({ length: 1 + Math.floor(rnd() * 2) }, (_, j) => ({
        customerId,
        complaintId: `RC${i}-${j}`,
        receivedAt: dateBetween('2024-02-01', '2024-09-30'),
        category: pick(rnd, ['mis_selling', 'service', null]),
        channel: pick(rnd, CHANNELS),
      })),
    );
  await db.insert(complaints).values(complaintRows);
  return { today: '2025-06-30', platform: PLATFORM, imported: IMPORTED };
}

// ---------------------------------------------------------------------------------------------------
// The direct computation: DATA.md's definitions in TypeScript over the raw rows (not the rollup's SQL).

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

const MEASURES = [
  'customers', 'contacted', 'responded', 'redeemed', 'opted_out', 'converted', 'sales', 'premium', 'fee_income',
  'cooling_off_cancelled', 'surrendered', 'persistency_due', 'persistency_active', 'persistency_due_premium',
  'persistency_active_premium', 'complaints', 'mis_selling_complaints', 'aum_customers', 'aum_start', 'aum_end',
  'held_before', 'held_after',
] as const;
const MONEY = new Set(['premium', 'fee_income', 'persistency_due_premium', 'persistency_active_premium', 'aum_start', 'aum_end', 'base_amount', 'retained_amount']);
const PERIOD_MEASURES = ['contacted', 'responded', 'converted', 'sales', 'premium', 'fee_income', 'complaints', 'cooling_off_cancelled'] as const;

type Measures = Record<string, number>;
const zero = (names: readonly string[]): Measures => Object.fromEntries(names.map((m) => [m, 0]));

interface RawTables {
  campaign: Row;
  members: Row[];
  events: Row[];
  sales: Row[];
  products: Map<string, Row>;
  complaints: Row[];
  snapshots: Row[];
  tiers: Map<string, string>;
  customers: Map<string, Row>;
}

async function readRaw(t: FeatureTestApp, code: string): Promise<RawTables> {
  const rows = (q: ReturnType<typeof sql>) => t.handle.rows<Row>(q);
  const [campaign] = await rows(sql`SELECT campaign_code, origin, start_date::text AS start_date, end_date::text AS end_date, attribution_days, product_codes FROM campaigns WHERE campaign_code = ${code}`);
  return {
    campaign: campaign!,
    members: await rows(sql`SELECT customer_id, "group", tier, branch_code, region FROM audience_members WHERE campaign_code = ${code}`),
    events: await rows(sql`SELECT customer_id, event, occurred_at::text AS occurred_at, channel, "group" FROM campaign_events WHERE campaign_code = ${code}`),
    sales: await rows(sql`SELECT customer_id, sale_id, product_code, sold_at::text AS sold_at, amount::text AS amount, premium_mode, channel, staff_code, status, status_at::text AS status_at FROM sales`),
    products: new Map((await rows(sql`SELECT product_code, category, premium_mode, cooling_off_days, fee_rate::text AS fee_rate FROM products`)).map((p) => [String(p.product_code), p])),
    complaints: await rows(sql`SELECT customer_id, received_at::text AS received_at, category, channel FROM complaints`),
    snapshots: await rows(sql`SELECT customer_id, as_of::text AS as_of, investable_assets::text AS investable_assets FROM customer_snapshots`),
    tiers: new Map((await rows(sql`SELECT customer_id, tier FROM customer_tiers`)).map((r) => [String(r.customer_id), String(r.tier)])),
    customers: new Map((await rows(sql`SELECT customer_id, branch_code, region FROM customers`)).map((r) => [String(r.customer_id), r])),
  };
}

interface Expected {
  figures: Map<string, Measures>;
  byPeriod: Map<string, Measures>;
  curves: Map<string, Measures>;
  holdoutConverted: number;
}

function directFigures(raw: RawTables, today: string): Expected {
  const start = String(raw.campaign.start_date);
  const windowEnd = addDays(String(raw.campaign.end_date), Number(raw.campaign.attribution_days));
  const after = windowEnd < today ? windowEnd : today;
  const inW = (d: string) => d >= start && d <= windowEnd;
  const offered = (raw.campaign.product_codes as string[]).map(String);
  const categories = new Set(offered.map((c) => raw.products.get(c)?.category).filter((c): c is string => typeof c === 'string'));

  // the audience
  const audience = new Map<string, { arm: string; tier: string | null; branch: string | null; region: string | null }>();
  if (raw.campaign.origin === 'imported') {
    for (const e of raw.events) {
      const id = String(e.customer_id);
      const customer = raw.customers.get(id);
      const prior = audience.get(id);
      const arm = prior?.arm === 'holdout' || e.group === 'holdout' ? 'holdout' : 'treatment';
      audience.set(id, { arm, tier: raw.tiers.get(id) ?? null, branch: str(customer?.branch_code), region: str(customer?.region) });
    }
  } else {
    for (const m of raw.members) {
      if (m.group === 'excluded') continue;
      audience.set(String(m.customer_id), { arm: String(m.group), tier: str(m.tier), branch: str(m.branch_code), region: str(m.region) });
    }
  }

  // per member
  interface Fact { events: Map<string, { on: string; channel: string | null }>; firstSale: Row | null; measures: Measures; aumStart: number | null; aumEnd: number | null }
  const facts = new Map<string, Fact>();
  for (const id of audience.keys()) facts.set(id, { events: new Map(), firstSale: null, measures: zero(MEASURES), aumStart: null, aumEnd: null });
  for (const e of raw.events) {
    const f = facts.get(String(e.customer_id));
    const on = String(e.occurred_at);
    if (!f || !inW(on)) continue;
    const prior = f.events.get(String(e.event));
    if (!prior || on < prior.on) f.events.set(String(e.event), { on, channel: str(e.channel) });
  }
  const periodItems: { id: string; day: string; channel: string | null; m: Partial<Measures> }[] = [];
  const persistencySales: { id: string; soldAt: string; status: string; statusAt: string | null; premium: number }[] = [];
  for (const s of raw.sales) {
    const id = String(s.customer_id);
    const f = facts.get(id);
    if (!f) continue;
    const p = raw.products.get(String(s.product_code));
    const soldAt = String(s.sold_at);
    const status = String(s.status);
    const statusAt = str(s.status_at);
    const activeOn = (d: string) => status === 'active' || (statusAt !== null && statusAt > d);
    if (p && categories.has(String(p.category))) {
      if (soldAt < start && activeOn(start)) f.measures.held_before = 1;
      if (soldAt <= after && activeOn(after)) f.measures.held_after = 1;
    }
    if (!offered.includes(String(s.product_code)) || !inW(soldAt)) continue;
    const mode = str(s.premium_mode) ?? str(p?.premium_mode);
    const premium = fen(s.amount) * (mode === 'monthly' ? 12 : 1);
    const fee = feeFen(premium, p?.fee_rate === null || p?.fee_rate === undefined ? null : Number(p.fee_rate));
    const cooled = status === 'cancelled_cooling_off' && (statusAt === null || (p !== undefined && daysBetween(soldAt, statusAt) <= Number(p.cooling_off_days)));
    const m = f.measures;
    m.sales! += 1;
    m.premium! += premium;
    m.fee_income! += fee;
    if (cooled) m.cooling_off_cancelled! += 1;
    if (status === 'surrendered') m.surrendered! += 1;
    const regular = mode === 'annual' || mode === 'monthly';
    if (regular) {
      persistencySales.push({ id, soldAt, status, statusAt, premium });
      const at13 = addMonths(soldAt, 13);
      if (at13 <= today) {
        m.persistency_due! += 1;
        m.persistency_due_premium! += premium;
        if (activeOn(at13)) {
          m.persistency_active! += 1;
          m.persistency_active_premium! += premium;
        }
      }
    }
    if (!f.firstSale || soldAt < String(f.firstSale.sold_at) || (soldAt === String(f.firstSale.sold_at) && String(s.sale_id) < String(f.firstSale.sale_id))) f.firstSale = s;
    periodItems.push({ id, day: soldAt, channel: str(s.channel), m: { sales: 1, premium, fee_income: fee, cooling_off_cancelled: cooled ? 1 : 0 } });
  }
  for (const c of raw.complaints) {
    const id = String(c.customer_id);
    const f = facts.get(id);
    if (!f || !inW(String(c.received_at))) continue;
    f.measures.complaints! += 1;
    if (c.category === 'mis_selling') f.measures.mis_selling_complaints! += 1;
    periodItems.push({ id, day: String(c.received_at), channel: str(c.channel), m: { complaints: 1 } });
  }
  const snapshotsOf = new Map<string, Row[]>();
  for (const s of raw.snapshots) snapshotsOf.set(String(s.customer_id), [...(snapshotsOf.get(String(s.customer_id)) ?? []), s]);
  /** Investable assets of the snapshot in force at `date` (latest as_of ≤ date), or null. */
  const assetsAt = (id: string, date: string): number | null => {
    const inForce = (snapshotsOf.get(id) ?? []).filter((s) => String(s.as_of) <= date).sort((a, b) => String(b.as_of).localeCompare(String(a.as_of)))[0];
    return inForce && inForce.investable_assets !== null ? fen(inForce.investable_assets) : null;
  };
  for (const [id, f] of facts) {
    f.aumStart = assetsAt(id, start);
    f.aumEnd = after >= start ? assetsAt(id, after) : null;
    const m = f.measures;
    m.customers = 1;
    m.contacted = f.events.has('contacted') ? 1 : 0;
    m.responded = f.events.has('responded') ? 1 : 0;
    m.redeemed = f.events.has('offer_redeemed') ? 1 : 0;
    m.opted_out = f.events.has('opted_out') ? 1 : 0;
    m.converted = f.firstSale ? 1 : 0;
    if (f.aumStart !== null && f.aumEnd !== null) {
      m.aum_customers = 1;
      m.aum_start = f.aumStart;
      m.aum_end = f.aumEnd;
    }
    for (const kind of ['contacted', 'responded'] as const) {
      const e = f.events.get(kind);
      if (e) periodItems.push({ id, day: e.on, channel: e.channel, m: { [kind]: 1 } });
    }
    if (f.firstSale) periodItems.push({ id, day: String(f.firstSale.sold_at), channel: str(f.firstSale.channel), m: { converted: 1 } });
  }

  // campaign_figures
  const figures = new Map<string, Measures>();
  const add = (target: Map<string, Measures>, key: string, names: readonly string[], m: Partial<Measures>) => {
    const row = target.get(key) ?? zero(names);
    for (const name of names) row[name]! += m[name] ?? 0;
    target.set(key, row);
  };
  const armSize = new Map<string, number>();
  for (const [id, f] of facts) {
    const a = audience.get(id)!;
    armSize.set(a.arm, (armSize.get(a.arm) ?? 0) + 1);
    add(figures, `total||${a.arm}`, MEASURES, f.measures);
    add(figures, `tier|${a.tier ?? ''}|${a.arm}`, MEASURES, f.measures);
    add(figures, `branch|${a.branch ?? ''}|${a.arm}`, MEASURES, f.measures);
    add(figures, `region|${a.region ?? ''}|${a.arm}`, MEASURES, f.measures);
    if (f.firstSale) {
      const sale = f.firstSale;
      add(figures, `channel|${str(sale.channel) ?? ''}|${a.arm}`, MEASURES, f.measures);
      add(figures, `staff|${str(sale.staff_code) ?? ''}|${a.arm}`, MEASURES, f.measures);
      add(figures, `product|${String(sale.product_code)}|${a.arm}`, MEASURES, f.measures);
    }
  }
  for (const [key, row] of figures) {
    const [dimension, , arm] = key.split('|');
    if (dimension === 'channel' || dimension === 'staff' || dimension === 'product') row.customers = armSize.get(arm!)!;
  }

  // campaign_figures_by_period
  const byPeriod = new Map<string, Measures>();
  for (const item of periodItems) {
    const a = audience.get(item.id)!;
    for (const grain of ['day', 'week', 'month']) {
      const period = periodOf(grain, item.day);
      add(byPeriod, `${grain}|${period}|total||${a.arm}`, PERIOD_MEASURES, item.m);
      add(byPeriod, `${grain}|${period}|tier|${a.tier ?? ''}|${a.arm}`, PERIOD_MEASURES, item.m);
      add(byPeriod, `${grain}|${period}|channel|${item.channel ?? ''}|${a.arm}`, PERIOD_MEASURES, item.m);
    }
  }

  // retention curves
  const curves = new Map<string, Measures>();
  const CURVE = ['base', 'retained', 'base_amount', 'retained_amount'];
  for (const s of persistencySales) {
    const arm = audience.get(s.id)!.arm;
    for (let month = 0; month <= 24; month++) {
      const at = addMonths(s.soldAt, month);
      if (at > today) continue;
      const retained = s.status === 'active' || (s.statusAt !== null && s.statusAt > at);
      add(curves, `persistency|${arm}|${month}`, CURVE, { base: 1, retained: retained ? 1 : 0, base_amount: s.premium, retained_amount: retained ? s.premium : 0 });
    }
  }
  for (const id of facts.keys()) {
    const arm = audience.get(id)!.arm;
    const atStart = assetsAt(id, start);
    if (atStart === null) continue;
    for (let month = 0; month <= 24; month++) {
      const at = addMonths(start, month);
      if (at > today) continue;
      const then = assetsAt(id, at);
      if (then === null) continue;
      add(curves, `aum|${arm}|${month}`, CURVE, { base: 1, retained: then > 0 ? 1 : 0, base_amount: atStart, retained_amount: then });
    }
  }
  return { figures, byPeriod, curves, holdoutConverted: figures.get('total||holdout')?.converted ?? 0 };
}

/** Stored rollup rows keyed like the direct computation, amounts in fen. */
function keyed(rows: Row[], keyOf: (r: Row) => string, names: readonly string[]): Map<string, Measures> {
  return new Map(rows.map((r) => [keyOf(r), Object.fromEntries(names.map((n) => [n, MONEY.has(n) ? fen(r[n]) : Number(r[n])]))]));
}

// ---------------------------------------------------------------------------------------------------

describe('campaign rollup: figures refreshed from the raw tables', () => {
  let t: FeatureTestApp;
  let rollups: CampaignRollupService;
  let data: Dataset;

  beforeAll(async () => {
    t = await createFeatureTestApp({ imports: [IngestionModule, SegmentationModule, ComplianceModule, CampaignsModule] });
    rollups = t.app.get(CampaignRollupService);
    data = await seedDataset(t);
  }, 120_000);
  afterAll(async () => t?.close());

  const stored = async (code: string) => ({
    figures: keyed(
      await t.handle.rows<Row>(sql`SELECT * FROM campaign_figures WHERE campaign_code = ${code}`),
      (r) => `${String(r.dimension)}|${String(r.key)}|${String(r.arm)}`,
      MEASURES,
    ),
    byPeriod: keyed(
      await t.handle.rows<Row>(sql`SELECT *, period::text AS period FROM campaign_figures_by_period WHERE campaign_code = ${code}`),
      (r) => `${String(r.grain)}|${String(r.period)}|${String(r.dimension)}|${String(r.key)}|${String(r.arm)}`,
      PERIOD_MEASURES,
    ),
    curves: keyed(
      await t.handle.rows<Row>(sql`SELECT * FROM campaign_retention_curve WHERE campaign_code = ${code}`),
      (r) => `${String(r.kind)}|${String(r.arm)}|${String(r.month)}`,
      ['base', 'retained', 'base_amount', 'retained_amount'],
    ),
  });
  const sorted = (m: Map<string, Measures>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));

  it.each([
    ['a launched campaign (audience members, some excluded)', PLATFORM],
    ['an imported campaign (audience and holdout from its events)', IMPORTED],
  ])('%s: every figure, period and curve equals the direct computation', async (_, code) => {
    const outcome = await rollups.refresh([code], 'on-demand', { today: data.today });
    const expected = directFigures(await readRaw(t, code), data.today);
    const actual = await stored(code);

    // the dataset exercises what is measured: conversions in both arms, money, cancellations, AUM, curves
    const total = (arm: string) => expected.figures.get(`total||${arm}`)!;
    for (const arm of ['treatment', 'holdout']) {
      expect(total(arm).customers).toBeGreaterThan(5);
      expect(total(arm).converted).toBeGreaterThan(0);
    }
    const both = { ...total('treatment') };
    for (const [k, v] of Object.entries(total('holdout'))) both[k]! += v;
    for (const measure of ['contacted', 'sales', 'cooling_off_cancelled', 'surrendered', 'persistency_due', 'complaints', 'mis_selling_complaints', 'aum_customers', 'held_before', 'held_after']) {
      expect(both[measure], measure).toBeGreaterThan(0);
    }
    expect(both.persistency_active).toBeLessThan(both.persistency_due!);
    expect(expected.curves.size).toBeGreaterThan(20);

    expect(outcome).toMatchObject({ campaigns: 1, members: total('treatment').customers! + total('holdout').customers! });
    expect(sorted(actual.figures)).toEqual(sorted(expected.figures));
    expect(sorted(actual.byPeriod)).toEqual(sorted(expected.byPeriod));
    expect(sorted(actual.curves)).toEqual(sorted(expected.curves));

    const [state] = await t.handle.rows<Row>(sql`SELECT reason, members FROM campaign_rollup_state WHERE campaign_code = ${code}`);
    expect(state).toMatchObject({ reason: 'on-demand', members: outcome.members });
  });

  it('counts conversions in the holdout too: a holdout customer buying an offered product in the window converts', async () => {
    const [treated, held, heldLate] = [pseudonym('rollup-h1'), pseudonym('rollup-h2'), pseudonym('rollup-h3')];
    await t.handle.db.insert(campaigns).values({ campaignCode: 'ROLL-H', name: 'Holdout', status: 'running', startDate: '2024-03-01', endDate: '2024-03-31', attributionDays: 10, productCodes: ['RP-ANN'] });
    await t.handle.db.insert(audienceMembers).values([
      { customerId: treated, campaignCode: 'ROLL-H', group: 'treatment' },
      { customerId: held, campaignCode: 'ROLL-H', group: 'holdout' },
      { customerId: heldLate, campaignCode: 'ROLL-H', group: 'holdout' },
    ]);
    await t.handle.db.insert(sales).values([
      // the holdout was never contacted, never named the campaign on the sale: it still converts
      { customerId: held, saleId: 'RH1', productCode: 'RP-ANN', soldAt: '2024-04-10', amount: 1000, campaignCode: null },
      // after the window (end + 10 days): not a conversion
      { customerId: heldLate, saleId: 'RH2', productCode: 'RP-ANN', soldAt: '2024-04-11', amount: 1000 },
    ]);
    await rollups.refresh(['ROLL-H'], 'on-demand', { today: '2025-01-01' });
    const rows = await t.handle.rows<Row>(sql`
      SELECT arm, customers, converted, sales, premium::float8 AS premium FROM campaign_figures
      WHERE campaign_code = 'ROLL-H' AND dimension = 'total' ORDER BY arm`);
    expect(rows).toEqual([
      { arm: 'holdout', customers: 2, converted: 1, sales: 1, premium: 1000 },
      { arm: 'treatment', customers: 1, converted: 0, sales: 0, premium: 0 },
    ]);
  });

  describe('after a load', () => {
    const customerA = pseudonym('rollup-inc-a');
    const customerB = pseudonym('rollup-inc-b');
    const refreshedAt = async () =>
      Object.fromEntries(
        (await t.handle.rows<{ campaign_code: string; at: string }>(sql`
          SELECT campaign_code, refreshed_at::text AS at FROM campaign_rollup_state WHERE campaign_code IN ('ROLL-INC-A', 'ROLL-INC-B')`)).map((r) => [r.campaign_code, r.at]),
      );

    beforeAll(async () => {
      await t.handle.db.insert(campaigns).values([
        { campaignCode: 'ROLL-INC-A', name: 'A', status: 'running', startDate: '2024-06-01', endDate: '2024-06-30', attributionDays: 30, productCodes: ['RP-ANN'] },
        { campaignCode: 'ROLL-INC-B', name: 'B', status: 'running', startDate: '2024-06-01', endDate: '2024-06-30', attributionDays: 30, productCodes: ['RP-ANN'] },
      ]);
      await t.handle.db.insert(audienceMembers).values([
        { customerId: customerA, campaignCode: 'ROLL-INC-A', group: 'treatment' },
        { customerId: customerB, campaignCode: 'ROLL-INC-B', group: 'treatment' },
      ]);
      await rollups.refresh(['ROLL-INC-A', 'ROLL-INC-B'], 'on-demand');
    });

    it('a sales load refreshes, as its follow-up job, only the campaigns it touches', async () => {
      const before = await refreshedAt();
      expect(Object.keys(before).sort()).toEqual(['ROLL-INC-A', 'ROLL-INC-B']);
      const ingestion = t.app.get(IngestionService);
      const run = await ingestion.upload({
        entity: 'sales',
        fileName: 'sales.csv',
        content: Readable.from([Buffer.from(`sale_id,customer_id,product_code,sold_at,amount,channel\nRINC1,${customerA},RP-ANN,2024-06-20,2500,app\n`)]),
        pseudonymized: true,
        actor: SYSTEM_ACTOR,
      });
      const job = await t.queue.waitFor(run.jobId!, { timeoutMs: 60_000 });
      expect(job.state).toBe('completed');
      const followUps = await Promise.all((job.result as IngestionOutcome).followUpJobIds.map((id) => t.queue.waitFor(id, { timeoutMs: 60_000 })));
      const refresh = followUps.find((f) => f.name === JobName.RefreshCampaignRollups);
      expect(refresh).toMatchObject({ state: 'completed', result: { campaigns: 1, campaignCodes: ['ROLL-INC-A'] } });

      const after = await refreshedAt();
      expect(after['ROLL-INC-A']).not.toBe(before['ROLL-INC-A']);
      expect(after['ROLL-INC-B']).toBe(before['ROLL-INC-B']);
      const [figure] = await t.handle.rows<Row>(sql`
        SELECT converted, sales FROM campaign_figures WHERE campaign_code = 'ROLL-INC-A' AND dimension = 'total' AND arm = 'treatment'`);
      expect(figure).toEqual({ converted: 1, sales: 1 });
      const [state] = await t.handle.rows<Row>(sql`SELECT reason FROM campaign_rollup_state WHERE campaign_code = 'ROLL-INC-A'`);
      expect(state).toEqual({ reason: 'ingestion' });
    });

    // each load refreshes the campaigns it can change, and only those
    it.each([
      ['campaign events of B', 'campaign_events', `campaign_code,customer_id,event,occurred_at\nROLL-INC-B,${customerB},contacted,2024-06-05\n`, ['ROLL-INC-B']],
      ['a complaint of B\'s customer in its window', 'complaints', `complaint_id,customer_id,received_at,category\nRINCC1,${customerB},2024-06-10,service\n`, ['ROLL-INC-B']],
      ['a complaint of B\'s customer after its window', 'complaints', `complaint_id,customer_id,received_at,category\nRINCC2,${customerB},2024-09-10,service\n`, []],
      ['a snapshot of A\'s customer', 'customers', `customer_id,as_of,investable_assets\n${customerA},2024-06-01,100000\n`, ['ROLL-INC-A']],
      [
        'a product only the launched campaign offers',
        'products',
        'product_code,name,provider,category,risk_level,premium_mode,cooling_off_days,fee_rate\nRP-MON,Health,INS,critical_illness,R2,monthly,20,0.09\n',
        [PLATFORM],
      ],
      ['an imported campaign', 'campaigns', 'campaign_code,name,start_date,end_date,product_codes\nROLL-IMP2,Imported,2024-01-01,2024-02-01,RP-SGL\n', ['ROLL-IMP2']],
    ] satisfies [string, RollupEntity, string, string[]][])('%s (%s load)', async (_, entity, content, expected) => {
      const run = await t.app.get(IngestionService).upload({
        entity,
        fileName: `${entity}.csv`,
        content: Readable.from([Buffer.from(content)]),
        pseudonymized: true,
        actor: SYSTEM_ACTOR,
      });
      const job = await t.queue.waitFor(run.jobId!, { timeoutMs: 60_000 });
      expect(job.state).toBe('completed');
      const followUps = await Promise.all((job.result as IngestionOutcome).followUpJobIds.map((id) => t.queue.waitFor(id, { timeoutMs: 60_000 })));
      const refresh = followUps.find((f) => f.name === JobName.RefreshCampaignRollups);
      expect(refresh).toMatchObject({ state: 'completed', result: { campaigns: expected.length, campaignCodes: expected } });
    });
  });
});
