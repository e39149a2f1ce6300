import type { FindingReviewDto, MismatchTrendResponse } from '@banca/contracts';
import { describe, expect, it } from 'vitest';
import { busiestRule, formatMonth, openFindings, periodMismatchRate, topDimensionRows } from './figures';
import { fourEyesNote } from './four-eyes';

type Month = MismatchTrendResponse['months'][number];
const month = (iso: string, sales: number, mismatchRate: number | null, byRule: Month['byRule'] = []): Month => ({ month: iso, sales, bySeverity: [], byRule, mismatchRate });

describe('periodMismatchRate', () => {
  it('weights each month by its sales', () => {
    // 10 of 100 sales in January, 1 of 10 in February: 11 of 110.
    expect(periodMismatchRate([month('2025-01-01', 100, 0.1), month('2025-02-01', 10, 0.1), month('2025-03-01', 0, null)])).toBeCloseTo(0.1);
    expect(periodMismatchRate([month('2025-01-01', 100, 0.2), month('2025-02-01', 300, 0)])).toBe(0.05);
  });

  it('has no rate for a period without sales', () => {
    expect(periodMismatchRate([])).toBeNull();
    expect(periodMismatchRate([month('2025-01-01', 0, null)])).toBeNull();
  });
});

describe('busiestRule', () => {
  it('is the rule with the most flagged sales over the period', () => {
    const months = [
      month('2025-01-01', 50, 0.1, [{ ruleCode: 'RISK_MISMATCH', sales: 3, rate: 0.06 }, { ruleCode: 'DUPLICATE_COVER', sales: 2, rate: 0.04 }]),
      month('2025-02-01', 50, 0.1, [{ ruleCode: 'DUPLICATE_COVER', sales: 2, rate: 0.04 }]),
    ];
    expect(busiestRule(months)).toBe('DUPLICATE_COVER');
    expect(busiestRule([month('2025-01-01', 5, 0)])).toBeNull();
  });
});

describe('openFindings', () => {
  it('counts open, escalated and awaiting-second-approval findings, not decided ones', () => {
    expect(
      openFindings([
        { status: 'open', findings: 7 },
        { status: 'escalated', findings: 2 },
        { status: 'awaiting_second_approval', findings: 1 },
        { status: 'approved', findings: 40 },
        { status: 'cleared', findings: 3 },
      ]),
    ).toBe(10);
  });
});

describe('topDimensionRows', () => {
  const row = (key: string, salesWithFinding: number, sales: number) => ({
    key,
    label: null,
    sales,
    salesWithFinding,
    mismatchRate: sales ? salesWithFinding / sales : null,
    highFindings: 0,
    coolingOffCancellations: 0,
    coolingOffRate: null,
    misSellingComplaints: 0,
    premium: 0,
    complaintsPer100mPremium: null,
    complaintsPer10kPolicies: null,
  });
  it('puts the staff with most flagged sales first and keeps the limit', () => {
    expect(topDimensionRows([row('S-1', 1, 10), row('S-2', 5, 10), row('S-3', 5, 20)], 2).map((r) => r.key)).toEqual(['S-3', 'S-2']);
  });
});

describe('formatMonth', () => {
  it('names the month in the reader’s language', () => {
    expect(formatMonth('2025-03-01', 'en')).toBe('Mar 2025');
    expect(formatMonth('2025-03-01', 'zh-CN')).toBe('2025年3月');
  });
});

describe('fourEyesNote', () => {
  const review = (over: Partial<FindingReviewDto>): FindingReviewDto => ({
    id: '00000000-0000-4000-8000-000000000001',
    fromStatus: 'open',
    toStatus: 'awaiting_second_approval',
    reason: 'declaration on file',
    reviewerId: 'u-1',
    reviewerName: 'Wang Fang',
    reviewerRole: 'compliance',
    evidenceId: null,
    createdAt: '2025-04-01T08:00:00.000Z',
    ...over,
  });

  it('names the first approver to everyone else', () => {
    expect(fourEyesNote({ status: 'awaiting_second_approval', firstApproverId: 'u-1' }, [review({})], 'u-2')).toEqual({
      kind: 'other',
      approverName: 'Wang Fang',
      approvedAt: '2025-04-01T08:00:00.000Z',
    });
  });

  it('tells the first approver that a different reviewer must give the second approval', () => {
    expect(fourEyesNote({ status: 'awaiting_second_approval', firstApproverId: 'u-1' }, [review({})], 'u-1')).toEqual({ kind: 'you', approvedAt: '2025-04-01T08:00:00.000Z' });
  });

  it('says nothing when the finding is not waiting for a second approval', () => {
    expect(fourEyesNote({ status: 'approved', firstApproverId: 'u-1' }, [review({}), review({ fromStatus: 'awaiting_second_approval', toStatus: 'approved' })], 'u-2')).toBeNull();
  });
});
