/**
 * A deterministic demo customers file: the same seed gives the same bytes. Raw ids are fake mobile numbers
 * (pseudonymised on load like any partner's); amounts follow skewed distributions so all three tiers appear
 * (about 3 % hnw, a third middle, the rest basic), with two snapshots so tier history and AUM retention exist.
 */
export interface DemoCustomersOptions {
  customers?: number;
  seed?: number;
  /** as_of of each snapshot, oldest first. */
  snapshots?: readonly string[];
}

export const DEMO_CUSTOMERS_DEFAULTS = {
  customers: 2000,
  seed: 20240601,
  snapshots: ['2024-12-31', '2025-06-30'],
} as const;

const REGIONS: readonly { region: string; branches: readonly string[]; weight: number }[] = [
  { region: 'Shanghai', branches: ['SH001', 'SH002', 'SH003', 'SH004'], weight: 0.26 },
  { region: 'Beijing', branches: ['BJ001', 'BJ002', 'BJ003'], weight: 0.22 },
  { region: 'Guangdong', branches: ['GD001', 'GD002', 'GD003', 'GD004'], weight: 0.24 },
  { region: 'Zhejiang', branches: ['ZJ001', 'ZJ002'], weight: 0.16 },
  { region: 'Sichuan', branches: ['SC001', 'SC002'], weight: 0.12 },
];
const RISK_LEVELS = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
const RISK_WEIGHTS = [0.15, 0.3, 0.3, 0.17, 0.08];

export const DEMO_CUSTOMERS_HEADER = [
  'customer_id', 'birth_date', 'birth_year', 'gender', 'region', 'branch_code', 'monthly_income',
  'household_annual_income', 'investable_assets', 'deposit_balance', 'wealth_balance', 'payroll', 'has_mortgage',
  'mortgage_balance', 'card_spend_12m', 'risk_level', 'risk_assessed_at', 'consent_marketing',
  'consent_data_sharing', 'as_of',
] as const;

/** mulberry32: small, fast, and the same sequence on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Profile {
  rawId: string;
  birthYear: number;
  birthDate: string | null;
  gender: 'M' | 'F';
  region: string;
  branch: string;
  wealth: number;
  income: number;
  householdFactor: number;
  payroll: boolean;
  mortgage: number | null;
  depositShare: number;
  spendShare: number;
  risk: string | null;
  riskAssessedDaysBefore: number;
  consentMarketing: boolean;
  consentSharing: boolean;
  missingIncome: boolean;
  missingAssets: boolean;
}

function profile(index: number, random: () => number): Profile {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const pick = <T>(items: readonly T[], weights: readonly number[]) => {
    let r = random();
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  };
  const place = pick(REGIONS, REGIONS.map((r) => r.weight));
  // i * 7,654,321 mod 10^9 is a bijection (coprime): unique 11-digit numbers without a lookup
  const suffix = String((index * 7_654_321 + 12_345) % 1_000_000_000).padStart(9, '0');
  const rawId = `1${pick(['3', '5', '8', '9'], [0.4, 0.25, 0.25, 0.1])}${suffix}`;
  const birthYear = 1950 + Math.floor(random() * 53);
  const birthDate = random() < 0.7
    ? `${birthYear}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
    : null;
  // one latent factor drives income and assets, so rich customers tend to earn more
  const latent = normal();
  const income = Math.round(Math.exp(Math.log(8000) + 0.65 * latent + 0.35 * normal()) / 10) * 10;
  const wealth = Math.exp(Math.log(150_000) + 1.6 * latent + 0.95 * normal());
  const payroll = random() < 0.6;
  return {
    rawId,
    birthYear,
    birthDate,
    gender: random() < 0.5 ? 'M' : 'F',
    region: place.region,
    branch: place.branches[Math.floor(random() * place.branches.length)]!,
    wealth,
    income,
    householdFactor: 12 * (1 + random() * 1.2),
    payroll,
    mortgage: random() < 0.3 ? Math.round(200_000 + random() * 2_800_000) : null,
    depositShare: 0.3 + random() * 0.5,
    spendShare: 0.05 + random() * 0.4,
    risk: random() < 0.05 ? null : pick(RISK_LEVELS, RISK_WEIGHTS),
    riskAssessedDaysBefore: Math.floor(random() * 900),
    consentMarketing: random() < 0.85,
    consentSharing: random() < 0.8,
    missingIncome: random() < 0.03,
    missingAssets: random() < 0.02,
  };
}

const money = (n: number) => (Math.round(n * 100) / 100).toFixed(2);
const yn = (b: boolean) => (b ? 'Y' : 'N');

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** One snapshot of a demo customer as the file states it. */
export interface DemoCustomerSnapshot {
  asOf: string;
  monthlyIncome: number;
  /** Null when the file leaves it empty. */
  householdAnnualIncome: number | null;
  investableAssets: number;
  riskAssessedAt: string | null;
}

/** A demo customer: the profile and its snapshots, oldest first (what the other demo files are built on). */
export interface DemoCustomer {
  profile: Profile;
  snapshots: DemoCustomerSnapshot[];
}

/** The demo customers in file order; the same options give the same customers. */
export function* demoCustomers(options: DemoCustomersOptions = {}): Generator<DemoCustomer> {
  const count = options.customers ?? DEMO_CUSTOMERS_DEFAULTS.customers;
  const snapshots = options.snapshots ?? DEMO_CUSTOMERS_DEFAULTS.snapshots;
  const random = prng(options.seed ?? DEMO_CUSTOMERS_DEFAULTS.seed);
  for (let i = 0; i < count; i++) {
    const p = profile(i, random);
    yield {
      profile: p,
      snapshots: snapshots.map((asOf, s) => {
        // each later snapshot: assets drift (market, savings), incomes rise a little
        const drift = s === 0 ? 1 : Math.exp(0.12 * (random() - 0.4) * 2);
        const income = Math.round(p.income * (1 + 0.03 * s));
        return {
          asOf,
          monthlyIncome: income,
          householdAnnualIncome: p.missingIncome ? null : income * p.householdFactor,
          investableAssets: p.wealth * drift,
          riskAssessedAt: p.risk === null ? null : daysBefore(asOf, p.riskAssessedDaysBefore),
        };
      }),
    };
  }
}

/**
 * One row of the customers file (DEMO_CUSTOMERS_HEADER order): the customer as the snapshot states it;
 * `index` is the snapshot's position (the mortgage is paid down 4 % a snapshot).
 */
export function demoCustomerCells(p: Profile, snapshot: DemoCustomerSnapshot, index: number): string[] {
  const assets = snapshot.investableAssets;
  const income = snapshot.monthlyIncome;
  return [
    p.rawId,
    p.birthDate ?? '',
    String(p.birthYear),
    p.gender,
    p.region,
    p.branch,
    money(income),
    snapshot.householdAnnualIncome === null ? '' : money(snapshot.householdAnnualIncome),
    p.missingAssets ? '' : money(assets),
    money(assets * p.depositShare),
    money(assets * (1 - p.depositShare)),
    yn(p.payroll),
    yn(p.mortgage !== null),
    p.mortgage === null ? '' : money(p.mortgage * (1 - 0.04 * index)),
    money(income * 12 * p.spendShare),
    p.risk ?? '',
    snapshot.riskAssessedAt ?? '',
    yn(p.consentMarketing),
    yn(p.consentSharing),
    snapshot.asOf,
  ];
}

/** The file, header first, in chunks of whole lines. */
export function* demoCustomersCsv(options: DemoCustomersOptions = {}): Generator<string> {
  yield `${DEMO_CUSTOMERS_HEADER.join(',')}\n`;
  let chunk = '';
  for (const { profile: p, snapshots } of demoCustomers(options)) {
    snapshots.forEach((snapshot, s) => {
      chunk += `${demoCustomerCells(p, snapshot, s).join(',')}\n`;
    });
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
