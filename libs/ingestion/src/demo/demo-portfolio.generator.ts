import { demoCustomers, prng, type DemoCustomer, type DemoCustomersOptions } from './demo-customers.generator';

/**
 * The rest of the demo, built on the demo customers: branches, staff, products (bank and insurer, some
 * rated by both partners), about 4,000 sales over the 24 months before `anchor`, and complaints. Most
 * sales are suitable; a realistic minority is not (a C2 customer sold an R4 product, an elderly customer
 * a participating annuity, a missing recording, a cooling-off cancellation, a campaign sale without
 * consent, a premium far above the household income, a stale risk assessment, a duplicate cover, a
 * seller without a valid qualification), some of them followed by a mis-selling complaint, so a
 * compliance scan of the loaded files has findings and alerts to show. Same options, same bytes.
 */
export interface DemoPortfolioOptions {
  /** The demo's "today" (YYYY-MM-DD): sales fall in the 24 months before it. */
  anchor: string;
  sales?: number;
  seed?: number;
  /** The options the demo customers file was generated with (the sales are made to those customers). */
  customers?: DemoCustomersOptions;
}

export const DEMO_PORTFOLIO_DEFAULTS = { sales: 4000, seed: 20240602 } as const;

/** The demo files, each CSV (UTF-8, comma, LF) with a header, in the order they load. */
export interface DemoPortfolio {
  branches: string;
  staff: string;
  products: string;
  sales: string;
  complaints: string;
}

export const DEMO_BRANCHES: readonly { code: string; name: string; region: string }[] = [
  { code: 'SH001', name: '上海浦东支行', region: 'Shanghai' },
  { code: 'SH002', name: '上海静安支行', region: 'Shanghai' },
  { code: 'SH003', name: '上海徐汇支行', region: 'Shanghai' },
  { code: 'SH004', name: '上海闵行支行', region: 'Shanghai' },
  { code: 'BJ001', name: '北京朝阳支行', region: 'Beijing' },
  { code: 'BJ002', name: '北京海淀支行', region: 'Beijing' },
  { code: 'BJ003', name: '北京西城支行', region: 'Beijing' },
  { code: 'GD001', name: '广州天河支行', region: 'Guangdong' },
  { code: 'GD002', name: '深圳福田支行', region: 'Guangdong' },
  { code: 'GD003', name: '佛山禅城支行', region: 'Guangdong' },
  { code: 'GD004', name: '东莞南城支行', region: 'Guangdong' },
  { code: 'ZJ001', name: '杭州西湖支行', region: 'Zhejiang' },
  { code: 'ZJ002', name: '宁波鄞州支行', region: 'Zhejiang' },
  { code: 'SC001', name: '成都锦江支行', region: 'Sichuan' },
  { code: 'SC002', name: '成都高新支行', region: 'Sichuan' },
];

const STAFF_PER_BRANCH = 3;

type Mode = 'single' | 'annual' | 'monthly';
interface DemoProduct {
  code: string;
  name: string;
  category: string;
  /** Each partner's rating: the insurer's (or the bank's own product) first; a second one means both rated it. */
  ratings: readonly { provider: string; risk: number }[];
  mode: Mode;
  termYears: number | null;
  feeRate: number;
  /** Share of the suitable sales. */
  weight: number;
  /** Premium or principal per period: [low, high] in CNY, or a share of household income for non-guaranteed products. */
  amount: readonly [number, number];
}

const BANK = 'DEMOBANK';
const LIFE = 'HENGAN-LIFE';
const PC = 'TAIHE-PC';

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { code: 'DEP-3Y', name: '三年期定期存款 3-year deposit', category: 'deposit', ratings: [{ provider: BANK, risk: 1 }], mode: 'single', termYears: 3, feeRate: 0, weight: 16, amount: [10_000, 500_000] },
  { code: 'WM-R1', name: '稳享现金理财 Cash wealth', category: 'wealth', ratings: [{ provider: BANK, risk: 1 }], mode: 'single', termYears: null, feeRate: 0.004, weight: 6, amount: [50_000, 800_000] },
  { code: 'WM-R2', name: '固收增强理财 Fixed income plus', category: 'wealth', ratings: [{ provider: BANK, risk: 2 }], mode: 'single', termYears: 1, feeRate: 0.006, weight: 7, amount: [50_000, 800_000] },
  { code: 'WM-R3', name: '平衡配置理财 Balanced wealth', category: 'wealth', ratings: [{ provider: BANK, risk: 3 }], mode: 'single', termYears: 1, feeRate: 0.008, weight: 5, amount: [50_000, 600_000] },
  { code: 'WM-R4', name: '权益精选理财 Equity select', category: 'wealth', ratings: [{ provider: BANK, risk: 4 }], mode: 'single', termYears: null, feeRate: 0.012, weight: 3, amount: [50_000, 500_000] },
  { code: 'WM-R5', name: '行业主题基金 Sector fund', category: 'wealth', ratings: [{ provider: BANK, risk: 5 }], mode: 'single', termYears: null, feeRate: 0.015, weight: 1, amount: [20_000, 300_000] },
  { code: 'MTG-20', name: '个人住房贷款 Home mortgage', category: 'mortgage', ratings: [{ provider: BANK, risk: 1 }], mode: 'single', termYears: 20, feeRate: 0, weight: 1, amount: [300_000, 2_500_000] },
  { code: 'CARD-GOLD', name: '金卡 Gold card', category: 'card', ratings: [{ provider: BANK, risk: 1 }], mode: 'annual', termYears: 1, feeRate: 0, weight: 1, amount: [100, 600] },
  { code: 'ACC-1Y', name: '安心意外险 Accident care', category: 'accident', ratings: [{ provider: PC, risk: 1 }], mode: 'annual', termYears: 1, feeRate: 0.25, weight: 9, amount: [100, 600] },
  { code: 'MED-1Y', name: '百万医疗险 Million medical', category: 'medical', ratings: [{ provider: PC, risk: 1 }], mode: 'annual', termYears: 1, feeRate: 0.2, weight: 9, amount: [300, 2_500] },
  { code: 'HOME-1Y', name: '家财险 Home contents', category: 'home_property', ratings: [{ provider: PC, risk: 1 }], mode: 'annual', termYears: 1, feeRate: 0.25, weight: 3, amount: [200, 1_000] },
  { code: 'CG-LOAN', name: '贷款保证保险 Loan guarantee', category: 'credit_guarantee', ratings: [{ provider: PC, risk: 1 }], mode: 'single', termYears: 1, feeRate: 0.2, weight: 1, amount: [500, 5_000] },
  { code: 'CI-20', name: '守护重疾险 Critical illness guard', category: 'critical_illness', ratings: [{ provider: LIFE, risk: 2 }], mode: 'annual', termYears: 20, feeRate: 0.3, weight: 6, amount: [3_000, 15_000] },
  { code: 'TL-20', name: '定期寿险 Term life 20', category: 'term_life', ratings: [{ provider: LIFE, risk: 1 }], mode: 'annual', termYears: 20, feeRate: 0.3, weight: 4, amount: [1_000, 5_000] },
  { code: 'WL-20', name: '终身寿险 Whole life', category: 'whole_life', ratings: [{ provider: LIFE, risk: 2 }], mode: 'annual', termYears: 20, feeRate: 0.25, weight: 3, amount: [5_000, 30_000] },
  { code: 'ANN-10', name: '养老年金 Pension annuity', category: 'annuity', ratings: [{ provider: LIFE, risk: 2 }], mode: 'annual', termYears: 10, feeRate: 0.2, weight: 4, amount: [10_000, 50_000] },
  { code: 'EDU-15', name: '少儿教育金 Education savings', category: 'education_savings', ratings: [{ provider: LIFE, risk: 2 }], mode: 'monthly', termYears: 15, feeRate: 0.2, weight: 2, amount: [500, 2_000] },
  // Non-guaranteed products: amounts are shares of the household's annual income (regular: per year).
  { code: 'PAR-10', name: '鑫福分红年金 Participating annuity 10 pay', category: 'participating_annuity', ratings: [{ provider: LIFE, risk: 2 }, { provider: BANK, risk: 3 }], mode: 'annual', termYears: 10, feeRate: 0.2, weight: 5, amount: [0.03, 0.12] },
  { code: 'PAR-SP', name: '金瑞分红年金(趸交) Participating annuity single', category: 'participating_annuity', ratings: [{ provider: LIFE, risk: 3 }], mode: 'single', termYears: null, feeRate: 0.15, weight: 2, amount: [0.3, 2] },
  { code: 'UL-SP', name: '万能账户 Universal life', category: 'universal_life', ratings: [{ provider: LIFE, risk: 3 }, { provider: BANK, risk: 4 }], mode: 'single', termYears: null, feeRate: 0.12, weight: 2, amount: [0.2, 1.5] },
  { code: 'IL-GROW', name: '投连进取 Investment-linked growth', category: 'investment_linked', ratings: [{ provider: LIFE, risk: 4 }, { provider: BANK, risk: 5 }], mode: 'single', termYears: null, feeRate: 0.1, weight: 1, amount: [0.2, 1.5] },
  { code: 'IL-BAL', name: '投连稳健 Investment-linked balanced', category: 'investment_linked', ratings: [{ provider: LIFE, risk: 3 }], mode: 'annual', termYears: 10, feeRate: 0.1, weight: 1, amount: [0.03, 0.1] },
];

// The settings the demo is made to pass or fail (RULES.md defaults, DEFAULT_COMPLIANCE_SETTINGS).
const NON_GUARANTEED = new Set(['participating_annuity', 'universal_life', 'investment_linked']);
const PROTECTION = new Set(['accident', 'medical', 'critical_illness', 'term_life', 'home_property']);
const BANK_CATEGORIES = new Set(['deposit', 'wealth', 'mortgage', 'card']);
const LOW_INCOME_ANNUAL = 54_188;

const CHANNELS = ['branch', 'account_manager', 'app', 'online', 'phone', 'wechat', 'sms'] as const;
const CHANNEL_WEIGHTS = [0.35, 0.2, 0.2, 0.08, 0.07, 0.07, 0.03];
const STAFFED_CHANNELS = new Set(['branch', 'account_manager', 'phone']);

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '华', '丽', '强', '婷'];

// ---------------------------------------------------------------------------------------------------
// Calendar dates (YYYY-MM-DD, UTC), months as PostgreSQL adds them (month-end clamped)

const toDate = (d: string) => new Date(`${d}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (d: string, days: number) => iso(new Date(toDate(d).getTime() + days * 86_400_000));
const daysBetween = (from: string, to: string) => Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
export function addMonths(d: string, months: number): string {
  const date = toDate(d);
  const index = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay))));
}
function ageOn(customer: DemoCustomer, d: string): number {
  const { birthDate, birthYear } = customer.profile;
  const year = Number(d.slice(0, 4));
  if (!birthDate) return year - birthYear;
  return year - Number(birthDate.slice(0, 4)) - (d.slice(5) < birthDate.slice(5) ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------------

const csvCell = (v: string | number | null) => {
  const text = v === null ? '' : String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csv = (header: readonly string[], rows: readonly (readonly (string | number | null)[])[]) =>
  [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
const money = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

interface Staff {
  code: string;
  name: string;
  branch: string;
  region: string;
  qualifiedSince: string | null;
  qualifiedUntil: string | null;
  /** No sales before this date (a newcomer). */
  sellsFrom: string;
}

/** Three sellers per branch; four with a qualification problem: none, expired, expiring, a newcomer. */
function demoStaff(anchor: string, random: () => number): Staff[] {
  const staff: Staff[] = [];
  for (const branch of DEMO_BRANCHES) {
    for (let n = 1; n <= STAFF_PER_BRANCH; n++) {
      const since = addDays('2014-01-01', Math.floor(random() * 3000));
      const name = `${SURNAMES[Math.floor(random() * SURNAMES.length)]}${GIVEN[Math.floor(random() * GIVEN.length)]}`;
      staff.push({
        code: `${branch.code}-${String(n).padStart(2, '0')}`,
        name,
        branch: branch.code,
        region: branch.region,
        qualifiedSince: since,
        qualifiedUntil: addMonths(anchor, 12 + Math.floor(random() * 24)),
        sellsFrom: '1900-01-01',
      });
    }
  }
  const fix = (code: string, change: Partial<Staff>) => Object.assign(staff.find((s) => s.code === code)!, change);
  fix('GD002-03', { qualifiedSince: null, qualifiedUntil: null });
  fix('BJ001-02', { qualifiedUntil: addMonths(anchor, -8) });
  fix('SC001-01', { qualifiedUntil: addMonths(anchor, -2) });
  const newcomerSince = addMonths(anchor, -7);
  fix('SH003-03', { qualifiedSince: newcomerSince, sellsFrom: newcomerSince });
  return staff;
}

const riskOf = (p: DemoProduct) => Math.max(...p.ratings.map((r) => r.risk));
const levelOf = (c: DemoCustomer) => (c.profile.risk ? Number(c.profile.risk.slice(1)) : null);

interface Sale {
  id: string;
  customer: DemoCustomer;
  product: DemoProduct;
  soldAt: string;
  amount: number;
  channel: string;
  staff: Staff | null;
  campaign: string | null;
  dualRecording: boolean | null;
  status: string;
  statusAt: string | null;
  problem: Problem | null;
}

type Problem =
  | 'risk_mismatch'
  | 'elderly'
  | 'no_recording'
  | 'cooling_off'
  | 'no_consent'
  | 'unaffordable'
  | 'stale_assessment'
  | 'duplicate_cover';

/**
 * Per sale, the chance it is staged unsuitable in each way (13 % in all; a stage the drawn customer does
 * not fit, e.g. "elderly" for a 40-year-old, falls back to a suitable sale, so about 6 % end up flagged).
 */
const PROBLEMS: readonly [Problem, number][] = [
  ['risk_mismatch', 0.02],
  ['elderly', 0.04],
  ['no_recording', 0.012],
  ['cooling_off', 0.02],
  ['no_consent', 0.012],
  ['unaffordable', 0.01],
  ['stale_assessment', 0.005],
  ['duplicate_cover', 0.02],
];

export function demoPortfolio(options: DemoPortfolioOptions): DemoPortfolio {
  const { anchor } = options;
  const random = prng(options.seed ?? DEMO_PORTFOLIO_DEFAULTS.seed);
  const between = (low: number, high: number) => low + random() * (high - low);
  const pickWeighted = <T>(items: readonly T[], weight: (t: T) => number): T => {
    const total = items.reduce((sum, t) => sum + weight(t), 0);
    let r = random() * total;
    for (const t of items) {
      r -= weight(t);
      if (r < 0) return t;
    }
    return items[items.length - 1]!;
  };
  const customers = [...demoCustomers(options.customers)];
  const staff = demoStaff(anchor, random);
  const staffByBranch = new Map<string, Staff[]>();
  for (const s of staff) staffByBranch.set(s.branch, [...(staffByBranch.get(s.branch) ?? []), s]);
  const byCode = new Map(DEMO_PRODUCTS.map((p) => [p.code, p]));

  // Sale dates first, sorted, so "held earlier" is known when each sale is made.
  const start = addMonths(anchor, -24);
  const span = daysBetween(start, anchor);
  const count = options.sales ?? DEMO_PORTFOLIO_DEFAULTS.sales;
  const dates = Array.from({ length: count }, () => addDays(start, Math.floor(random() * span))).sort();
  /** Per customer and protection category, until when a cover they bought is in force. */
  const held = new Map<string, string>();
  const heldKey = (c: DemoCustomer, category: string) => `${c.profile.rawId}:${category}`;

  const snapshotOn = (c: DemoCustomer, d: string) => [...c.snapshots].reverse().find((s) => s.asOf <= d) ?? null;
  const assessmentFresh = (c: DemoCustomer, d: string) => {
    const assessed = snapshotOn(c, d)?.riskAssessedAt;
    return !!assessed && d <= addMonths(assessed, 12);
  };

  /** Whether `product` raises no finding for `customer` on `d` (the sale otherwise done right). */
  function suitable(c: DemoCustomer, product: DemoProduct, d: string): boolean {
    const level = levelOf(c);
    const risk = riskOf(product);
    if (level === null ? risk > 2 : risk > level) return false;
    if (NON_GUARANTEED.has(product.category)) {
      const snapshot = snapshotOn(c, d);
      const age = ageOn(c, d);
      if (level === null || !assessmentFresh(c, d) || !snapshot || snapshot.householdAnnualIncome === null) return false;
      if (age > 55 || snapshot.monthlyIncome * 12 < LOW_INCOME_ANNUAL) return false;
      if (product.mode !== 'single' && age + (product.termYears ?? 0) >= 58) return false;
    }
    if (PROTECTION.has(product.category) && (held.get(heldKey(c, product.category)) ?? '') > d) return false;
    return true;
  }

  function amountOf(c: DemoCustomer, product: DemoProduct, d: string, scale = 1): number {
    const [low, high] = product.amount;
    if (!NON_GUARANTEED.has(product.category)) return Math.round(between(low, high));
    const household = snapshotOn(c, d)?.householdAnnualIncome ?? 120_000;
    const yearly = household * between(low, high) * scale;
    return Math.max(1000, Math.round(yearly));
  }

  const sales: Sale[] = [];
  dates.forEach((soldAt, i) => {
    const customer = customers[Math.floor(random() * customers.length)]!;
    const snapshot = snapshotOn(customer, soldAt);
    let problem: Problem | null = null;
    let r = random();
    for (const [kind, chance] of PROBLEMS) {
      r -= chance;
      if (r < 0) {
        problem = kind;
        break;
      }
    }
    let product: DemoProduct | undefined;
    let scale = 1;
    const level = levelOf(customer);
    const age = ageOn(customer, soldAt);
    switch (problem) {
      case 'risk_mismatch':
        // A C1–C3 customer sold a wealth product two levels above their own (C2 → R4).
        product = level !== null && level <= 3 ? byCode.get(`WM-R${level + 2}`) : undefined;
        break;
      case 'elderly':
        product = age > 65 || (age > 60 && snapshot) ? byCode.get('PAR-10') : undefined;
        break;
      case 'unaffordable':
        if (snapshot?.householdAnnualIncome && level !== null && level >= 3) {
          product = byCode.get('PAR-SP');
          scale = 3.5;
        }
        break;
      case 'stale_assessment':
        product = level !== null && level >= 3 && !assessmentFresh(customer, soldAt) ? byCode.get('UL-SP') : undefined;
        break;
      case 'duplicate_cover': {
        const category = ['accident', 'medical', 'critical_illness'].find((cat) => (held.get(heldKey(customer, cat)) ?? '') > soldAt);
        product = category ? DEMO_PRODUCTS.find((p) => p.category === category) : undefined;
        break;
      }
      case 'no_consent':
        if (snapshot && !(customer.profile.consentMarketing && customer.profile.consentSharing)) product = byCode.get('ACC-1Y');
        break;
      default:
        break;
    }
    if (!product) {
      problem = problem === 'no_recording' || problem === 'cooling_off' ? problem : null;
      for (let attempt = 0; attempt < 12 && !product; attempt++) {
        const candidate = pickWeighted(DEMO_PRODUCTS, (p) => p.weight);
        if (suitable(customer, candidate, soldAt)) product = candidate;
      }
      product ??= byCode.get('DEP-3Y')!;
      if (problem && BANK_CATEGORIES.has(product.category)) problem = null;
    }
    const insurance = !BANK_CATEGORIES.has(product.category);

    let channel: string = pickWeighted(CHANNELS, (c) => CHANNEL_WEIGHTS[CHANNELS.indexOf(c)]!);
    if (problem === 'no_recording') channel = 'branch';
    let seller: Staff | null = null;
    if (STAFFED_CHANNELS.has(channel)) {
      const team = (staffByBranch.get(customer.profile.branch) ?? staff).filter(
        (s) => s.sellsFrom <= soldAt && !(product.category === 'investment_linked' && s.sellsFrom !== '1900-01-01' && problem === null),
      );
      seller = team.length > 0 ? team[Math.floor(random() * team.length)]! : null;
    }
    const consented = !!snapshot && customer.profile.consentMarketing && customer.profile.consentSharing;
    const quarter = `${soldAt.slice(0, 4)}Q${Math.floor((Number(soldAt.slice(5, 7)) - 1) / 3) + 1}`;
    const campaign = problem === 'no_consent' || (consented && random() < 0.2) ? `DEMO-${quarter}` : null;

    let status = 'active';
    let statusAt: string | null = null;
    const amount = amountOf(customer, product, soldAt, scale);
    if (problem === 'cooling_off' && insurance) {
      status = 'cancelled_cooling_off';
      statusAt = addDays(soldAt, 2 + Math.floor(random() * 12));
    } else if (product.termYears === 1) {
      const end = addMonths(soldAt, 12);
      if (end < anchor) [status, statusAt] = ['matured', end];
    } else if (product.mode !== 'single' && insurance && random() < 0.06) {
      const lapse = addMonths(soldAt, 6 + Math.floor(random() * 12));
      if (lapse < anchor) [status, statusAt] = ['lapsed', lapse];
    } else if (NON_GUARANTEED.has(product.category) && random() < 0.04) {
      const surrender = addMonths(soldAt, 6 + Math.floor(random() * 14));
      if (surrender < anchor) [status, statusAt] = ['surrendered', surrender];
    }
    if (statusAt && statusAt >= anchor) [status, statusAt] = ['active', null];
    if (PROTECTION.has(product.category)) {
      const until = status === 'active' ? '9999-12-31' : statusAt!;
      const key = heldKey(customer, product.category);
      if ((held.get(key) ?? '') < until) held.set(key, until);
    }

    sales.push({
      id: `DEMO-S${String(i + 1).padStart(6, '0')}`,
      customer,
      product,
      soldAt,
      amount,
      channel,
      staff: seller,
      campaign,
      dualRecording: insurance ? problem !== 'no_recording' : null,
      status,
      statusAt,
      problem,
    });
  });

  // Complaints: mis-selling after some unsuitable sales (and a few suitable ones), other kinds at random.
  const complaints: (string | number | null)[][] = [];
  for (const sale of sales) {
    const misSelling = sale.problem ? (sale.problem === 'cooling_off' ? 0.25 : 0.12) : 0.002;
    const other = 0.015;
    const r = random();
    const category = r < misSelling ? 'mis_selling' : r < misSelling + other ? pickWeighted(['service', 'claims', 'fees', 'data_privacy', 'other'], (c) => (c === 'service' ? 3 : 1)) : null;
    if (!category) continue;
    const received = addDays(sale.soldAt, 5 + Math.floor(random() * 200));
    if (received >= anchor) continue;
    const resolved = addDays(received, 3 + Math.floor(random() * 60));
    complaints.push([
      `DEMO-C${String(complaints.length + 1).padStart(5, '0')}`,
      sale.customer.profile.rawId,
      received,
      category,
      sale.id,
      sale.campaign,
      random() < 0.6 ? 'phone' : 'branch',
      resolved < anchor ? resolved : null,
      resolved < anchor ? (random() < (category === 'mis_selling' ? 0.55 : 0.3) ? 'Y' : 'N') : null,
    ]);
  }

  return {
    branches: csv(['branch_code', 'name', 'region'], DEMO_BRANCHES.map((b) => [b.code, b.name, b.region])),
    staff: csv(
      ['staff_code', 'name', 'branch_code', 'region', 'qualified_since', 'qualified_until'],
      staff.map((s) => [s.code, s.name, s.branch, s.region, s.qualifiedSince, s.qualifiedUntil]),
    ),
    products: csv(
      ['product_code', 'name', 'provider', 'category', 'risk_level', 'premium_mode', 'term_years', 'cooling_off_days', 'fee_rate'],
      DEMO_PRODUCTS.flatMap((p) =>
        p.ratings.map((rating) => [p.code, p.name, rating.provider, p.category, `R${rating.risk}`, p.mode, p.termYears, 15, p.feeRate]),
      ),
    ),
    sales: csv(
      [
        'sale_id', 'customer_id', 'product_code', 'sold_at', 'amount', 'premium_mode', 'channel', 'branch_code', 'staff_code',
        'campaign_code', 'customer_risk_level_at_sale', 'dual_recording', 'status', 'status_at',
      ],
      sales.map((s) => [
        s.id,
        s.customer.profile.rawId,
        s.product.code,
        s.soldAt,
        money(s.amount),
        s.product.mode,
        s.channel,
        s.customer.profile.branch,
        s.staff?.code ?? null,
        s.campaign,
        s.customer.profile.risk,
        s.dualRecording === null ? null : s.dualRecording ? 'Y' : 'N',
        s.status,
        s.statusAt,
      ]),
    ),
    complaints: csv(
      ['complaint_id', 'customer_id', 'received_at', 'category', 'sale_id', 'campaign_code', 'channel', 'resolved_at', 'upheld'],
      complaints,
    ),
  };
}
