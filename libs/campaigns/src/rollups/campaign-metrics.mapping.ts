import type {
  ArmOutcomeDto,
  BreakdownRowDto,
  CampaignListItemDto,
  CampaignMetricsDto,
  OverviewResponse,
  RateFigureDto,
  RetentionPointDto,
  TrendRowDto,
  UpliftDto,
} from '@banca/contracts';
import {
  AUDIENCE_GROUPS,
  AUDIENCE_STATUSES,
  CAMPAIGN_ORIGINS,
  CAMPAIGN_STATUSES,
  complaintsPer100m,
  complaintsPer1000,
  conversionFigure,
  costPerAcquisition,
  GOAL_METRICS,
  goalProgress,
  incrementalSales,
  rateOrNull,
  roi,
  sampleRatioCheck,
  TIERS,
  uplift,
  type AudienceGroup,
  type CampaignBreakdownDimension,
  type GoalMetric,
  type PeriodGrain,
} from '@banca/domain';
import type { FigureMeasures, FigureRow, MetricsCampaignRow, PeriodFigureRow, RetentionCurveRow, SpendLineRow } from './campaign-metrics.repository';

/**
 * Pure mappings from rollup rows to the campaigns API shapes (libs/contracts campaigns.contract.ts): no
 * database, no clock. A figure over an empty group is null, never 0; uplift and the sample ratio check
 * need a holdout.
 */

export type CampaignRef = CampaignMetricsDto['campaign'];
type TrendArm = TrendRowDto['treatment'];
type OverviewKpis = OverviewResponse['kpis'];
type BeforeAfter = OverviewResponse['beforeAfter'][number];
type TrendPoint = OverviewResponse['trendByTier'][number];

/** The two measured arms of a campaign (campaign_figures dimension total). */
export interface ArmTotals {
  treatment: FigureMeasures;
  holdout: FigureMeasures;
}

/** Sale dimensions attribute each converted customer to their first converting sale; `customers` is the whole arm. */
const SALE_DIMENSIONS: readonly CampaignBreakdownDimension[] = ['channel', 'staff', 'product'];

/** The spend line of offer redemptions: redeemed customers × the offer's cost per redemption. */
export const REDEMPTIONS_LINE = 'redemptions';

/** Measures of a group nobody is in (or a rollup not yet run). */
export function emptyMeasures(customers = 0): FigureMeasures {
  return {
    customers,
    contacted: 0,
    responded: 0,
    redeemed: 0,
    optedOut: 0,
    converted: 0,
    sales: 0,
    premium: 0,
    feeIncome: 0,
    coolingOffCancelled: 0,
    surrendered: 0,
    persistencyDue: 0,
    persistencyActive: 0,
    persistencyDuePremium: 0,
    persistencyActivePremium: 0,
    complaints: 0,
    misSellingComplaints: 0,
    aumCustomers: 0,
    aumStart: 0,
    aumEnd: 0,
    heldBefore: 0,
    heldAfter: 0,
  };
}

function measuresOf(row: FigureRow): FigureMeasures {
  const { campaignCode: _c, dimension: _d, key: _k, arm: _a, ...measures } = row;
  return measures;
}

/** Cents: sums of numeric(18,2) amounts read as floating point. */
export const cents = (amount: number): number => Math.round(amount * 100) / 100;

/** `part / whole` of two money sums; null when the whole is 0. */
const amountRatio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function oneOf<T extends string>(values: readonly T[], value: string, what: string): T {
  if (!(values as readonly string[]).includes(value)) throw new Error(`unknown ${what} ${JSON.stringify(value)} in the campaigns table`);
  return value as T;
}

export function campaignRef(c: MetricsCampaignRow): CampaignRef {
  return {
    code: c.code,
    name: c.name,
    origin: oneOf(CAMPAIGN_ORIGINS, c.origin, 'origin'),
    status: oneOf(CAMPAIGN_STATUSES, c.status, 'status'),
    startDate: c.startDate,
    endDate: c.endDate,
    windowEnd: c.windowEnd,
    productCodes: c.productCodes,
    holdoutShare: c.holdoutShare,
  };
}

/** The arms of a campaign from its dimension-total figure rows (absent arms are empty). */
export function armTotals(rows: readonly FigureRow[]): ArmTotals {
  const arm = (group: AudienceGroup) => {
    const row = rows.find((r) => r.arm === group && r.dimension === 'total');
    return row ? measuresOf(row) : emptyMeasures();
  };
  return { treatment: arm('treatment'), holdout: arm('holdout') };
}

/**
 * Whether the campaign has a holdout to compare with: a platform campaign planned with one; an imported
 * campaign whose events put someone in the holdout group (DATA.md: otherwise uplift is not available).
 */
export function campaignHasHoldout(c: Pick<MetricsCampaignRow, 'origin' | 'holdoutShare'>, holdoutCustomers: number): boolean {
  return c.origin === 'imported' ? holdoutCustomers > 0 : c.holdoutShare > 0;
}

export function rateFigure(converted: number, customers: number): RateFigureDto {
  return conversionFigure(converted, customers);
}

/** Uplift of T over H, or null without a holdout (not available rather than invented) or with an empty arm. */
export function upliftOf(hasHoldout: boolean, t: Pick<FigureMeasures, 'converted' | 'customers'>, h: Pick<FigureMeasures, 'converted' | 'customers'>): UpliftDto | null {
  return hasHoldout ? uplift(t.converted, t.customers, h.converted, h.customers) : null;
}

/** DATA.md metric definitions of one arm (or one breakdown row) from its summed measures. */
export function armOutcome(m: FigureMeasures): ArmOutcomeDto {
  return {
    customers: m.customers,
    contacted: m.contacted,
    responded: m.responded,
    redeemed: m.redeemed,
    optedOut: m.optedOut,
    converted: m.converted,
    sales: m.sales,
    premium: cents(m.premium),
    feeIncome: cents(m.feeIncome),
    coolingOffCancelled: m.coolingOffCancelled,
    coolingOffRate: rateOrNull(m.coolingOffCancelled, m.sales),
    surrendered: m.surrendered,
    surrenderRate: rateOrNull(m.surrendered, m.sales),
    persistency13m: {
      due: m.persistencyDue,
      byCount: rateOrNull(m.persistencyActive, m.persistencyDue),
      byPremium: amountRatio(m.persistencyActivePremium, m.persistencyDuePremium),
    },
    aumRetention: m.aumCustomers > 0 ? amountRatio(m.aumEnd, m.aumStart) : null,
    complaints: m.complaints,
    misSellingComplaints: m.misSellingComplaints,
    complaintsPer1000Sales: complaintsPer1000(m.complaints, m.sales),
    complaintsPer100mPremium: complaintsPer100m(m.complaints, m.premium),
    penetrationBefore: rateOrNull(m.heldBefore, m.customers),
    penetrationAfter: rateOrNull(m.heldAfter, m.customers),
  };
}

/** What one redemption costs the campaign, from its offer (0 without one). */
export function costPerRedemption(c: Pick<MetricsCampaignRow, 'offer'>): number {
  const cost = c.offer?.['costPerRedemption'];
  return typeof cost === 'number' && Number.isFinite(cost) ? cost : 0;
}

/**
 * Spent budget: Σ recorded spend per line, plus line `redemptions` = customers who redeemed the offer in
 * the window (either arm) × the offer's cost per redemption.
 */
export function campaignSpent(
  c: Pick<MetricsCampaignRow, 'code' | 'offer'>,
  spend: readonly SpendLineRow[],
  redeemed: number,
): { spent: number; spentByLine: Record<string, number> } {
  const spentByLine: Record<string, number> = {};
  for (const s of spend) if (s.campaignCode === c.code) spentByLine[s.line] = cents((spentByLine[s.line] ?? 0) + s.amount);
  spentByLine[REDEMPTIONS_LINE] = cents((spentByLine[REDEMPTIONS_LINE] ?? 0) + redeemed * costPerRedemption(c));
  return { spent: cents(Object.values(spentByLine).reduce((sum, v) => sum + v, 0)), spentByLine };
}

/** The campaign's goal as planned, or null (a goal the plan shape no longer knows is not shown). */
export function plannedGoal(c: Pick<MetricsCampaignRow, 'goal'>): { metric: GoalMetric; target: number } | null {
  const metric = c.goal?.['metric'];
  const target = c.goal?.['target'];
  if (typeof metric !== 'string' || typeof target !== 'number' || !(GOAL_METRICS as readonly string[]).includes(metric)) return null;
  return { metric: metric as GoalMetric, target };
}

/** The figure a goal metric is measured on: the treatment arm's (what the campaign reached), uplift in points. */
export function goalActual(metric: GoalMetric, treatment: ArmOutcomeDto, conversion: RateFigureDto, lift: UpliftDto | null): number | null {
  switch (metric) {
    case 'conversion_rate':
      return conversion.rate;
    case 'uplift_points':
      return lift?.points ?? null;
    case 'converted':
      return treatment.converted;
    case 'premium':
      return treatment.premium;
    case 'fee_income':
      return treatment.feeIncome;
    case 'penetration':
      return treatment.penetrationAfter;
  }
}

export interface MetricsInput {
  campaign: MetricsCampaignRow;
  totals: ArmTotals;
  spend: readonly SpendLineRow[];
  refreshedAt: Date | null;
}

/**
 * GET /campaigns/:code/metrics from the rollup. Money, ROI and goal are the treatment arm's: the holdout
 * was never offered anything, its sales are the baseline. The sample ratio check compares the arm sizes
 * with the planned holdout share; an imported campaign had no planned split, so it has none.
 */
export function campaignMetrics({ campaign: c, totals, spend, refreshedAt }: MetricsInput): CampaignMetricsDto {
  const { treatment: t, holdout: h } = totals;
  const hasHoldout = campaignHasHoldout(c, h.customers);
  const lift = upliftOf(hasHoldout, t, h);
  const conversion = { treatment: rateFigure(t.converted, t.customers), holdout: rateFigure(h.converted, h.customers) };
  const treatment = armOutcome(t);
  const incremental = incrementalSales(lift, t.customers);
  const { spent, spentByLine } = campaignSpent(c, spend, t.redeemed + h.redeemed);
  const audience = t.customers + h.customers;
  const goal = plannedGoal(c);
  const actual = goal ? goalActual(goal.metric, treatment, conversion.treatment, lift) : null;
  return {
    campaign: campaignRef(c),
    refreshedAt: refreshedAt?.toISOString() ?? null,
    funnel: {
      targeted: c.origin === 'platform' ? (c.audienceCounts?.targeted ?? audience) : audience,
      eligible: c.origin === 'platform' ? (c.audienceCounts?.eligible ?? audience) : audience,
      treatment: t.customers,
      contacted: t.contacted,
      responded: t.responded,
      converted: t.converted,
    },
    conversion,
    hasHoldout,
    uplift: lift,
    sampleRatio: hasHoldout && c.origin === 'platform' ? sampleRatioCheck(t.customers, h.customers, c.holdoutShare) : null,
    incrementalSales: incremental,
    treatment,
    holdout: armOutcome(h),
    money: {
      premium: treatment.premium,
      feeIncome: treatment.feeIncome,
      budget: c.budget,
      spent,
      spentByLine,
      roi: roi(treatment.feeIncome, spent),
      costPerAcquisition: incremental === null ? null : costPerAcquisition(spent, incremental),
    },
    goal: goal ? { metric: goal.metric, target: goal.target, actual, progress: goalProgress(goal, actual) } : null,
  };
}

/**
 * One line of the campaign list. Arm sizes come from the rollup; before the first refresh, from the
 * audience build's counts.
 */
export function campaignListItem({ campaign: c, totals, spend, refreshedAt }: MetricsInput): CampaignListItemDto {
  const { treatment: t, holdout: h } = totals;
  const refreshed = refreshedAt !== null;
  const treatmentSize = refreshed ? t.customers : (c.audienceCounts?.treatment ?? 0);
  const holdoutSize = refreshed ? h.customers : (c.audienceCounts?.holdout ?? 0);
  const lift = refreshed ? upliftOf(campaignHasHoldout(c, h.customers), t, h) : null;
  return {
    code: c.code,
    name: c.name,
    origin: oneOf(CAMPAIGN_ORIGINS, c.origin, 'origin'),
    status: oneOf(CAMPAIGN_STATUSES, c.status, 'status'),
    bankPartner: c.bankPartner,
    insurerPartner: c.insurerPartner,
    startDate: c.startDate,
    endDate: c.endDate,
    audienceStatus: oneOf(AUDIENCE_STATUSES, c.audienceStatus, 'audience status'),
    treatment: treatmentSize,
    holdout: holdoutSize,
    conversionTreatment: refreshed ? rateOrNull(t.converted, t.customers) : null,
    conversionHoldout: refreshed ? rateOrNull(h.converted, h.customers) : null,
    upliftPoints: lift?.points ?? null,
    upliftSignificant: lift?.significant ?? null,
    budget: c.budget,
    spent: campaignSpent(c, spend, t.redeemed + h.redeemed).spent,
    refreshedAt: refreshedAt?.toISOString() ?? null,
  };
}

/** Plain code-point order (as PostgreSQL's C collation): the same in every locale. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Tiers in their order (hnw, middle, basic), any other key after them by name, not recorded last. */
function compareKeys(by: CampaignBreakdownDimension): (a: string | null, b: string | null) => number {
  const rank = (k: string | null) => (k === null ? Number.MAX_SAFE_INTEGER : by === 'tier' && (TIERS as readonly string[]).includes(k) ? (TIERS as readonly string[]).indexOf(k) : TIERS.length);
  return (a, b) => rank(a) - rank(b) || byCodePoint(a ?? '', b ?? '');
}

/**
 * Breakdown rows: one per key of the dimension. An arm without a row for a key has nobody there (customer
 * dimensions) or converted nobody through it (sale dimensions, whose `customers` is the whole arm).
 */
export function breakdownRows(
  by: CampaignBreakdownDimension,
  rows: readonly FigureRow[],
  totals: ArmTotals,
  hasHoldout: boolean,
): BreakdownRowDto[] {
  const saleDimension = SALE_DIMENSIONS.includes(by);
  const keys = [...new Set(rows.map((r) => r.key))];
  const result = keys.map((key): BreakdownRowDto => {
    const arm = (group: AudienceGroup) => {
      const row = rows.find((r) => r.key === key && r.arm === group);
      return row ? measuresOf(row) : emptyMeasures(saleDimension ? totals[group].customers : 0);
    };
    const t = arm('treatment');
    const h = arm('holdout');
    return {
      key: key === '' ? null : key,
      treatment: armOutcome(t),
      holdout: armOutcome(h),
      conversionTreatment: rateFigure(t.converted, t.customers),
      conversionHoldout: rateFigure(h.converted, h.customers),
      uplift: upliftOf(hasHoldout, t, h),
    };
  });
  const compare = compareKeys(by);
  return result.sort((a, b) => compare(a.key, b.key));
}

// ---------------------------------------------------------------------------------------------------
// Periods (UTC calendar dates, as PostgreSQL date_trunc gives them)

const DAY_MS = 86_400_000;
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of the period holding `date`: the day, its week's Monday, its month's first day. */
export function periodOf(date: string, grain: PeriodGrain): string {
  const d = toDate(date);
  if (grain === 'day') return toIso(d);
  if (grain === 'month') return `${date.slice(0, 7)}-01`;
  return toIso(new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS));
}

function nextPeriod(period: string, grain: PeriodGrain): string {
  const d = toDate(period);
  if (grain === 'day') return toIso(new Date(d.getTime() + DAY_MS));
  if (grain === 'week') return toIso(new Date(d.getTime() + 7 * DAY_MS));
  return toIso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
}

/** Every period from the one holding `from` to the one holding `to` (empty when `to` is earlier). */
export function periodStarts(from: string, to: string, grain: PeriodGrain): string[] {
  const periods: string[] = [];
  const last = periodOf(to, grain);
  for (let p = periodOf(from, grain); p <= last; p = nextPeriod(p, grain)) periods.push(p);
  return periods;
}

const emptyTrendArm = (): Omit<TrendArm, 'cumulativeConverted' | 'cumulativeRate'> => ({
  contacted: 0,
  responded: 0,
  converted: 0,
  sales: 0,
  premium: 0,
  feeIncome: 0,
  complaints: 0,
  coolingOffCancelled: 0,
});

/**
 * The campaign's trend at one grain: each period from the start to the window end (or the refresh
 * date, when earlier) and any other period with figures, with conversions accumulated over the arm's
 * customers and the cumulative uplift up to the period's end.
 */
export function trendRows(
  c: Pick<MetricsCampaignRow, 'startDate' | 'windowEnd'>,
  grain: PeriodGrain,
  rows: readonly PeriodFigureRow[],
  totals: ArmTotals,
  hasHoldout: boolean,
  refreshedAt: Date | null,
): TrendRowDto[] {
  const total = rows.filter((r) => r.dimension === 'total');
  if (refreshedAt === null && total.length === 0) return [];
  const asOf = refreshedAt === null ? c.windowEnd : toIso(refreshedAt);
  const last = asOf < c.windowEnd ? asOf : c.windowEnd;
  const periods = [...new Set([...periodStarts(c.startDate, last, grain), ...total.map((r) => r.period)])].sort();
  const cumulative = { treatment: 0, holdout: 0 };
  return periods.map((period): TrendRowDto => {
    const arm = (group: AudienceGroup): TrendArm => {
      const found = total.find((r) => r.period === period && r.arm === group);
      const figures = found
        ? {
            contacted: found.contacted,
            responded: found.responded,
            converted: found.converted,
            sales: found.sales,
            premium: cents(found.premium),
            feeIncome: cents(found.feeIncome),
            complaints: found.complaints,
            coolingOffCancelled: found.coolingOffCancelled,
          }
        : emptyTrendArm();
      cumulative[group] += figures.converted;
      return { ...figures, cumulativeConverted: cumulative[group], cumulativeRate: rateOrNull(cumulative[group], totals[group].customers) };
    };
    const treatment = arm('treatment');
    const holdout = arm('holdout');
    const lift = upliftOf(
      hasHoldout,
      { converted: treatment.cumulativeConverted, customers: totals.treatment.customers },
      { converted: holdout.cumulativeConverted, customers: totals.holdout.customers },
    );
    return { period, treatment, holdout, uplift: lift };
  });
}

/**
 * Retention points per arm and month: byCount = retained / base (persistency: sales still active; AUM:
 * customers still holding assets), byPremium = retained amount / base amount (persistency: premium still
 * in force; AUM: Σ assets at the month / Σ at the start, which may exceed 1).
 */
export function retentionPoints(rows: readonly RetentionCurveRow[], kind: 'persistency' | 'aum'): RetentionPointDto[] {
  return rows
    .filter((r) => r.kind === kind && (AUDIENCE_GROUPS as readonly string[]).includes(r.arm))
    .map((r) => ({
      month: r.month,
      arm: r.arm as AudienceGroup,
      base: r.base,
      byCount: rateOrNull(r.retained, r.base),
      byPremium: amountRatio(r.retainedAmount, r.baseAmount),
    }))
    .sort((a, b) => AUDIENCE_GROUPS.indexOf(a.arm) - AUDIENCE_GROUPS.indexOf(b.arm) || a.month - b.month);
}

// ---------------------------------------------------------------------------------------------------
// Overview

/** Adds measures (sizes, counts and sums add across campaigns; rates are taken after adding). */
export function addMeasures(a: FigureMeasures, b: FigureMeasures): FigureMeasures {
  const sum = emptyMeasures();
  for (const k of Object.keys(sum) as (keyof FigureMeasures)[]) sum[k] = a[k] + b[k];
  return sum;
}

export type OverviewCampaign = MetricsInput;

/**
 * KPI cards across campaigns. Sizes, conversions, money and complaints add up over every campaign's
 * treatment arm (the customers the campaigns reached). The uplift is pooled: converted customers and arm
 * sizes are summed over the campaigns with a holdout, then compared as one experiment — a weighted view
 * that favours the large campaigns and can differ from the campaigns' own uplifts when their holdout
 * shares or baselines differ (Simpson's paradox); each campaign's own figure is on its page.
 * refreshedAt is the oldest refresh among the campaigns (the figures are at least that fresh), null when
 * one has never been refreshed.
 */
export function overviewOf(
  list: readonly OverviewCampaign[],
  trends: { byTier: readonly PeriodFigureRow[]; byChannel: readonly PeriodFigureRow[] },
): OverviewResponse {
  let treatment = emptyMeasures();
  let holdout = emptyMeasures();
  let pooledTreatment = emptyMeasures();
  let budget = 0;
  let spent = 0;
  for (const item of list) {
    const { treatment: t, holdout: h } = item.totals;
    treatment = addMeasures(treatment, t);
    holdout = addMeasures(holdout, h);
    if (campaignHasHoldout(item.campaign, h.customers)) pooledTreatment = addMeasures(pooledTreatment, t);
    budget += item.campaign.budget;
    spent += campaignSpent(item.campaign, item.spend, t.redeemed + h.redeemed).spent;
  }
  const lift = holdout.customers > 0 ? uplift(pooledTreatment.converted, pooledTreatment.customers, holdout.converted, holdout.customers) : null;
  const feeIncome = cents(treatment.feeIncome);
  spent = cents(spent);
  const kpis: OverviewKpis = {
    audience: treatment.customers + holdout.customers,
    treatment: treatment.customers,
    holdout: holdout.customers,
    converted: treatment.converted,
    conversionTreatment: rateOrNull(treatment.converted, treatment.customers),
    conversionHoldout: rateOrNull(holdout.converted, holdout.customers),
    uplift: lift,
    incrementalSales: incrementalSales(lift, pooledTreatment.customers),
    premium: cents(treatment.premium),
    feeIncome,
    budget: cents(budget),
    spent,
    roi: roi(feeIncome, spent),
    complaintsPer1000Sales: complaintsPer1000(treatment.complaints, treatment.sales),
    coolingOffRate: rateOrNull(treatment.coolingOffCancelled, treatment.sales),
  };
  const refreshed = list.map((i) => i.refreshedAt);
  const refreshedAt =
    refreshed.length === 0 || refreshed.some((d) => d === null)
      ? null
      : new Date(Math.min(...refreshed.map((d) => (d as Date).getTime()))).toISOString();
  return {
    refreshedAt,
    campaigns: list.length,
    kpis,
    beforeAfter: list.map(beforeAfterOf),
    trendByTier: trendPoints(trends.byTier),
    trendByChannel: trendPoints(trends.byChannel),
  };
}

/** A campaign's before → after: the treatment arm's penetration and AUM retention, conversion T vs H. */
export function beforeAfterOf({ campaign: c, totals }: OverviewCampaign): BeforeAfter {
  const t = armOutcome(totals.treatment);
  return {
    code: c.code,
    name: c.name,
    status: oneOf(CAMPAIGN_STATUSES, c.status, 'status'),
    penetrationBefore: t.penetrationBefore,
    penetrationAfter: t.penetrationAfter,
    conversionTreatment: rateOrNull(totals.treatment.converted, totals.treatment.customers),
    conversionHoldout: campaignHasHoldout(c, totals.holdout.customers) ? rateOrNull(totals.holdout.converted, totals.holdout.customers) : null,
    aumRetention: t.aumRetention,
  };
}

/** Treatment-arm conversions and premium per period and key, summed over campaigns; key '' (not recorded) → null. */
export function trendPoints(rows: readonly PeriodFigureRow[]): TrendPoint[] {
  const points = new Map<string, TrendPoint>();
  for (const r of rows) {
    if (r.arm !== 'treatment') continue;
    const id = `${r.period}\u0000${r.key}`;
    const point = points.get(id) ?? { period: r.period, key: r.key === '' ? null : r.key, converted: 0, premium: 0 };
    point.converted += r.converted;
    point.premium = cents(point.premium + r.premium);
    points.set(id, point);
  }
  return [...points.values()].sort((a, b) => byCodePoint(a.period, b.period) || byCodePoint(a.key ?? '\uffff', b.key ?? '\uffff'));
}
