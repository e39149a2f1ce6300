import { describe, expect, it } from 'vitest';
import {
  armConversions,
  audienceIsSettling,
  budgetShare,
  exclusionRows,
  formatPoints,
  formatPValue,
  formatRange,
  formatSignedPercent,
  pivotByKey,
  retentionPoints,
  significanceMark,
  spendBarWidth,
  upliftVerdict,
} from './campaign-figures';

describe('formatPoints', () => {
  it('reads a difference of shares as signed percentage points in each language', () => {
    expect(formatPoints(0.0123, 'en')).toBe('+1.2 pp');
    expect(formatPoints(-0.0456, 'en')).toBe('−4.6 pp');
    expect(formatPoints(0.0123, 'zh-CN')).toBe('+1.2个百分点');
    expect(formatPoints(0.01234, 'en', 2)).toBe('+1.23 pp');
  });

  it('shows no sign for a difference that rounds to zero, and a dash for no figure', () => {
    expect(formatPoints(0.00001, 'en')).toBe('0.0 pp');
    expect(formatPoints(-0.00001, 'en')).toBe('0.0 pp');
    expect(formatPoints(null, 'en')).toBe('—');
    expect(formatPoints(Number.NaN, 'en')).toBe('—');
  });
});

describe('formatSignedPercent, formatRange, formatPValue', () => {
  it('signs a relative uplift', () => {
    expect(formatSignedPercent(0.125, 'en')).toBe('+12.5%');
    expect(formatSignedPercent(-0.5, 'en')).toBe('−50.0%');
    expect(formatSignedPercent(null, 'en')).toBe('—');
  });

  it('writes an interval with its ends in the given format, or a dash when an end is missing', () => {
    expect(formatRange(0.01, 0.03, (value) => formatPoints(value, 'en'))).toBe('+1.0 pp – +3.0 pp');
    expect(formatRange(null, 0.03, String)).toBe('—');
  });

  it('rounds p-values to three decimals and never prints 0.000', () => {
    expect(formatPValue(0.04212, 'en')).toBe('0.042');
    expect(formatPValue(1, 'en')).toBe('1.000');
    expect(formatPValue(0.0004, 'en')).toBe('< 0.001');
    expect(formatPValue(0, 'zh-CN')).toBe('< 0.001');
    expect(formatPValue(null, 'en')).toBe('—');
  });
});

describe('upliftVerdict and significanceMark', () => {
  it('reads significant ups and downs, chance and absence', () => {
    expect(upliftVerdict({ points: 0.02, significant: true })).toBe('up');
    expect(upliftVerdict({ points: -0.02, significant: true })).toBe('down');
    expect(upliftVerdict({ points: 0.02, significant: false })).toBe('flat');
    expect(upliftVerdict(null)).toBe('none');
    expect(significanceMark(true)).toBe('*');
    expect(significanceMark(false)).toBe('');
    expect(significanceMark(null)).toBe('');
  });
});

describe('budgetShare and spendBarWidth', () => {
  it('is spent over budget, with no share of a zero budget', () => {
    expect(budgetShare(250, 1000)).toBe(0.25);
    expect(budgetShare(1500, 1000)).toBe(1.5);
    expect(budgetShare(10, 0)).toBeNull();
  });

  it('fills the bar to the share, clamped so an overspend fills it and no budget leaves it empty', () => {
    expect(spendBarWidth(0.25)).toBe(25);
    expect(spendBarWidth(1.5)).toBe(100);
    expect(spendBarWidth(null)).toBe(0);
  });
});

describe('exclusionRows', () => {
  it('lists every reason in check order with the total', () => {
    const { rows, total } = exclusionRows({ RISK_MISMATCH: 4, CONSENT_MISSING: 2, CONTACT_POLICY: 0, ELDERLY_NON_GUARANTEED: 0 });
    expect(rows).toEqual([
      { reason: 'CONSENT_MISSING', count: 2 },
      { reason: 'CONTACT_POLICY', count: 0 },
      { reason: 'RISK_MISMATCH', count: 4 },
      { reason: 'ELDERLY_NON_GUARANTEED', count: 0 },
    ]);
    expect(total).toBe(6);
  });
});

describe('audienceIsSettling', () => {
  it('polls only while the audience builds', () => {
    expect(audienceIsSettling('building')).toBe(true);
    expect(audienceIsSettling('built')).toBe(false);
    expect(audienceIsSettling('failed')).toBe(false);
    expect(audienceIsSettling('none')).toBe(false);
  });
});

describe('armConversions', () => {
  it('gives each arm its rate, interval and the error bar distances below and above the rate', () => {
    const arms = armConversions({
      treatment: { customers: 100, converted: 20, rate: 0.2, interval: { low: 0.13, high: 0.29 } },
      holdout: { customers: 0, converted: 0, rate: null, interval: null },
    });
    expect(arms[0]).toMatchObject({ arm: 'treatment', rate: 0.2, low: 0.13, high: 0.29 });
    expect(arms[0]?.error?.[0]).toBeCloseTo(0.07, 10);
    expect(arms[0]?.error?.[1]).toBeCloseTo(0.09, 10);
    expect(arms[1]).toMatchObject({ arm: 'holdout', rate: null, error: null });
  });
});

describe('retentionPoints', () => {
  it('puts both arms of a month on one point, a missing arm as a gap', () => {
    const points = retentionPoints(
      [
        { month: 13, arm: 'treatment', base: 10, byCount: 0.9, byPremium: 0.85 },
        { month: 0, arm: 'treatment', base: 10, byCount: 1, byPremium: 1 },
        { month: 0, arm: 'holdout', base: 5, byCount: 1, byPremium: 1 },
      ],
      'byCount',
    );
    expect(points.map((point) => point.key)).toEqual(['0', '13']);
    expect(points[1]?.values).toEqual({ treatment: 0.9, holdout: null });
  });
});

describe('pivotByKey', () => {
  it('makes one point per period with a series per key, largest keys first, zero where a key has no row', () => {
    const rows = [
      { period: '2025-02-01', key: 'app', converted: 1 },
      { period: '2025-01-01', key: 'branch', converted: 5 },
      { period: '2025-01-01', key: 'app', converted: 2 },
      { period: '2025-02-01', key: null, converted: 1 },
    ];
    const { points, keys } = pivotByKey(rows, (row) => row.converted, (period) => period.slice(0, 7), 2);
    expect(keys).toEqual(['branch', 'app']);
    expect(points).toEqual([
      { key: '2025-01-01', label: '2025-01', values: { s0: 5, s1: 2 } },
      { key: '2025-02-01', label: '2025-02', values: { s0: 0, s1: 1 } },
    ]);
  });
});
