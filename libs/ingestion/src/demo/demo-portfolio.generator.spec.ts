import { describe, expect, it } from 'vitest';
import {
  checkSale,
  DEFAULT_COMPLIANCE_SETTINGS,
  effectiveProductRisk,
  type CustomerRiskLevel,
  type ProductCategory,
  type RuleCode,
  type SaleCheckInput,
} from '@banca/domain';
import { demoSnapshotDates } from '../demo-data.service';
import { demoCustomersCsv } from './demo-customers.generator';
import { addMonths, DEMO_BRANCHES, demoPortfolio } from './demo-portfolio.generator';

const ANCHOR = '2026-07-15';
const customerOptions = { snapshots: demoSnapshotDates(ANCHOR) };
const portfolio = demoPortfolio({ anchor: ANCHOR, customers: customerOptions });

/** The demo files need no quoting (no commas or quotes in any cell): a plain split reads them, and checks it. */
function table(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const names = header!.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    expect(cells, line).toHaveLength(names.length);
    return Object.fromEntries(names.map((n, i) => [n, cells[i]!]));
  });
}

const orNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);
const numOrNull = (v: string | undefined) => (orNull(v) === null ? null : Number(v));
const yesNo = (v: string | undefined) => (orNull(v) === null ? null : v === 'Y');

/** Every sale of the demo checked against the default rules, as the compliance scan of the loaded files would. */
function findingsByRule() {
  const products = table(portfolio.products);
  const staff = new Map(table(portfolio.staff).map((s) => [s.staff_code!, s]));
  const snapshots = new Map<string, Record<string, string>[]>();
  for (const row of table([...demoCustomersCsv(customerOptions)].join(''))) {
    snapshots.set(row.customer_id!, [...(snapshots.get(row.customer_id!) ?? []), row]);
  }
  const complaints = table(portfolio.complaints);
  const sales = table(portfolio.sales);
  const byRule = new Map<RuleCode, number>();
  let flagged = 0;
  for (const sale of sales) {
    const ratings = products.filter((p) => p.product_code === sale.product_code);
    const product = ratings[0]!;
    const snapshot = [...(snapshots.get(sale.customer_id!) ?? [])].reverse().find((s) => s.as_of! <= sale.sold_at!) ?? null;
    const seller = orNull(sale.staff_code) === null ? null : staff.get(sale.staff_code!);
    const category = product.category as ProductCategory;
    const input: SaleCheckInput = {
      sale: {
        saleId: sale.sale_id!,
        soldAt: sale.sold_at!,
        amount: Number(sale.amount),
        premiumMode: sale.premium_mode as 'single' | 'annual' | 'monthly',
        channel: orNull(sale.channel),
        staffCode: orNull(sale.staff_code),
        campaignCode: orNull(sale.campaign_code),
        customerRiskLevelAtSale: orNull(sale.customer_risk_level_at_sale) as CustomerRiskLevel | null,
        dualRecording: yesNo(sale.dual_recording),
        status: sale.status!,
        statusAt: orNull(sale.status_at),
      },
      product: {
        productCode: product.product_code!,
        category,
        riskLevel: effectiveProductRisk(ratings.map((r) => r.risk_level))!,
        termYears: numOrNull(product.term_years),
        coolingOffDays: Number(product.cooling_off_days),
      },
      customer: snapshot && {
        asOf: snapshot.as_of!,
        birthDate: orNull(snapshot.birth_date),
        birthYear: numOrNull(snapshot.birth_year),
        region: orNull(snapshot.region),
        monthlyIncome: numOrNull(snapshot.monthly_income),
        householdAnnualIncome: numOrNull(snapshot.household_annual_income),
        riskLevel: orNull(snapshot.risk_level) as CustomerRiskLevel | null,
        riskAssessedAt: orNull(snapshot.risk_assessed_at),
        consentMarketing: yesNo(snapshot.consent_marketing),
        consentDataSharing: yesNo(snapshot.consent_data_sharing),
      },
      staff: seller === null ? null : seller ? { known: true, qualifiedSince: orNull(seller.qualified_since), qualifiedUntil: orNull(seller.qualified_until) } : { known: false },
      evidence: [],
      misSellingComplaints: complaints.filter((c) => c.sale_id === sale.sale_id && c.category === 'mis_selling').length,
      earlierActiveCoverSaleIds: DEFAULT_COMPLIANCE_SETTINGS.protectionCategories.includes(category)
        ? sales
            .filter(
              (o) =>
                o.customer_id === sale.customer_id &&
                o.sold_at! < sale.sold_at! &&
                products.find((p) => p.product_code === o.product_code)!.category === category &&
                (o.status === 'active' || (orNull(o.status_at) !== null && o.status_at! > sale.sold_at!)),
            )
            .map((o) => o.sale_id!)
        : [],
    };
    const findings = checkSale(input, DEFAULT_COMPLIANCE_SETTINGS);
    if (findings.some((f) => f.severity !== 'info')) flagged++;
    for (const f of findings) byRule.set(f.ruleCode, (byRule.get(f.ruleCode) ?? 0) + 1);
  }
  return { sales: sales.length, flagged, byRule };
}

describe('demo portfolio files', () => {
  it('are the same bytes for the same anchor and seed, and move with the anchor', () => {
    expect(demoPortfolio({ anchor: ANCHOR, customers: customerOptions })).toEqual(portfolio);
    expect(demoPortfolio({ anchor: '2026-08-15', customers: customerOptions }).sales).not.toBe(portfolio.sales);
  });

  it('hold every branch with a Chinese name, three sellers each, and products of bank and insurers, some rated by both', () => {
    const branches = table(portfolio.branches);
    expect(branches.map((b) => b.branch_code)).toEqual(DEMO_BRANCHES.map((b) => b.code));
    for (const b of branches) expect(b.name).toMatch(/^[\u4e00-\u9fff]+支行$/);
    const staff = table(portfolio.staff);
    expect(staff).toHaveLength(DEMO_BRANCHES.length * 3);
    expect(staff.filter((s) => !s.qualified_until || s.qualified_until < ANCHOR).map((s) => s.staff_code).sort()).toEqual(['BJ001-02', 'GD002-03', 'SC001-01']);
    const products = table(portfolio.products);
    const providers = new Map<string, Set<string>>();
    for (const p of products) providers.set(p.product_code!, (providers.get(p.product_code!) ?? new Set()).add(p.provider!));
    expect([...providers].filter(([, set]) => set.size > 1).map(([code]) => code).sort()).toEqual(['IL-GROW', 'PAR-10', 'UL-SP']);
    expect(new Set(products.map((p) => p.risk_level))).toEqual(new Set(['R1', 'R2', 'R3', 'R4', 'R5']));
    expect(new Set(products.map((p) => p.category)).size).toBeGreaterThanOrEqual(15);
  });

  it('hold 4,000 sales over the 24 months before the anchor, in several channels and premium modes', () => {
    const sales = table(portfolio.sales);
    expect(sales).toHaveLength(4000);
    expect(new Set(sales.map((s) => s.sale_id)).size).toBe(4000);
    expect(sales.every((s) => s.sold_at! >= addMonths(ANCHOR, -24) && s.sold_at! < ANCHOR)).toBe(true);
    expect(new Set(sales.map((s) => s.channel))).toEqual(new Set(['branch', 'account_manager', 'app', 'online', 'phone', 'wechat', 'sms']));
    expect(new Set(sales.map((s) => s.premium_mode))).toEqual(new Set(['single', 'annual', 'monthly']));
    const statuses = new Set(sales.map((s) => s.status));
    for (const status of ['active', 'cancelled_cooling_off', 'lapsed', 'matured', 'surrendered']) expect(statuses).toContain(status);
    const complaints = table(portfolio.complaints);
    expect(complaints.filter((c) => c.category === 'mis_selling').length).toBeGreaterThan(20);
    expect(complaints.every((c) => sales.some((s) => s.sale_id === c.sale_id && s.customer_id === c.customer_id))).toBe(true);
  });

  it('give the compliance rules a realistic minority of findings, of every kind the demo stages', () => {
    const { sales, flagged, byRule } = findingsByRule();
    const share = flagged / sales;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.2);
    for (const rule of [
      'RISK_MISMATCH',
      'RISK_ASSESSMENT_EXPIRED',
      'ELDERLY_NON_GUARANTEED',
      'AFFORDABILITY_SINGLE',
      'DUAL_RECORDING_MISSING',
      'STAFF_UNQUALIFIED',
      'CONSENT_MISSING',
      'DUPLICATE_COVER',
      'COOLING_OFF_CANCELLED',
      'MIS_SELLING_COMPLAINT',
    ] as const) {
      expect(byRule.get(rule) ?? 0, `${rule}: ${JSON.stringify(Object.fromEntries(byRule))}`).toBeGreaterThan(3);
    }
    // No flood of one rule: each stays under 5 % of sales
    for (const [rule, n] of byRule) expect(n / sales, rule).toBeLessThan(0.05);
  });
});
