import type { CampaignPlanRequest } from '@banca/contracts';
import { DEFAULT_CONTACT_POLICY, type PremiumMode } from '@banca/domain';
import { addDays, addMonths } from '@banca/ingestion';

/**
 * The six joint campaigns of PRODUCT.md (seeds 000 and 003) as platform campaigns, with the products they
 * offer that the base demo does not have, and how their outcomes are generated: contact and response
 * rates, the conversion rate of the holdout (the baseline) and of the treatment, redemptions, cooling-off
 * cancellations, surrenders, lapses, renewals, complaints and, for the silver-age plan, the audience's AUM.
 * Dates are relative to the demo's anchor ("today"), so some campaigns are completed, two are running and
 * one is scheduled whatever day the demo is generated on.
 */

/** The campaign codes of the demo, in the order they are created. */
export const CAMPAIGN_DEMO_CODES = ['MORTGAGE-BUNDLE', 'WEALTH-HEALTH', 'CARD-RIGHTS', 'SILVER-AGE', 'PAYROLL-MICRO', 'BRANCH-MONTH'] as const;
export type CampaignDemoCode = (typeof CAMPAIGN_DEMO_CODES)[number];

export const DEMO_BANK = 'DEMOBANK';
export const DEMO_LIFE_INSURER = 'HENGAN-LIFE';
export const DEMO_PC_INSURER = 'TAIHE-PC';

/** A product the campaigns offer (added to the base demo's products by a products file). */
export interface CampaignDemoProduct {
  code: string;
  name: string;
  provider: string;
  category: string;
  risk: number;
  mode: PremiumMode;
  termYears: number | null;
  feeRate: number;
  /** Premium per period (principal for a deposit): [low, high] CNY. */
  amount: readonly [number, number];
}

export const CAMPAIGN_DEMO_PRODUCTS: readonly CampaignDemoProduct[] = [
  { code: 'HOME-MTG', name: '房贷家财意外组合 Mortgage home & accident bundle', provider: DEMO_PC_INSURER, category: 'home_property', risk: 1, mode: 'annual', termYears: 1, feeRate: 0.25, amount: [360, 960] },
  { code: 'CI-1Y', name: '一年期重疾险 One-year critical illness', provider: DEMO_LIFE_INSURER, category: 'critical_illness', risk: 1, mode: 'annual', termYears: 1, feeRate: 0.3, amount: [800, 2_600] },
  { code: 'ACC-FAM', name: '家庭意外险(升级) Family accident upgrade', provider: DEMO_PC_INSURER, category: 'accident', risk: 1, mode: 'annual', termYears: 1, feeRate: 0.25, amount: [300, 1_200] },
  { code: 'ANN-LIFE', name: '终身年金 Lifetime annuity', provider: DEMO_LIFE_INSURER, category: 'annuity', risk: 2, mode: 'annual', termYears: 10, feeRate: 0.18, amount: [10_000, 60_000] },
  { code: 'PEN-SAV-5Y', name: '养老储蓄(5年) Pension savings 5-year', provider: DEMO_BANK, category: 'deposit', risk: 1, mode: 'single', termYears: 5, feeRate: 0, amount: [100_000, 800_000] },
  { code: 'ACC-M10', name: '月缴意外险 Monthly accident cover (10 CNY)', provider: DEMO_PC_INSURER, category: 'accident', risk: 1, mode: 'monthly', termYears: 1, feeRate: 0.3, amount: [10, 10] },
];

/** How a campaign's outcomes are generated (rates are shares 0–1). */
export interface CampaignOutcomeModel {
  /** Share of the treatment contacted. */
  contactRate: number;
  /** Share of the contacted, not converting, who respond anyway. */
  responseRate: number;
  /** Conversion rate without the campaign: the holdout's. */
  baseline: number;
  /** Conversion rate of the treatment over the whole window. */
  treatment: number;
  /** Share of the responders who do not convert but redeem the offer anyway (card rights: a cover upgrade). */
  respondersRedeem: number;
  /** Share of the treatment's converted who take the offer up (redeem). */
  convertedRedeem: number;
  /** Products a converted customer buys: the first always, each further one with its chance. */
  basket: readonly { code: string; chance: number }[];
  coolingOff: number;
  /** Share of regular-premium or annuity sales surrendered after 3–8 months. */
  surrender: number;
  /** Share of monthly-premium sales lapsed after 1–4 months. */
  lapse: number;
  /** One-year covers: renewed after 12 months (by arm); null: they mature. */
  renewal: { treatment: number; holdout: number } | null;
  /** Complaints per converting sale (a mis-selling share of them) and per contacted customer. */
  complaintPerSale: number;
  complaintPerContact: number;
  /** AUM at the window end against the start, by arm (the treatment's converted keep more). */
  aum: { converted: number; treatment: number; holdout: number } | null;
}

/** One campaign of the demo: the plan, when it is launched (null: stays a draft), and its outcome model. */
export interface CampaignDemoSpec {
  code: CampaignDemoCode;
  plan: CampaignPlanRequest;
  /** The launch day (the audience's decision date). Campaigns launched after the outcomes load: `launchLate`. */
  launchOn: string | null;
  /** Launched after the other campaigns' outcomes are in (so its contact policy counts their contacts). */
  launchLate: boolean;
  /** Outcomes are generated (the campaign has started). */
  outcome: CampaignOutcomeModel | null;
}

const NO_OUTCOME_EXTRAS = { surrender: 0, lapse: 0, renewal: null, aum: null } as const;

/**
 * The six campaigns on `anchor`. Budgets scale with the number of customers (`scale` = customers / 4,000),
 * so ROI and cost per acquisition stay plausible at any size.
 */
export function campaignDemoSpecs(anchor: string, scale: number): CampaignDemoSpec[] {
  const money = (amount: number) => Math.max(1_000, Math.round((amount * scale) / 1_000) * 1_000);
  const lines = (l: Partial<Record<'promotion' | 'gifts' | 'training' | 'fees', number>>) =>
    Object.fromEntries(Object.entries(l).map(([k, v]) => [k, money(v)]));
  const sum = (l: Record<string, number>) => Object.values(l).reduce((a, b) => a + b, 0);
  const plan = (p: Omit<CampaignPlanRequest, 'bankPartner' | 'contactPolicy' | 'budget' | 'holdoutShare' | 'budgetLines'> & {
    budgetLines: Partial<Record<'promotion' | 'gifts' | 'training' | 'fees', number>>;
    /** What the offer's redemptions are expected to cost (budgeted on top of the lines). */
    redemptionAllowance: number;
    insurerPartner: string;
    contactPolicy?: CampaignPlanRequest['contactPolicy'];
  }): CampaignPlanRequest => {
    const { redemptionAllowance, ...rest } = p;
    const budgetLines = lines(p.budgetLines);
    return {
      ...rest,
      bankPartner: DEMO_BANK,
      budgetLines,
      budget: Math.ceil(((sum(budgetLines) + money(redemptionAllowance)) * 1.05) / 1_000) * 1_000,
      holdoutShare: 0.1,
      contactPolicy: p.contactPolicy ?? DEFAULT_CONTACT_POLICY,
    };
  };
  const launchBefore = (start: string) => addDays(start, -7);

  const mortgageStart = addMonths(anchor, -9);
  const wealthStart = addMonths(anchor, -16);
  const cardStart = addMonths(anchor, -2);
  const silverStart = addMonths(anchor, -8);
  const payrollStart = addMonths(anchor, -3);
  const branchStart = addDays(anchor, 10);

  return [
    {
      code: 'MORTGAGE-BUNDLE',
      launchOn: launchBefore(mortgageStart),
      launchLate: false,
      plan: plan({
        code: 'MORTGAGE-BUNDLE',
        name: '房贷 + 家财险 + 意外险组合包 Mortgage bundle',
        description:
          'Mortgage customers tick home-property and accident cover in one click; the premium is auto-debited from the mortgage account (seed 003: home-insurance penetration 5 % → 18 %).',
        insurerPartner: DEMO_PC_INSURER,
        startDate: mortgageStart,
        endDate: addMonths(anchor, -6),
        attributionDays: 30,
        target: { tiers: [], segmentIds: [], filter: { field: 'hasMortgage', op: 'is', value: true } },
        productCodes: ['HOME-MTG'],
        offer: { kind: 'discount', description: '首年保费 85 折，房贷账户代扣 15 % off the first year, auto-debited', rate: 0.15, costPerRedemption: 45 },
        channels: ['app', 'branch', 'account_manager'],
        budgetLines: { promotion: 6_000, fees: 3_000, training: 2_000 },
        redemptionAllowance: 6_000,
        goal: { metric: 'penetration', target: 0.18 },
      }),
      outcome: {
        contactRate: 0.92,
        responseRate: 0.22,
        baseline: 0.04,
        treatment: 0.16,
        respondersRedeem: 0,
        convertedRedeem: 0.95,
        basket: [{ code: 'HOME-MTG', chance: 1 }],
        coolingOff: 0.02,
        complaintPerSale: 0.005,
        complaintPerContact: 0.0005,
        ...NO_OUTCOME_EXTRAS,
      },
    },
    {
      code: 'WEALTH-HEALTH',
      launchOn: launchBefore(wealthStart),
      launchLate: false,
      plan: plan({
        code: 'WEALTH-HEALTH',
        name: '理财送重疾 Wealth-linked health',
        description:
          'Customers buying 50,000 or more of a wealth product get a one-year critical-illness voucher; renewing next year earns a 10 % premium rebate from the wealth returns (seed 003: insurance conversion 12 %).',
        insurerPartner: DEMO_LIFE_INSURER,
        startDate: wealthStart,
        endDate: addMonths(anchor, -13),
        attributionDays: 30,
        target: { tiers: ['middle', 'hnw'], segmentIds: [], filter: { field: 'wealthBalance', op: 'gte', value: 50_000 } },
        productCodes: ['CI-1Y'],
        offer: { kind: 'voucher', description: '一年期重疾体验券；次年续保返还 10 % 保费 One-year critical-illness voucher; 10 % rebate on renewal', rate: 0.1, costPerRedemption: 260 },
        channels: ['account_manager', 'app'],
        budgetLines: { promotion: 8_000, gifts: 6_000, training: 3_000 },
        redemptionAllowance: 25_000,
        goal: { metric: 'conversion_rate', target: 0.12 },
      }),
      outcome: {
        contactRate: 0.9,
        responseRate: 0.18,
        baseline: 0.03,
        treatment: 0.14,
        respondersRedeem: 0,
        convertedRedeem: 0.9,
        basket: [{ code: 'CI-1Y', chance: 1 }],
        coolingOff: 0.01,
        complaintPerSale: 0.005,
        complaintPerContact: 0.0005,
        ...NO_OUTCOME_EXTRAS,
        renewal: { treatment: 0.78, holdout: 0.6 },
      },
    },
    {
      code: 'CARD-RIGHTS',
      launchOn: launchBefore(cardStart),
      launchLate: false,
      plan: plan({
        code: 'CARD-RIGHTS',
        name: '信用卡权益互通 Card rights',
        description:
          'Card spend of 100,000 redeems a family accident cover upgrade; annuity buyers get airport lounge or health-check rights (seed 003: redemption 25 %). Targets card customers spending 50,000 or more a year.',
        insurerPartner: DEMO_LIFE_INSURER,
        startDate: cardStart,
        endDate: addMonths(anchor, 1),
        attributionDays: 30,
        target: { tiers: [], segmentIds: [], filter: { field: 'cardSpend12m', op: 'gte', value: 50_000 } },
        productCodes: ['ACC-FAM', 'ANN-LIFE'],
        offer: {
          kind: 'gift',
          description: '刷卡满 10 万兑换家庭意外险保额升级；年金客户赠贵宾厅或高端体检 Accident upgrade for 100,000 card spend; lounge or health check for annuity buyers',
          rate: null,
          costPerRedemption: 120,
        },
        channels: ['app', 'sms', 'wechat'],
        budgetLines: { promotion: 9_000, gifts: 8_000 },
        redemptionAllowance: 16_000,
        goal: { metric: 'conversion_rate', target: 0.1 },
      }),
      outcome: {
        contactRate: 0.88,
        responseRate: 0.3,
        baseline: 0.05,
        treatment: 0.14,
        respondersRedeem: 0.55,
        convertedRedeem: 0.9,
        basket: [
          { code: 'ACC-FAM', chance: 1 },
          { code: 'ANN-LIFE', chance: 0.3 },
        ],
        coolingOff: 0.025,
        complaintPerSale: 0.005,
        complaintPerContact: 0.0005,
        ...NO_OUTCOME_EXTRAS,
        surrender: 0.01,
      },
    },
    {
      code: 'SILVER-AGE',
      launchOn: launchBefore(silverStart),
      launchLate: false,
      plan: plan({
        code: 'SILVER-AGE',
        name: '银龄财富计划 Silver-age plan',
        description:
          'Customers aged 50 and over: 5-year pension savings at a rate 10 % above the standard, bundled with a lifetime annuity; 500,000 in savings earns a longevity bonus and priority for the retirement community (seed 003: AUM retention 92 %).',
        insurerPartner: DEMO_LIFE_INSURER,
        startDate: silverStart,
        endDate: addMonths(anchor, -5),
        attributionDays: 30,
        target: {
          tiers: [],
          segmentIds: [],
          filter: { all: [{ field: 'age', op: 'gte', value: 50 }, { field: 'investableAssets', op: 'gte', value: 100_000 }] },
        },
        productCodes: ['PEN-SAV-5Y', 'ANN-LIFE'],
        offer: { kind: 'gift', description: '祝寿金 + 养老社区优先入住 Longevity bonus and retirement-community priority', rate: null, costPerRedemption: 500 },
        channels: ['branch', 'account_manager'],
        budgetLines: { promotion: 30_000, gifts: 20_000, training: 15_000 },
        redemptionAllowance: 30_000,
        goal: { metric: 'conversion_rate', target: 0.15 },
      }),
      outcome: {
        contactRate: 0.85,
        responseRate: 0.2,
        baseline: 0.04,
        treatment: 0.2,
        respondersRedeem: 0,
        convertedRedeem: 0.7,
        basket: [
          { code: 'PEN-SAV-5Y', chance: 1 },
          { code: 'ANN-LIFE', chance: 0.62 },
        ],
        coolingOff: 0.03,
        complaintPerSale: 0.005,
        complaintPerContact: 0.0005,
        surrender: 0.02,
        lapse: 0,
        renewal: null,
        aum: { converted: 1.02, treatment: 0.9, holdout: 0.86 },
      },
    },
    {
      code: 'PAYROLL-MICRO',
      launchOn: launchBefore(payrollStart),
      launchLate: false,
      plan: plan({
        code: 'PAYROLL-MICRO',
        name: '代发工资小额意外险 Payroll micro-cover',
        description:
          'Payroll customers earning under 5,000 a month are offered accident cover at 10 CNY a month, with 5 CNY off their phone bill on purchase (seed 003: coverage 12 % → 38 %).',
        insurerPartner: DEMO_PC_INSURER,
        startDate: payrollStart,
        endDate: addDays(anchor, 14),
        attributionDays: 30,
        target: {
          tiers: ['basic'],
          segmentIds: [],
          filter: { all: [{ field: 'payroll', op: 'is', value: true }, { field: 'monthlyIncome', op: 'lt', value: 5_000 }] },
        },
        productCodes: ['ACC-M10'],
        offer: { kind: 'discount', description: '投保立减 5 元话费 5 CNY off the phone bill on purchase', rate: null, costPerRedemption: 5 },
        channels: ['app', 'sms', 'wechat'],
        budgetLines: { promotion: 2_500, gifts: 1_000, fees: 1_000 },
        redemptionAllowance: 1_000,
        goal: { metric: 'penetration', target: 0.38 },
      }),
      outcome: {
        contactRate: 0.94,
        responseRate: 0.25,
        baseline: 0.03,
        treatment: 0.34,
        respondersRedeem: 0,
        convertedRedeem: 0.85,
        basket: [{ code: 'ACC-M10', chance: 1 }],
        coolingOff: 0.03,
        complaintPerSale: 0.005,
        complaintPerContact: 0.0005,
        surrender: 0,
        lapse: 0.06,
        renewal: null,
        aum: null,
      },
    },
    {
      code: 'BRANCH-MONTH',
      launchOn: anchor,
      launchLate: true,
      plan: plan({
        code: 'BRANCH-MONTH',
        name: '网点保险服务月 Branch insurance month (Shanghai)',
        description:
          'A month of seminars in the Shanghai branches: premium discounts and gifts on medical, critical-illness and participating-annuity cover; goal +20 % insurance sales in three months, evaluated at the end (seed 000).',
        insurerPartner: DEMO_LIFE_INSURER,
        startDate: branchStart,
        endDate: addDays(addMonths(branchStart, 1), -1),
        attributionDays: 60,
        target: { tiers: ['basic', 'middle'], segmentIds: [], filter: { field: 'region', op: 'eq', value: 'Shanghai' } },
        productCodes: ['MED-1Y', 'CI-20', 'PAR-10'],
        offer: { kind: 'discount', description: '讲座现场投保保费 95 折，赠体检礼包 5 % off at the seminar, health-check gift', rate: 0.05, costPerRedemption: 80 },
        channels: ['branch', 'account_manager', 'phone'],
        budgetLines: { promotion: 4_000, gifts: 3_500, training: 3_500 },
        redemptionAllowance: 4_000,
        goal: { metric: 'uplift_points', target: 0.05 },
        contactPolicy: { maxContacts: 2, periodDays: 30 },
      }),
      outcome: null,
    },
  ];
}
