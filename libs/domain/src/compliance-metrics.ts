import { SEVERITIES, type AlertMetric, type AlertThresholds, type Severity } from './compliance-settings';

/**
 * Formulas of the compliance figures and alerts (DATA.md metric definitions, RULES.md "Prevention and
 * monitoring"). The alert evaluation runs the same formulas as SQL in IEEE doubles, in the same order
 * (count × base / denominator), so a figure shown and the alert it raises agree to the last bit.
 */

/** The regulator publishes complaints per 100 million CNY of premium … */
export const PREMIUM_BASE = 100_000_000;
/** … and per 10,000 policies. */
export const POLICY_BASE = 10_000;
/** 13-month persistency: a regular-premium sale still in force this many months after it was sold. */
export const PERSISTENCY_MONTHS = 13;

export type AlertDirection = 'above' | 'below';

/** Persistency is a floor (alert below it); every other figure is a ceiling (alert above it). */
export const ALERT_DIRECTIONS: Record<AlertMetric, AlertDirection> = {
  mismatch_rate: 'above',
  cooling_off_rate: 'above',
  complaints_per_100m_premium: 'above',
  complaints_per_10k_policies: 'above',
  persistency_13m: 'below',
};

/** The threshold a settings version sets for a metric. */
export function alertThreshold(metric: AlertMetric, thresholds: AlertThresholds): number {
  switch (metric) {
    case 'mismatch_rate':
      return thresholds.mismatchRate;
    case 'cooling_off_rate':
      return thresholds.coolingOffRate;
    case 'complaints_per_100m_premium':
      return thresholds.complaintsPer100mPremium;
    case 'complaints_per_10k_policies':
      return thresholds.complaintsPer10kPolicies;
    case 'persistency_13m':
      return thresholds.persistency13m;
  }
}

/** A figure exactly at its threshold is within it: only strictly above a ceiling (below a floor) alerts. */
export function crossesThreshold(value: number, threshold: number, direction: AlertDirection): boolean {
  return direction === 'above' ? value > threshold : value < threshold;
}

/** 1-based rank of a severity (info 1 … high 4), as SQL `array_position` gives it. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity) + 1;
}

export function severityAtLeast(severity: Severity, minimum: Severity): boolean {
  return severityRank(severity) >= severityRank(minimum);
}

/** Premium per year: a monthly premium × 12; an annual premium, a single premium or a principal as it is. */
export function annualisedPremium(amount: number, premiumMode: string | null): number {
  return premiumMode === 'monthly' ? amount * 12 : amount;
}

/** Complaints per 100 million CNY of premium; null without premium (no premium is not zero complaints). */
export function complaintsPer100mPremium(complaints: number, premium: number): number | null {
  return premium > 0 ? (complaints * PREMIUM_BASE) / premium : null;
}

/** Complaints per 10,000 policies; null without policies. */
export function complaintsPer10kPolicies(complaints: number, policies: number): number | null {
  return policies > 0 ? (complaints * POLICY_BASE) / policies : null;
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

function monthStartOf(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}-01`;
}

/** First days of the months from the month of `from` to the month of `to` (YYYY-MM-DD), oldest first. */
export function monthStarts(from: string, to: string): string[] {
  const months: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) months.push(monthStartOf(i));
  return months;
}

/** The first day of the month `n` months before the month of `date` (n = 0: its own month). */
export function monthStartBefore(date: string, n: number): string {
  return monthStartOf(monthIndex(date) - n);
}
