import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaints, customerSnapshots, productRiskRatings, products, saleEvidence, sales, sql, staff } from '@banca/db';
import {
  addMonths,
  checkSale,
  complianceRuleVersionOn,
  complianceSettingsProblems,
  CUSTOMER_RISK_LEVELS,
  DEFAULT_COMPLIANCE_SETTINGS,
  effectiveProductRisk,
  EVIDENCE_KINDS,
  PRODUCT_CATEGORIES,
  PRODUCT_RISK_LEVELS,
  RULE_CODES,
  saleRuleOutcomes,
  SALE_STATUSES,
  type ComplianceRuleVersion,
  type ComplianceSettings,
  type CustomerRiskLevel,
  type EvidenceKind,
  type ProductCategory,
  type SaleCheckInput,
} from '@banca/domain';
import { createTestDatabase, pseudonym, type TestDatabase } from '@banca/testing';
import { ruleVersionWindows } from './compliance-rule-windows';
import { ComplianceScanRepository } from './compliance-scan.repository';

/**
 * The bulk SQL and the TypeScript rules (libs/domain checkSale) must agree on every sale: generated data
 * (seeded, so a failure reproduces) with ages, incomes, premiums and dates placed on and around every
 * threshold, month ends included, under three rule versions; the SQL findings (sale, rule, version,
 * severity, facts) must equal checkSale on inputs built here in TypeScript, independently of the SQL.
 */

/** mulberry32: a small seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  const maybe = <T>(p: number, value: () => T): T | null => (next() < p ? value() : null);
  return { next, int, pick, chance, maybe };
}

const DAY_MS = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const plusDays = (date: string, days: number) => isoOf(msOf(date) + days * DAY_MS);
const monthEnd = (year: number, month: number) => isoOf(Date.UTC(year, month, 0));

const V2: ComplianceSettings = {
  ...DEFAULT_COMPLIANCE_SETTINGS,
  severities: { ...DEFAULT_COMPLIANCE_SETTINGS.severities, DUPLICATE_COVER: 'medium', AFFORDABILITY_HORIZON: 'info' },
  riskGrid: { C1: 'R1', C2: 'R3', C3: 'R3', C4: 'R4', C5: 'R5' },
  assessmentRequiredCategories: 'all',
  assessmentValidityMonths: 11,
  elderlyAge: 64,
  elderlyRegularPremiumAge: 59,
  lowIncome: { national: 54_188, regions: { Shanghai: 73_000, Guangdong: 49_000.5, Beijing: 60_000 } },
  affordabilitySingleMultiple: 3,
  affordabilityRegularShare: 0.15,
  affordabilityHorizonAge: 65,
  lifeCoverMinTermYears: 5,
  outletChannels: ['branch'],
  bankChannels: ['branch', 'account_manager', 'app'],
  dualRecordingAge: 62,
  investmentLinkedExperienceMonths: 6,
  protectionCategories: ['accident', 'medical', 'critical_illness', 'term_life', 'home_property', 'whole_life'],
  evidenceClears: {
    declaration: ['AFFORDABILITY_SINGLE', 'AFFORDABILITY_REGULAR'],
    recording: ['DUAL_RECORDING_MISSING'],
    approval: ['DUPLICATE_COVER', 'STAFF_UNQUALIFIED', 'AFFORDABILITY_HORIZON'],
  },
};
const V3: ComplianceSettings = {
  ...DEFAULT_COMPLIANCE_SETTINGS,
  severities: { ...DEFAULT_COMPLIANCE_SETTINGS.severities, RISK_MISMATCH: 'medium', COOLING_OFF_CANCELLED: 'low' },
  nonGuaranteedCategories: ['participating_annuity', 'universal_life', 'investment_linked', 'wealth'],
};
const VERSIONS: ComplianceRuleVersion[] = [
  { version: 1, effectiveFrom: '1970-01-01', settings: DEFAULT_COMPLIANCE_SETTINGS },
  { version: 2, effectiveFrom: '2024-04-01', settings: V2 },
  { version: 3, effectiveFrom: '2024-10-31', settings: V3 },
];

type Product = typeof products.$inferInsert & { productCode: string; category: ProductCategory };
type Snapshot = typeof customerSnapshots.$inferInsert & { customerId: string; asOf: string };
type Staff = typeof staff.$inferInsert & { staffCode: string };
type Sale = typeof sales.$inferInsert & { customerId: string; saleId: string; productCode: string; soldAt: string; amount: number };
type Complaint = typeof complaints.$inferInsert;
type Evidence = typeof saleEvidence.$inferInsert & { kind: EvidenceKind };

interface Generated {
  products: Product[];
  ratings: (typeof productRiskRatings.$inferInsert)[];
  staff: Staff[];
  snapshots: Snapshot[];
  sales: Sale[];
  complaints: Complaint[];
  evidence: Evidence[];
}

function generate(seed: number): Generated {
  const r = prng(seed);
  const categories = [...PRODUCT_CATEGORIES];
  // protection and non-guaranteed categories more often, so duplicate cover and the income rules have material
  const weighted: ProductCategory[] = [
    ...categories,
    'accident', 'medical', 'critical_illness', 'term_life', 'home_property',
    'participating_annuity', 'universal_life', 'investment_linked', 'participating_annuity', 'investment_linked',
  ];
  const productList: Product[] = [];
  for (let i = 0; i < 40; i++) {
    productList.push({
      productCode: `PRD-${i}`,
      name: `Product ${i}`,
      provider: r.pick(['BANK', 'INSURER']),
      category: r.pick(weighted),
      riskLevel: r.pick(PRODUCT_RISK_LEVELS),
      premiumMode: r.pick([null, 'single', 'annual', 'monthly'] as const),
      termYears: r.pick([null, 0, 1, 2, 5, 6, 10, 20, 30, 40]),
      coolingOffDays: r.pick([10, 15, 20]),
    });
  }
  const ratings: Generated['ratings'] = [];
  for (const p of productList) {
    if (r.chance(0.35)) ratings.push({ productCode: p.productCode, ratedBy: 'BANK', riskLevel: r.pick(PRODUCT_RISK_LEVELS) });
    if (r.chance(0.2)) ratings.push({ productCode: p.productCode, ratedBy: 'INSURER', riskLevel: r.pick(PRODUCT_RISK_LEVELS) });
  }

  const staffList: Staff[] = [];
  for (let i = 0; i < 16; i++) {
    const since = r.maybe(0.8, () => r.pick(['2022-03-31', '2023-08-31', '2024-01-31', '2024-06-30', '2024-08-15', '2021-05-10']));
    staffList.push({
      staffCode: `ST-${i}`,
      qualifiedSince: since,
      qualifiedUntil: r.maybe(0.85, () => r.pick(['2024-02-29', '2024-06-30', '2024-12-31', '2025-03-31', '2099-12-31', '2023-12-31'])),
    });
  }

  const regions = ['Shanghai', 'Beijing', 'Guangdong', null];
  const monthly = [null, null, null, null, 4515.66, 4515.67, 4516.5, 5000, 4999.99, 6083.33, 6083.34, 4083.37, 3000, 25_000];
  const household = [null, 54_187.99, 54_188, 54_188, 54_188.01, 60_000, 59_999.99, 72_999.99, 73_000, 49_000.5, 49_000.49, 120_000, 300_000, 1_000_000];
  const assessed = ['2023-01-31', '2023-02-28', '2023-03-31', '2023-05-31', '2023-08-31', '2023-11-30', '2024-02-29', '2024-05-31', '2024-06-15'];
  const snapshots: Snapshot[] = [];
  const customerIds: string[] = [];
  const birthDates = new Map<string, string | null>();
  for (let i = 0; i < 160; i++) {
    const customerId = pseudonym(`agreement-${seed}-${i}`);
    customerIds.push(customerId);
    const elderly = r.chance(0.5);
    const birthDate = r.chance(0.75)
      ? r.pick([
          elderly ? `${r.int(1956, 1966)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}` : `${r.int(1960, 2000)}-06-15`,
          '1960-02-29',
          '1964-02-29',
          `${r.int(1957, 1966)}-01-31`,
          `${r.int(1957, 1966)}-12-31`,
        ])
      : null;
    birthDates.set(customerId, birthDate);
    const birthYear = birthDate ? (r.chance(0.5) ? Number(birthDate.slice(0, 4)) : null) : r.maybe(0.7, () => r.int(1955, 1995));
    const snapshotCount = r.pick([0, 1, 1, 2, 2, 3, 4]);
    const asOfs = new Set<string>();
    for (let s = 0; s < snapshotCount; s++) asOfs.add(r.pick(['2023-01-01', '2023-06-30', '2023-12-31', '2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31', '2025-03-31']));
    for (const asOf of asOfs) {
      snapshots.push({
        customerId,
        asOf,
        birthDate,
        birthYear,
        region: r.pick(regions),
        monthlyIncome: r.pick(monthly),
        householdAnnualIncome: r.pick(household),
        riskLevel: r.maybe(0.8, () => r.pick(CUSTOMER_RISK_LEVELS)),
        riskAssessedAt: r.maybe(0.8, () => r.pick(assessed)),
        consentMarketing: r.pick([null, true, true, false]),
        consentDataSharing: r.pick([null, true, true, false]),
      });
    }
  }

  const salesList: Sale[] = [];
  const channels = [null, 'branch', 'account_manager', 'app', 'online', 'phone', 'cellular', 'wechat'];
  for (let i = 0; i < 520; i++) {
    const customerId = r.pick(customerIds);
    // a second cover of the same product as an earlier sale, some sold the day that one ended or around it
    const earlier = salesList.filter((o) => o.customerId === customerId);
    const again = earlier.length > 0 && r.chance(0.35) ? r.pick(earlier) : null;
    const product = again ? productList.find((p) => p.productCode === again.productCode)! : r.pick(productList);
    const mySnapshots = snapshots.filter((s) => s.customerId === customerId);
    const staffCode = r.pick([null, null, 'ST-GHOST', ...staffList.map((s) => s.staffCode)]);
    const staffRow = staffList.find((s) => s.staffCode === staffCode);
    // the sale date: random, a month end, or on/next to a threshold date of this customer, seller or assessment
    const edges: string[] = [];
    const birthDate = birthDates.get(customerId);
    if (birthDate) {
      for (const age of [59, 60, 61, 62, 64, 65, 66]) {
        const year = Number(birthDate.slice(0, 4)) + age;
        const md = birthDate.slice(5);
        const anniversary = md === '02-29' && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? `${year}-02-28` : `${year}-${md}`;
        if (anniversary >= '2023-01-01' && anniversary <= '2025-12-31') edges.push(anniversary, plusDays(anniversary, -1), plusDays(anniversary, 1));
      }
    }
    for (const s of mySnapshots) {
      if (s.riskAssessedAt) for (const m of [11, 12]) edges.push(addMonths(s.riskAssessedAt, m), plusDays(addMonths(s.riskAssessedAt, m), 1));
      edges.push(s.asOf, plusDays(s.asOf, -1));
    }
    if (staffRow?.qualifiedUntil) edges.push(staffRow.qualifiedUntil, plusDays(staffRow.qualifiedUntil, 1));
    if (staffRow?.qualifiedSince) {
      edges.push(staffRow.qualifiedSince, plusDays(staffRow.qualifiedSince, -1));
      for (const m of [6, 12]) edges.push(addMonths(staffRow.qualifiedSince, m), plusDays(addMonths(staffRow.qualifiedSince, m), -1));
    }
    edges.push('2024-03-31', '2024-04-01', '2024-10-30', '2024-10-31');
    const coverEdges = again ? [again.soldAt, plusDays(again.soldAt, 1), ...(again.statusAt ? [again.statusAt, plusDays(again.statusAt, -1), plusDays(again.statusAt, 1)] : [])] : [];
    const soldAt = again && r.chance(0.6)
      ? r.pick(coverEdges)
      : r.chance(0.45)
      ? r.pick(edges)
      : r.chance(0.3)
        ? monthEnd(r.int(2023, 2025), r.int(1, 12))
        : isoOf(Date.UTC(2023, 0, 1) + r.int(0, 900) * DAY_MS);
    // premiums on and around the affordability thresholds of the customer's household incomes
    const households = mySnapshots.map((s) => s.householdAnnualIncome).filter((h): h is number => h != null);
    const premiumMode = r.pick([null, null, 'single', 'annual', 'monthly'] as const);
    const mode = premiumMode ?? product.premiumMode ?? null;
    let amount = r.pick([1000, 5000, 20_000, 100_000, 250_000]);
    if (households.length > 0 && r.chance(0.6)) {
      const h = r.pick(households);
      const base = r.pick(
        mode === 'single' ? [4 * h, 3 * h] : mode === 'monthly' ? [(0.2 * h) / 12, (0.15 * h) / 12] : [0.2 * h, 0.15 * h],
      );
      amount = Math.round(base * 100) / 100 + r.pick([-0.01, 0, 0, 0.01]);
      amount = Math.round(amount * 100) / 100;
    }
    const status = r.pick([...SALE_STATUSES, 'active', 'active', 'cancelled_cooling_off'] as const);
    const statusAt = r.chance(0.2)
      ? null
      : status === 'cancelled_cooling_off'
        ? plusDays(soldAt, (product.coolingOffDays ?? 15) + r.pick([-1, 0, 1, 5]))
        : status === 'active'
          ? null
          : plusDays(soldAt, r.int(1, 700));
    salesList.push({
      customerId,
      saleId: `${r.pick(['S', 's', 'A', 'b'])}-${String(i).padStart(4, '0')}`,
      productCode: product.productCode,
      soldAt,
      amount,
      premiumMode,
      channel: r.pick(channels),
      branchCode: r.pick([null, 'BR-1', 'BR-2']),
      staffCode,
      campaignCode: r.maybe(0.3, () => r.pick(['CMP-A', 'CMP-B'])),
      customerRiskLevelAtSale: r.maybe(0.4, () => r.pick(CUSTOMER_RISK_LEVELS)),
      dualRecording: r.pick([null, true, false, false]),
      status,
      statusAt,
    });
  }

  const complaintList: Complaint[] = [];
  const evidenceList: Evidence[] = [];
  salesList.forEach((sale, i) => {
    if (r.chance(0.12)) {
      for (let c = 0; c < r.int(1, 2); c++) {
        complaintList.push({
          customerId: sale.customerId,
          complaintId: `CP-${i}-${c}`,
          receivedAt: plusDays(sale.soldAt, 30),
          category: r.pick(['mis_selling', 'mis_selling', 'service', null]),
          saleId: sale.saleId,
        });
      }
    }
    if (r.chance(0.25)) {
      for (let e = 0; e < r.int(1, 2); e++) {
        evidenceList.push({
          customerId: sale.customerId,
          saleId: sale.saleId,
          kind: r.pick(EVIDENCE_KINDS),
          reference: `DOC-${i}-${e}`,
          clears: [],
          revokedAt: r.chance(0.25) ? new Date('2025-01-01T00:00:00Z') : null,
        });
      }
    }
  });
  // complaints about another customer's sale, or about no sale, raise nothing
  complaintList.push({ customerId: customerIds[0]!, complaintId: 'CP-ORPHAN', receivedAt: '2024-01-01', category: 'mis_selling', saleId: null });
  complaintList.push({ customerId: customerIds[1]!, complaintId: 'CP-OTHER', receivedAt: '2024-01-01', category: 'mis_selling', saleId: salesList.find((s) => s.customerId !== customerIds[1])!.saleId });

  return { products: productList, ratings, staff: staffList, snapshots, sales: salesList, complaints: complaintList, evidence: evidenceList };
}

/** SaleCheckInput of each sale, built from the generated rows in TypeScript (not from the SQL). */
function checkInputs(data: Generated): SaleCheckInput[] {
  return data.sales.map((sale) => {
    const product = data.products.find((p) => p.productCode === sale.productCode)!;
    const riskLevel = effectiveProductRisk([product.riskLevel, ...data.ratings.filter((r) => r.productCode === product.productCode).map((r) => r.riskLevel)])!;
    const snapshot = data.snapshots
      .filter((s) => s.customerId === sale.customerId && s.asOf <= sale.soldAt)
      .sort((a, b) => (a.asOf < b.asOf ? 1 : -1))[0];
    const seller = sale.staffCode == null ? null : data.staff.find((s) => s.staffCode === sale.staffCode);
    const active = (o: Sale) => o.status === 'active' || (o.statusAt != null && o.statusAt > sale.soldAt);
    return {
      sale: {
        saleId: sale.saleId,
        soldAt: sale.soldAt,
        amount: sale.amount,
        premiumMode: (sale.premiumMode ?? product.premiumMode ?? null) as SaleCheckInput['sale']['premiumMode'],
        channel: sale.channel ?? null,
        staffCode: sale.staffCode ?? null,
        campaignCode: sale.campaignCode ?? null,
        customerRiskLevelAtSale: (sale.customerRiskLevelAtSale ?? null) as CustomerRiskLevel | null,
        dualRecording: sale.dualRecording ?? null,
        status: sale.status ?? 'active',
        statusAt: sale.statusAt ?? null,
      },
      product: {
        productCode: product.productCode,
        category: product.category,
        riskLevel,
        termYears: product.termYears ?? null,
        coolingOffDays: product.coolingOffDays ?? 15,
      },
      customer: snapshot
        ? {
            asOf: snapshot.asOf,
            birthDate: snapshot.birthDate ?? null,
            birthYear: snapshot.birthYear ?? null,
            region: snapshot.region ?? null,
            monthlyIncome: snapshot.monthlyIncome ?? null,
            householdAnnualIncome: snapshot.householdAnnualIncome ?? null,
            riskLevel: (snapshot.riskLevel ?? null) as CustomerRiskLevel | null,
            riskAssessedAt: snapshot.riskAssessedAt ?? null,
            consentMarketing: snapshot.consentMarketing ?? null,
            consentDataSharing: snapshot.consentDataSharing ?? null,
          }
        : null,
      staff: sale.staffCode == null ? null : seller ? { known: true, qualifiedSince: seller.qualifiedSince ?? null, qualifiedUntil: seller.qualifiedUntil ?? null } : { known: false },
      evidence: [...new Set(data.evidence.filter((e) => e.customerId === sale.customerId && e.saleId === sale.saleId && e.revokedAt == null).map((e) => e.kind))],
      misSellingComplaints: data.complaints.filter((c) => c.customerId === sale.customerId && c.saleId === sale.saleId && c.category === 'mis_selling').length,
      earlierActiveCoverSaleIds: data.sales
        .filter((o) => o.customerId === sale.customerId && o.soldAt < sale.soldAt && active(o))
        .filter((o) => data.products.find((p) => p.productCode === o.productCode)!.category === product.category)
        .map((o) => o.saleId),
    };
  });
}

async function insertAll(t: TestDatabase, data: Generated): Promise<void> {
  const db = t.handle.db;
  const chunks = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / 200) }, (_, i) => rows.slice(i * 200, i * 200 + 200));
  await db.insert(products).values(data.products);
  if (data.ratings.length > 0) await db.insert(productRiskRatings).values(data.ratings);
  await db.insert(staff).values(data.staff);
  for (const rows of chunks(data.snapshots)) await db.insert(customerSnapshots).values(rows);
  await db.execute(sql`
    INSERT INTO customers (customer_id, as_of)
    SELECT DISTINCT ON (customer_id) customer_id, as_of FROM customer_snapshots ORDER BY customer_id, as_of DESC`);
  for (const rows of chunks(data.sales)) await db.insert(sales).values(rows);
  for (const rows of chunks(data.complaints)) await db.insert(complaints).values(rows);
  for (const rows of chunks(data.evidence)) await db.insert(saleEvidence).values(rows);
}

interface SqlFinding extends Record<string, unknown> {
  sale_id: string;
  rule_code: string;
  rule_version: number;
  severity: string;
  facts: Record<string, unknown>;
}

describe('the bulk SQL scan agrees with checkSale on generated sales', () => {
  let t: TestDatabase;
  let data: Generated;
  let inputs: SaleCheckInput[];

  beforeAll(async () => {
    for (const v of VERSIONS) expect([v.version, complianceSettingsProblems(v.settings)]).toEqual([v.version, []]);
    t = await createTestDatabase();
    data = generate(20_241_031);
    inputs = checkInputs(data);
    await insertAll(t, data);
  });
  afterAll(async () => t?.dispose());

  it('raises exactly the findings checkSale raises, with the same rule version, severity and facts, for every rule', async () => {
    const repository = new ComplianceScanRepository(t.handle.db);
    const counts = await repository.scan({ windows: ruleVersionWindows(VERSIONS), scope: { kind: 'all' } });
    expect(counts.salesChecked).toBe(data.sales.length);

    const fromSql = (
      await t.handle.rows<SqlFinding>(sql`SELECT sale_id, rule_code, rule_version, severity, facts FROM compliance_findings`)
    ).map((f) => ({ saleId: f.sale_id, ruleCode: f.rule_code, version: Number(f.rule_version), severity: f.severity, facts: f.facts }));
    const fromTs = inputs.flatMap((input) => {
      const version = complianceRuleVersionOn(VERSIONS, input.sale.soldAt)!;
      return checkSale(input, version.settings).map((f) => ({ saleId: input.sale.saleId, ruleCode: f.ruleCode, version: version.version, severity: f.severity, facts: f.facts }));
    });
    const order = (a: { saleId: string; ruleCode: string }, b: { saleId: string; ruleCode: string }) =>
      a.saleId === b.saleId ? RULE_CODES.indexOf(a.ruleCode as never) - RULE_CODES.indexOf(b.ruleCode as never) : a.saleId < b.saleId ? -1 : 1;
    fromSql.sort(order);
    fromTs.sort(order);
    expect(counts.findingsCreated).toBe(fromTs.length);
    expect(fromSql).toEqual(fromTs);

    // every rule fired, under more than one version, and evidence cleared some of them
    const fired = new Map<string, Set<number>>();
    for (const f of fromTs) fired.set(f.ruleCode, (fired.get(f.ruleCode) ?? new Set()).add(f.version));
    expect(RULE_CODES.filter((code) => !fired.has(code))).toEqual([]);
    expect(RULE_CODES.filter((code) => (fired.get(code)?.size ?? 0) < 2)).toEqual([]);
    const cleared = inputs.flatMap((input) =>
      saleRuleOutcomes(input, complianceRuleVersionOn(VERSIONS, input.sale.soldAt)!.settings).filter((o) => o.clearedBy !== null),
    );
    expect(new Set(cleared.map((o) => o.clearedBy))).toEqual(new Set(EVIDENCE_KINDS));
  });

  it('re-scanning the same data changes nothing', async () => {
    const repository = new ComplianceScanRepository(t.handle.db);
    expect(await repository.scan({ windows: ruleVersionWindows(VERSIONS), scope: { kind: 'all' } })).toEqual({
      salesChecked: data.sales.length,
      findingsCreated: 0,
      findingsUpdated: 0,
      findingsWithdrawn: 0,
      findingsReopened: 0,
    });
  });
});
