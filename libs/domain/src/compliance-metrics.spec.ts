import { describe, expect, it } from 'vitest';
import {
  ALERT_DIRECTIONS,
  alertThreshold,
  annualisedPremium,
  complaintsPer100mPremium,
  complaintsPer10kPolicies,
  crossesThreshold,
  monthStartBefore,
  monthStarts,
  severityAtLeast,
  severityRank,
} from './compliance-metrics';
import { ALERT_METRICS, DEFAULT_COMPLIANCE_SETTINGS } from './compliance-settings';

describe('compliance metric formulas', () => {
  it('annualises a monthly premium and keeps annual and single premiums as they are', () => {
    expect(annualisedPremium(1_000, 'monthly')).toBe(12_000);
    expect(annualisedPremium(1_000, 'annual')).toBe(1_000);
    expect(annualisedPremium(50_000, 'single')).toBe(50_000);
    expect(annualisedPremium(50_000, null)).toBe(50_000);
  });

  it('counts complaints per 100 million CNY premium and per 10,000 policies, with no figure for no premium or policies', () => {
    expect(complaintsPer100mPremium(3, 200_000_000)).toBe(1.5);
    expect(complaintsPer100mPremium(1, 50_000)).toBe(2_000);
    expect(complaintsPer100mPremium(0, 1_000)).toBe(0);
    expect(complaintsPer100mPremium(2, 0)).toBeNull();
    expect(complaintsPer10kPolicies(1, 20)).toBe(500);
    expect(complaintsPer10kPolicies(13, 500_000)).toBe(0.26);
    expect(complaintsPer10kPolicies(0, 5)).toBe(0);
    expect(complaintsPer10kPolicies(1, 0)).toBeNull();
  });

  it('raises an alert only strictly beyond the threshold: at the threshold is within it', () => {
    expect(crossesThreshold(1 / 20, 0.05, 'above')).toBe(false);
    expect(crossesThreshold(2 / 20, 0.05, 'above')).toBe(true);
    expect(crossesThreshold(17 / 20, 0.85, 'below')).toBe(false);
    expect(crossesThreshold(16 / 20, 0.85, 'below')).toBe(true);
    expect(crossesThreshold(1, 0.85, 'below')).toBe(false);
  });

  it('watches persistency as a floor and every other figure as a ceiling, with the thresholds of the settings', () => {
    expect(ALERT_METRICS.filter((m) => ALERT_DIRECTIONS[m] === 'below')).toEqual(['persistency_13m']);
    const t = DEFAULT_COMPLIANCE_SETTINGS.alerts;
    expect(ALERT_METRICS.map((m) => alertThreshold(m, t))).toEqual([0.05, 0.05, 1.43, 0.26, 0.85]);
  });

  it('orders severities info < low < medium < high', () => {
    expect(severityRank('info')).toBe(1);
    expect(severityRank('high')).toBe(4);
    expect(severityAtLeast('medium', 'medium')).toBe(true);
    expect(severityAtLeast('high', 'medium')).toBe(true);
    expect(severityAtLeast('low', 'medium')).toBe(false);
    expect(severityAtLeast('info', 'info')).toBe(true);
  });

  it('lists the months of a period across a year end, and the month n months back', () => {
    expect(monthStarts('2024-11-15', '2025-02-03')).toEqual(['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01']);
    expect(monthStarts('2025-04-01', '2025-03-31')).toEqual([]);
    expect(monthStarts('2025-03-31', '2025-03-31')).toEqual(['2025-03-01']);
    expect(monthStartBefore('2026-11-22', 11)).toBe('2025-12-01');
    expect(monthStartBefore('2026-01-31', 23)).toBe('2024-02-01');
    expect(monthStartBefore('2026-01-31', 0)).toBe('2026-01-01');
  });
});
