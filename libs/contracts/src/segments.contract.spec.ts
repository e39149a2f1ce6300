import { describe, expect, it } from 'vitest';
import { describeIssues } from './parse-input';
import { createTierRuleSetRequestSchema, saveSegmentRequestSchema, tierMigrationQuerySchema } from './segments.contract';

function problems(rule: unknown) {
  const result = saveSegmentRequestSchema.safeParse({ name: 'Silver age', rule });
  return result.success ? [] : describeIssues(result.error);
}

describe('segment rule validation', () => {
  it('accepts a nested tree and keeps it as sent', () => {
    const rule = {
      all: [
        { field: 'tier', op: 'in', values: ['middle', 'hnw'] },
        { any: [{ field: 'age', op: 'gte', value: 50 }, { field: 'payroll', op: 'is', value: true }] },
        { field: 'holding', op: 'notHolds', category: 'annuity' },
      ],
    };
    expect(saveSegmentRequestSchema.parse({ name: ' Silver age ', rule })).toEqual({ name: 'Silver age', rule });
  });

  it('names the path in the tree of a wrong value, an unknown field and an unknown operator', () => {
    expect(problems({ all: [{ any: [{ field: 'age', op: 'gte', value: '50' }] }] })).toEqual([
      { field: 'rule.all.0.any.0.value', message: expect.stringContaining('expected number') },
    ]);
    expect(problems({ all: [{ field: 'salary', op: 'gt', value: 1 }] })).toEqual([
      { field: 'rule.all.0.field', message: expect.stringContaining('unknown field "salary"') },
    ]);
    expect(problems({ any: [{ field: 'region', op: 'gte', value: 'x' }] })[0]?.field).toBe('rule.any.0.op');
    expect(problems({ all: [{ field: 'holding', op: 'holds', category: 'car' }] })[0]?.field).toBe('rule.all.0.category');
  });

  it('refuses an empty any, a reversed range, extra keys and a node of no known shape', () => {
    expect(problems({ all: [{ any: [] }] })).toEqual([{ field: 'rule.all.0.any', message: 'an "any" group needs at least one rule' }]);
    expect(problems({ field: 'age', op: 'between', min: 60, max: 50 })).toEqual([{ field: 'rule.max', message: 'must not be below "min"' }]);
    expect(problems({ field: 'age', op: 'gt', value: 5, sql: '1=1' })[0]?.field).toBe('rule');
    expect(problems({ or: [] })[0]).toMatchObject({ field: 'rule', message: expect.stringContaining('"all"') });
    expect(problems('age > 5')[0]?.field).toBe('rule');
  });

  it('limits nesting depth', () => {
    let rule: unknown = { field: 'age', op: 'gt', value: 1 };
    for (let i = 0; i < 7; i++) rule = { all: [rule] };
    expect(problems(rule)).toEqual([{ field: 'rule', message: 'groups nest at most 6 deep' }]);
  });
});

describe('tier rule and figure inputs', () => {
  const thresholds = { hnwInvestableAssets: 5_000_000, middleHouseholdIncome: 200_000, middleInvestableAssets: 500_000 };

  it('accepts ordered thresholds with a real date', () => {
    expect(createTierRuleSetRequestSchema.parse({ thresholds, effectiveFrom: '2025-07-01' })).toEqual({ thresholds, effectiveFrom: '2025-07-01' });
  });

  it('names the threshold that breaks the order, and refuses impossible dates', () => {
    const result = createTierRuleSetRequestSchema.safeParse({ thresholds: { ...thresholds, hnwInvestableAssets: 400_000 }, effectiveFrom: '2025-02-30' });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!).map((i) => i.field).sort()).toEqual(['effectiveFrom', 'thresholds.hnwInvestableAssets']);
  });

  it('refuses a migration ending before it starts', () => {
    expect(tierMigrationQuerySchema.safeParse({ from: '2025-06-30', to: '2024-12-31' }).success).toBe(false);
    expect(tierMigrationQuerySchema.safeParse({ from: '2024-12-31', to: '2024-12-31' }).success).toBe(true);
  });
});
