import type { AudienceSummaryDto, CampaignMetricsDto, RetentionPointDto, TrendRowDto, UpliftDto } from '@banca/contracts';
import { CAMPAIGN_EXCLUSION_REASONS, type CampaignExclusionReason } from '@banca/domain';
import type { LinePoint } from '../components/charts/line-chart-card';
import { isPresentNumber, MISSING } from '../format/missing';
import type { Language } from '../i18n/language';

/**
 * Pure helpers of the campaign screens: how uplift, intervals, p-values and budget shares read, and the
 * chart rows built from the API's figures. Rates and points arrive as shares (0.012 = 1.2 %).
 */

function fixed(value: number, language: Language, digits: number): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'negative' }).format(value);
}

/** Percentage points from a difference of shares, signed: "+1.2 pp" / "+1.2个百分点"; rounds to zero without a sign. */
export function formatPoints(points: number | null | undefined, language: Language, digits = 1): string {
  if (!isPresentNumber(points)) return MISSING;
  const value = points * 100;
  const rounded = Number(value.toFixed(digits));
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
  const body = fixed(Math.abs(rounded), language, digits);
  return language === 'zh-CN' ? `${sign}${body}个百分点` : `${sign}${body} pp`;
}

/** A share as a percentage with a sign, for relative uplift: "+12.5%". */
export function formatSignedPercent(ratio: number | null | undefined, language: Language, digits = 1): string {
  if (!isPresentNumber(ratio)) return MISSING;
  const rounded = Number((ratio * 100).toFixed(digits));
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
  return `${sign}${fixed(Math.abs(rounded), language, digits)}%`;
}

/** An interval as "low – high" in the caller's format (percentages, points). */
export function formatRange(low: number | null | undefined, high: number | null | undefined, format: (value: number) => string): string {
  if (!isPresentNumber(low) || !isPresentNumber(high)) return MISSING;
  return `${format(low)} – ${format(high)}`;
}

/** A p-value to three decimals, or "< 0.001" where three decimals would read as zero. */
export function formatPValue(pValue: number | null | undefined, language: Language): string {
  if (!isPresentNumber(pValue)) return MISSING;
  if (pValue < 0.001) return `< ${fixed(0.001, language, 3)}`;
  return fixed(pValue, language, 3);
}

/** How an uplift reads at a glance: significant up or down, not significant, or no figure. */
export type UpliftVerdict = 'up' | 'down' | 'flat' | 'none';

export function upliftVerdict(uplift: Pick<UpliftDto, 'points' | 'significant'> | null | undefined): UpliftVerdict {
  if (!uplift) return 'none';
  if (!uplift.significant) return 'flat';
  return uplift.points > 0 ? 'up' : 'down';
}

/** The mark shown after a list row's uplift: "*" when significant at 5 %, nothing otherwise. */
export function significanceMark(significant: boolean | null | undefined): string {
  return significant ? '*' : '';
}

/** Spent over budget as a share; null without a budget (a share of nothing is not 0). */
export function budgetShare(spent: number, budget: number): number | null {
  return budget > 0 ? spent / budget : null;
}

/** Width of a spend bar in percent of its track: the share clamped to 0–100 (an overspend fills the bar). */
export function spendBarWidth(share: number | null): number {
  if (share === null || !Number.isFinite(share)) return 0;
  return Math.min(100, Math.max(0, share * 100));
}

/** Excluded customers per reason, in the order the reasons are checked, with the total. */
export function exclusionRows(excluded: AudienceSummaryDto['excluded']): { rows: { reason: CampaignExclusionReason; count: number }[]; total: number } {
  const rows = CAMPAIGN_EXCLUSION_REASONS.map((reason) => ({ reason, count: excluded[reason] ?? 0 }));
  return { rows, total: rows.reduce((sum, row) => sum + row.count, 0) };
}

/** Whether a campaign's page should keep asking for its audience: a build is under way. */
export function audienceIsSettling(status: AudienceSummaryDto['status']): boolean {
  return status === 'building';
}

/** One arm's conversion with its interval, for the treatment vs holdout chart (error bars as [rate − low, high − rate]). */
export interface ArmConversion {
  arm: 'treatment' | 'holdout';
  customers: number;
  converted: number;
  rate: number | null;
  low: number | null;
  high: number | null;
  /** recharts ErrorBar takes the distances below and above the value. */
  error: [number, number] | null;
}

export function armConversions(conversion: CampaignMetricsDto['conversion']): ArmConversion[] {
  return (['treatment', 'holdout'] as const).map((arm) => {
    const figure = conversion[arm];
    const interval = figure.interval;
    return {
      arm,
      customers: figure.customers,
      converted: figure.converted,
      rate: figure.rate,
      low: interval?.low ?? null,
      high: interval?.high ?? null,
      error: figure.rate !== null && interval ? [Math.max(0, figure.rate - interval.low), Math.max(0, interval.high - figure.rate)] : null,
    };
  });
}

/** Cumulative conversion per arm and uplift (points, with its interval) per period, for the uplift-over-time chart. */
export function upliftTrendPoints(rows: readonly TrendRowDto[], label: (period: string) => string): LinePoint[] {
  return rows.map((row) => ({
    key: row.period,
    label: label(row.period),
    values: {
      uplift: row.uplift?.points ?? null,
      low: row.uplift?.low ?? null,
      high: row.uplift?.high ?? null,
      treatment: row.treatment.cumulativeRate,
      holdout: row.holdout.cumulativeRate,
    },
  }));
}

/** Retention curve points by month, one value per arm (by count or by premium). */
export function retentionPoints(points: readonly RetentionPointDto[], measure: 'byCount' | 'byPremium'): LinePoint[] {
  const months = [...new Set(points.map((point) => point.month))].sort((a, b) => a - b);
  return months.map((month) => ({
    key: String(month),
    label: String(month),
    values: Object.fromEntries(
      (['treatment', 'holdout'] as const).map((arm) => [arm, points.find((point) => point.month === month && point.arm === arm)?.[measure] ?? null]),
    ),
  }));
}

/**
 * A long list of (period, key, value) rows as one chart point per period with a value per key, for the
 * largest `maxKeys` keys by total. Series are keyed `s0`, `s1`… (a channel code could hold a dot, which
 * recharts would read as a path); `keys[i]` is the key of `s<i>`, null for "not recorded".
 */
export function pivotByKey<R extends { period: string; key: string | null }>(
  rows: readonly R[],
  value: (row: R) => number,
  label: (period: string) => string,
  maxKeys = 5,
): { points: LinePoint[]; keys: (string | null)[] } {
  const totals = new Map<string | null, number>();
  for (const row of rows) totals.set(row.key, (totals.get(row.key) ?? 0) + value(row));
  const keys = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
    .slice(0, maxKeys)
    .map(([key]) => key);
  const periods = [...new Set(rows.map((row) => row.period))].sort();
  const points = periods.map((period) => ({
    key: period,
    label: label(period),
    values: Object.fromEntries(
      keys.map((key, index) => [`s${index}`, rows.filter((row) => row.period === period && row.key === key).reduce((sum, row) => sum + value(row), 0)]),
    ),
  }));
  return { points, keys };
}
