import type { RecordSpendRequest } from '@banca/contracts';
import type { AudienceGroup, BudgetLine } from '@banca/domain';
import {
  addDays,
  addMonths,
  DEMO_CUSTOMERS_HEADER,
  DEMO_PORTFOLIO_DEFAULTS,
  demoCustomerCells,
  demoCustomers,
  demoCustomersCsv,
  demoPortfolio,
  demoSnapshotDates,
  prng,
  type DemoCustomer,
  type DemoCustomerSnapshot,
} from '@banca/ingestion';
import {
  CAMPAIGN_DEMO_PRODUCTS,
  campaignDemoSpecs,
  type CampaignDemoProduct,
  type CampaignDemoSpec,
  type CampaignOutcomeModel,
} from './campaign-demo.plans';

/**
 * The campaigns demo (issue 5, "Demo that tells the story"): a deterministic bank + insurer dataset at any
 * size — the base demo of libs/ingestion (branches, staff, products, customers with snapshots, two years of
 * sales, complaints) plus the products the campaigns offer — and the six PRODUCT.md campaigns with, once
 * their audiences are built, outcomes: events, sales, complaints, AUM snapshots and spend. Everything here
 * is pure: the same options (and the same audiences) give the same bytes. Files carry the partners' raw
 * customer ids, pseudonymised on arrival like any partner file.
 */
export interface CampaignDemoOptions {
  /** The demo's "today" (YYYY-MM-DD). */
  anchor: string;
  customers?: number;
  /** History sales (default: two per customer). */
  sales?: number;
  /**
   * Seeds the customers (seed), the portfolio (seed + 1) and the outcomes (seed + 2). Absent: the seeds of
   * the base demo (what DemoDataService loads at start-up), so the campaigns fit the customers it loaded.
   */
  seed?: number;
}

export const CAMPAIGN_DEMO_DEFAULTS = { customers: 4000, outcomeSeed: 20240605 } as const;

/** The size the campaign budgets are set for (they scale with the number of customers). */
const BUDGET_REFERENCE_CUSTOMERS = 4000;

/** The entities of the base files, in load order. */
export const CAMPAIGN_DEMO_BASE_FILES = ['branches', 'staff', 'products', 'customers', 'sales', 'complaints'] as const;
export type CampaignDemoBaseEntity = (typeof CAMPAIGN_DEMO_BASE_FILES)[number];

/** The generated dataset before any campaign is launched. */
export interface CampaignDemoDataset {
  anchor: string;
  customers: number;
  sales: number;
  seed: number | undefined;
  /** The base demo's options, as DemoDataService.ensureDemoData takes them. */
  baseOptions: { anchor: string; customers: number; sales: number; seed?: number };
  /** The base demo's files; `customers` is produced lazily (it is the large one). */
  baseFiles: Record<CampaignDemoBaseEntity, () => Iterable<string>>;
  /** The products the campaigns offer that the base demo lacks (a products file). */
  campaignProducts: string;
  campaigns: CampaignDemoSpec[];
  /** The customers, in file order: raw ids stay inside the generator and its files. */
  people: DemoCustomer[];
}

/** An audience member as the platform stores it: the customer's pseudonym and its arm. */
export interface DemoAudienceMember {
  customerId: string;
  group: AudienceGroup;
}

/** The outcome files of the launched campaigns, and the spend to record per campaign. */
export interface CampaignDemoOutcomes {
  campaignEvents: string;
  sales: string;
  complaints: string;
  /** Customer snapshots (the silver-age audience's AUM before and after); empty when none. */
  customers: string;
  spend: { code: string; entries: RecordSpendRequest[] }[];
  /** Per campaign: members, converted by arm (as generated; history sales may add a few conversions). */
  summary: { code: string; treatment: number; holdout: number; treatmentConverted: number; holdoutConverted: number }[];
}

// ---------------------------------------------------------------------------------------------------

const csvCell = (v: string | number | null) => {
  const text = v === null ? '' : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csv = (header: readonly string[], rows: readonly (readonly (string | number | null)[])[]) =>
  [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
const moneyText = (n: number) => (Math.round(n * 100) / 100).toFixed(2);
const toDate = (d: string) => new Date(`${d}T00:00:00Z`).getTime();
const daysBetween = (from: string, to: string) => Math.round((toDate(to) - toDate(from)) / 86_400_000);
const minDate = (a: string, b: string) => (a < b ? a : b);
const lastDayOfPreviousMonth = (d: string) => addDays(`${d.slice(0, 7)}-01`, -1);

/** A small string hash (FNV-1a) to derive one PRNG stream per campaign from the seed. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A history sale of the base demo, as much as the outcomes need (what a customer held when). */
interface Holding {
  category: string;
  soldAt: string;
  /** Until when it is in force (exclusive); '9999-12-31' while active. */
  until: string;
}

/** The dataset for `options`: base files, campaign products and the six campaigns. */
export function campaignDemoDataset(options: CampaignDemoOptions): CampaignDemoDataset {
  const { anchor, seed } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(anchor) || Number.isNaN(toDate(anchor))) throw new Error(`the anchor must be a date (YYYY-MM-DD), not "${anchor}"`);
  const customers = options.customers ?? CAMPAIGN_DEMO_DEFAULTS.customers;
  if (!Number.isInteger(customers) || customers < 50) throw new Error('the demo needs at least 50 customers');
  const sales = options.sales ?? customers * 2;
  const customerOptions = { customers, snapshots: demoSnapshotDates(anchor), ...(seed === undefined ? {} : { seed }) };
  const portfolio = demoPortfolio({
    anchor,
    customers: customerOptions,
    sales,
    seed: seed === undefined ? DEMO_PORTFOLIO_DEFAULTS.seed : seed + 1,
  });
  return {
    anchor,
    customers,
    sales,
    seed,
    baseOptions: { anchor, customers, sales, ...(seed === undefined ? {} : { seed }) },
    baseFiles: {
      branches: () => [portfolio.branches],
      staff: () => [portfolio.staff],
      products: () => [portfolio.products],
      customers: () => demoCustomersCsv(customerOptions),
      sales: () => [portfolio.sales],
      complaints: () => [portfolio.complaints],
    },
    campaignProducts: csv(
      ['product_code', 'name', 'provider', 'category', 'risk_level', 'premium_mode', 'term_years', 'cooling_off_days', 'fee_rate'],
      CAMPAIGN_DEMO_PRODUCTS.map((p) => [p.code, p.name, p.provider, p.category, `R${p.risk}`, p.mode, p.termYears, 15, p.feeRate]),
    ),
    campaigns: campaignDemoSpecs(anchor, customers / BUDGET_REFERENCE_CUSTOMERS),
    people: [...demoCustomers(customerOptions)],
  };
}

/** Per raw id, the base demo's sales with their category and how long each was in force. */
function historyHoldings(dataset: CampaignDemoDataset): Map<string, Holding[]> {
  const [productsText] = [...dataset.baseFiles.products()];
  const categories = new Map<string, string>();
  for (const line of (productsText ?? '').trimEnd().split('\n').slice(1)) {
    // product_code,name,provider,category,...: names may be quoted but hold no comma in the demo
    const cells = line.split(',');
    categories.set(cells[0]!, cells[3]!);
  }
  const holdings = new Map<string, Holding[]>();
  const [salesText] = [...dataset.baseFiles.sales()];
  const lines = (salesText ?? '').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const at = (name: string) => header.indexOf(name);
  const [customer, product, soldAt, status, statusAt] = ['customer_id', 'product_code', 'sold_at', 'status', 'status_at'].map(at) as [number, number, number, number, number];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const category = categories.get(cells[product]!);
    if (!category) continue;
    const list = holdings.get(cells[customer]!) ?? [];
    list.push({ category, soldAt: cells[soldAt]!, until: cells[status] === 'active' ? '9999-12-31' : cells[statusAt] || '9999-12-31' });
    holdings.set(cells[customer]!, list);
  }
  return holdings;
}

const STAFFED = new Set(['branch', 'account_manager', 'phone']);
/** Staff the base demo gives a qualification problem: campaign sales avoid them. */
const STAFF_WITH_PROBLEMS = new Set(['GD002-03', 'BJ001-02', 'SC001-01', 'SH003-03']);
const BANK_CATEGORIES = new Set(['deposit', 'wealth', 'mortgage', 'card']);
/** Covers nobody needs twice: a customer already holding one converts less often. */
const PROTECTION_CATEGORIES = new Set(['accident', 'medical', 'critical_illness', 'term_life', 'home_property']);
const ORGANIC_CHANNELS = ['branch', 'app', 'account_manager', 'online'] as const;

const SPEND_NOTES: Record<BudgetLine, string> = {
  promotion: 'Posters, app banners and SMS',
  gifts: 'Gifts and vouchers',
  training: 'Staff training and seminar hosts',
  fees: 'Channel and service fees',
};

/**
 * The outcomes of the launched campaigns, given their audiences (by campaign code) and the pseudonymiser
 * the platform uses (to recognise the generated customers behind the stored pseudonyms). Treatment
 * customers are contacted, respond, redeem and convert at the campaign's rate; holdout customers convert
 * at the baseline, with no contact. Nothing dated on or after the anchor is generated.
 */
export function campaignDemoOutcomes(
  dataset: CampaignDemoDataset,
  audiences: ReadonlyMap<string, readonly DemoAudienceMember[]>,
  pseudonymOf: (rawId: string) => string,
): CampaignDemoOutcomes {
  const lastDay = addDays(dataset.anchor, -1);
  const index = new Map<string, number>();
  dataset.people.forEach((person, i) => index.set(pseudonymOf(person.profile.rawId), i));
  const holdings = historyHoldings(dataset);
  const productByCode = new Map<string, { category: string; mode: string; termYears: number | null; amount: readonly [number, number] }>(
    CAMPAIGN_DEMO_PRODUCTS.map((p: CampaignDemoProduct) => [p.code, p]),
  );
  const outcomeSeed = dataset.seed === undefined ? CAMPAIGN_DEMO_DEFAULTS.outcomeSeed : dataset.seed + 2;

  const events: (string | null)[][] = [];
  const sales: (string | null)[][] = [];
  const complaints: (string | null)[][] = [];
  const snapshots: string[][] = [];
  const spend: CampaignDemoOutcomes['spend'] = [];
  const summary: CampaignDemoOutcomes['summary'] = [];

  for (const spec of dataset.campaigns) {
    const random = prng((outcomeSeed ^ hashText(spec.code)) >>> 0);
    const between = (low: number, high: number) => low + random() * (high - low);
    const day = (from: string, to: string) => (to < from ? from : addDays(from, Math.floor(random() * (daysBetween(from, to) + 1))));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const { plan } = spec;
    if (spec.launchOn !== null) spend.push({ code: spec.code, entries: spendEntries(spec, lastDay, random) });
    const members = audiences.get(spec.code);
    if (!spec.outcome || !members) continue;
    const model: CampaignOutcomeModel = spec.outcome;
    const start = plan.startDate;
    const windowEnd = addDays(plan.endDate, plan.attributionDays);
    const observedEnd = minDate(windowEnd, lastDay);
    const contactEnd = minDate(plan.endDate, lastDay);
    if (observedEnd < start) continue;
    const offeredCovers = new Set(
      plan.productCodes.map((c) => productByCode.get(c)?.category).filter((c): c is string => !!c && PROTECTION_CATEGORIES.has(c)),
    );
    const known = members
      .map((m) => ({ ...m, i: index.get(m.customerId) }))
      .filter((m): m is DemoAudienceMember & { i: number } => m.i !== undefined)
      .sort((a, b) => a.i - b.i);
    const tally = { code: spec.code, treatment: 0, holdout: 0, treatmentConverted: 0, holdoutConverted: 0 };
    const convertedTreatment = new Set<number>();
    let saleNo = 0;
    let complaintNo = 0;

    for (const member of known) {
      const person = dataset.people[member.i]!;
      const p = person.profile;
      const treated = member.group === 'treatment';
      tally[member.group] += 1;
      const held = (holdings.get(p.rawId) ?? []).some((h) => offeredCovers.has(h.category) && h.soldAt < start && h.until > start);
      const rate = (treated ? model.treatment : model.baseline) * (held ? 0.35 : 1);
      const converts = random() < rate;
      const channel = pick(plan.channels);
      const event = (kind: string, date: string) => events.push([spec.code, p.rawId, kind, channel, date, member.group]);

      let contacted: string | null = null;
      let responded: string | null = null;
      if (treated && contactEnd >= start && random() < (converts ? 0.97 : model.contactRate)) {
        contacted = day(start, contactEnd);
        event('contacted', contacted);
        if (converts || random() < model.responseRate) {
          responded = minDate(addDays(contacted, Math.floor(random() * 7)), lastDay);
          event('responded', responded);
        } else if ((channel === 'sms' || channel === 'wechat' || channel === 'app') && random() < 0.02) {
          event('opted_out', minDate(addDays(contacted, 1 + Math.floor(random() * 5)), lastDay));
        }
      }
      let soldAt: string | null = null;
      if (converts) {
        soldAt = responded ? addDays(responded, Math.floor(random() * 21)) : day(start, windowEnd);
        if (soldAt > observedEnd) soldAt = null;
      }
      if (treated && responded) {
        const redeems = soldAt ? random() < model.convertedRedeem : random() < model.respondersRedeem;
        if (redeems) event('offer_redeemed', minDate(soldAt ?? addDays(responded, Math.floor(random() * 10)), lastDay));
      }
      if (contacted && !soldAt && random() < model.complaintPerContact) {
        const received = minDate(addDays(contacted, 1 + Math.floor(random() * 10)), observedEnd);
        complaintNo += 1;
        complaints.push(complaintRow(spec.code, complaintNo, p.rawId, received, channel === 'sms' || channel === 'wechat' ? 'data_privacy' : 'service', null, random, lastDay));
      }
      if (!soldAt) continue;
      tally[treated ? 'treatmentConverted' : 'holdoutConverted'] += 1;
      if (treated) convertedTreatment.add(member.i);

      const basket = model.basket.filter((item, k) => k === 0 || random() < item.chance);
      for (const item of basket) {
        const product = productByCode.get(item.code)!;
        const insurance = !BANK_CATEGORIES.has(product.category);
        const snapshot = inForce(person, soldAt);
        const saleChannel = treated ? (STAFFED.has(channel) || random() < 0.6 ? channel : pick(ORGANIC_CHANNELS)) : pick(ORGANIC_CHANNELS);
        const staff = STAFFED.has(saleChannel) ? staffOf(p.branch, random) : null;
        let amount = Math.round(between(product.amount[0], product.amount[1]));
        if (item.code === 'PEN-SAV-5Y') amount = Math.max(50_000, Math.round(Math.min(amount, (snapshot?.investableAssets ?? 200_000) * between(0.2, 0.6)) / 1_000) * 1_000);
        if (item.code === 'ANN-LIFE') amount = Math.max(6_000, Math.round(Math.min(amount, (snapshot?.householdAnnualIncome ?? 150_000) * 0.15) / 100) * 100);
        let status = 'active';
        let statusAt: string | null = null;
        let renewedAt: string | null = null;
        const due = addMonths(soldAt, 12);
        if (insurance && random() < model.coolingOff) {
          [status, statusAt] = ['cancelled_cooling_off', addDays(soldAt, 2 + Math.floor(random() * 11))];
        } else if (product.termYears === 1 && product.mode !== 'monthly' && due <= lastDay) {
          if (model.renewal && random() < (treated ? model.renewal.treatment : model.renewal.holdout)) renewedAt = due;
          else [status, statusAt] = [model.renewal ? 'lapsed' : 'matured', due];
        } else if (product.mode === 'monthly' && random() < model.lapse) {
          [status, statusAt] = ['lapsed', addMonths(soldAt, 1 + Math.floor(random() * 4))];
        } else if (insurance && product.termYears !== 1 && random() < model.surrender) {
          [status, statusAt] = ['surrendered', addMonths(soldAt, 3 + Math.floor(random() * 6))];
        }
        if (statusAt !== null && statusAt > lastDay) [status, statusAt] = ['active', null];
        saleNo += 1;
        const saleId = `CMP-${spec.code}-${String(saleNo).padStart(6, '0')}`;
        sales.push([
          saleId,
          p.rawId,
          item.code,
          soldAt,
          moneyText(amount),
          product.mode,
          saleChannel,
          p.branch,
          staff,
          treated ? spec.code : null,
          p.risk,
          insurance ? (random() < 0.985 ? 'Y' : 'N') : null,
          status,
          statusAt,
          renewedAt,
        ]);
        const complaintChance = model.complaintPerSale + (status === 'cancelled_cooling_off' ? 0.25 : 0);
        if (random() < complaintChance) {
          const received = minDate(addDays(soldAt, 3 + Math.floor(random() * 40)), lastDay);
          const misSelling = random() < (status === 'cancelled_cooling_off' ? 0.8 : 0.45);
          complaintNo += 1;
          complaints.push(
            complaintRow(spec.code, complaintNo, p.rawId, received, misSelling ? 'mis_selling' : pick(['service', 'fees', 'claims']), saleId, random, lastDay, treated),
          );
        }
      }
    }

    if (model.aum) snapshots.push(...aumSnapshots(dataset, spec, known, model.aum, convertedTreatment, random, lastDay));
    summary.push(tally);
  }

  return {
    campaignEvents: csv(['campaign_code', 'customer_id', 'event', 'channel', 'occurred_at', 'group'], events),
    sales: csv(
      [
        'sale_id', 'customer_id', 'product_code', 'sold_at', 'amount', 'premium_mode', 'channel', 'branch_code', 'staff_code',
        'campaign_code', 'customer_risk_level_at_sale', 'dual_recording', 'status', 'status_at', 'renewed_at',
      ],
      sales,
    ),
    complaints: csv(['complaint_id', 'customer_id', 'received_at', 'category', 'sale_id', 'campaign_code', 'channel', 'resolved_at', 'upheld'], complaints),
    customers: snapshots.length === 0 ? '' : csv(DEMO_CUSTOMERS_HEADER, snapshots),
    spend,
    summary,
  };
}

function complaintRow(
  code: string,
  n: number,
  rawId: string,
  received: string,
  category: string,
  saleId: string | null,
  random: () => number,
  lastDay: string,
  claimed = true,
): (string | null)[] {
  const resolved = addDays(received, 3 + Math.floor(random() * 45));
  const done = resolved <= lastDay;
  return [
    `CMP-C-${code}-${String(n).padStart(5, '0')}`,
    rawId,
    received,
    category,
    saleId,
    claimed ? code : null,
    random() < 0.6 ? 'phone' : 'branch',
    done ? resolved : null,
    done ? (random() < (category === 'mis_selling' ? 0.5 : 0.3) ? 'Y' : 'N') : null,
  ];
}

function inForce(person: DemoCustomer, date: string): DemoCustomerSnapshot | null {
  let found: DemoCustomerSnapshot | null = null;
  for (const s of person.snapshots) if (s.asOf <= date) found = s;
  return found;
}

function staffOf(branch: string, random: () => number): string | null {
  const candidates = [1, 2, 3].map((n) => `${branch}-0${n}`).filter((code) => !STAFF_WITH_PROBLEMS.has(code));
  return candidates[Math.floor(random() * candidates.length)] ?? null;
}

/**
 * The silver-age audience's AUM as the bank's month-end snapshots state it: at the month-end before the
 * start (as the customer was), at the window end (the treatment's converted kept their money in the bank,
 * the rest drifted away, the holdout more), and the later month-ends restated so the curve stays smooth.
 */
function aumSnapshots(
  dataset: CampaignDemoDataset,
  spec: CampaignDemoSpec,
  members: readonly (DemoAudienceMember & { i: number })[],
  aum: NonNullable<CampaignOutcomeModel['aum']>,
  convertedTreatment: ReadonlySet<number>,
  random: () => number,
  lastDay: string,
): string[][] {
  const windowEnd = addDays(spec.plan.endDate, spec.plan.attributionDays);
  const startAsOf = lastDayOfPreviousMonth(spec.plan.startDate);
  const endAsOf = lastDayOfPreviousMonth(addDays(minDate(windowEnd, lastDay), 1));
  if (endAsOf <= startAsOf) return [];
  const rows: string[][] = [];
  for (const member of members) {
    const person = dataset.people[member.i]!;
    const base = inForce(person, startAsOf);
    if (!base) continue;
    const baseIndex = person.snapshots.indexOf(base);
    const factor = member.group === 'holdout' ? aum.holdout : convertedTreatment.has(member.i) ? aum.converted : aum.treatment;
    const noise = 1 + (random() - 0.5) * 0.16;
    const start = { ...base, asOf: startAsOf };
    const end = { ...base, asOf: endAsOf, investableAssets: base.investableAssets * factor * noise };
    rows.push(demoCustomerCells(person.profile, start, baseIndex), demoCustomerCells(person.profile, end, baseIndex));
    person.snapshots.forEach((later, k) => {
      if (later.asOf <= endAsOf) return;
      rows.push(demoCustomerCells(person.profile, { ...later, investableAssets: end.investableAssets * (0.99 + random() * 0.03) }, k));
    });
  }
  return rows;
}

/** The spend per budget line: most of it for a finished campaign, the share of the time gone for a running one. */
function spendEntries(spec: CampaignDemoSpec, lastDay: string, random: () => number): RecordSpendRequest[] {
  const { plan } = spec;
  const from = addDays(plan.startDate, -14);
  const to = minDate(plan.endDate, lastDay);
  if (to < from) return [];
  const total = Math.max(1, daysBetween(from, plan.endDate));
  const elapsed = Math.min(1, Math.max(0, daysBetween(from, to) / total));
  const entries: RecordSpendRequest[] = [];
  for (const [line, budget] of Object.entries(plan.budgetLines) as [BudgetLine, number][]) {
    if (!budget) continue;
    const share = elapsed >= 1 ? 0.82 + random() * 0.2 : elapsed * (0.85 + random() * 0.15);
    const amount = Math.round(budget * share);
    if (amount <= 0) continue;
    // training before the start, the rest spread over the campaign
    const parts = line === 'training' ? 1 : 2 + Math.floor(random() * 2);
    const lineFrom = from;
    const lineTo = line === 'training' ? minDate(plan.startDate, to) : to;
    let left = amount;
    for (let k = 0; k < parts; k++) {
      const part = k === parts - 1 ? left : Math.round(amount / parts);
      left -= part;
      const offset = Math.floor(((k + random()) / parts) * (daysBetween(lineFrom, lineTo) + 1));
      if (part > 0) entries.push({ line, amount: part, spentOn: addDays(lineFrom, Math.min(offset, daysBetween(lineFrom, lineTo))), note: SPEND_NOTES[line] });
    }
  }
  return entries.sort((a, b) => (a.spentOn < b.spentOn ? -1 : a.spentOn > b.spentOn ? 1 : 0));
}
