import type { DimensionFiguresResponse, MismatchTrendResponse } from '@banca/contracts';
import type { FindingStatus, RuleCode } from '@banca/domain';
import { OPEN_FINDING_STATUSES } from '@banca/domain';
import type { Language } from '../i18n/language';

/**
 * The mismatch rate over the whole period from the monthly figures: sales with a finding (any severity but
 * info) over sales checked. Each month's count is its rate × its sales, rounded back to a whole sale.
 * Null when the period has no sales.
 */
export function periodMismatchRate(months: MismatchTrendResponse['months']): number | null {
  let sales = 0;
  let flagged = 0;
  for (const month of months) {
    sales += month.sales;
    if (month.mismatchRate !== null) flagged += Math.round(month.mismatchRate * month.sales);
  }
  return sales > 0 ? flagged / sales : null;
}

/** The rule with the most flagged sales in the period (for the rule trend's default), or null without any. */
export function busiestRule(months: MismatchTrendResponse['months']): RuleCode | null {
  const totals = new Map<RuleCode, number>();
  for (const month of months) for (const row of month.byRule) totals.set(row.ruleCode, (totals.get(row.ruleCode) ?? 0) + row.sales);
  let best: RuleCode | null = null;
  let bestSales = 0;
  for (const [rule, sales] of totals) {
    if (sales > bestSales) {
      best = rule;
      bestSales = sales;
    }
  }
  return best;
}

/** Findings still waiting for a decision (open, escalated, awaiting a second approval) from the queue's status counts. */
export function openFindings(statusCounts: readonly { status: FindingStatus; findings: number }[]): number {
  return statusCounts.filter((row) => OPEN_FINDING_STATUSES.includes(row.status)).reduce((sum, row) => sum + row.findings, 0);
}

/** The rows of a dimension table worth reading first: most flagged sales, then most sales; at most `limit`. */
export function topDimensionRows(rows: DimensionFiguresResponse['rows'], limit: number): DimensionFiguresResponse['rows'] {
  return [...rows]
    .sort((a, b) => b.salesWithFinding - a.salesWithFinding || b.misSellingComplaints - a.misSellingComplaints || b.sales - a.sales || a.key.localeCompare(b.key))
    .slice(0, limit);
}

/** A month (its first day, YYYY-MM-DD) for an axis: "2025年3月" / "Mar 2025". */
export function formatMonth(isoDate: string, language: Language): string {
  const date = new Date(`${isoDate.slice(0, 7)}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}
