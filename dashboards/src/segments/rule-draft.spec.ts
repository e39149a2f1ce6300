import type { SegmentRule } from '@banca/domain';
import { describe, expect, it } from 'vitest';
import {
  addCondition,
  addGroup,
  conditionCount,
  draftToRule,
  emptyGroup,
  findNode,
  fixedChoices,
  locateIssue,
  newCondition,
  OPERATORS,
  removeNode,
  ruleToDraft,
  sameRule,
  setGroupMode,
  updateCondition,
  valueShape,
  withField,
  withOperator,
  type ConditionDraft,
  type GroupDraft,
} from './rule-draft';

function condition(overrides: Partial<ConditionDraft>): ConditionDraft {
  return { ...newCondition(), ...overrides };
}

function group(mode: 'all' | 'any', children: GroupDraft['children']): GroupDraft {
  return { ...emptyGroup(mode), children };
}

function expectRule(root: GroupDraft): SegmentRule {
  const result = draftToRule(root);
  if (!result.ok) throw new Error(`expected a rule, got problems ${JSON.stringify(result.problems)}`);
  return result.rule;
}

describe('draftToRule', () => {
  it('turns an empty "all" group into the rule that matches everyone', () => {
    expect(expectRule(emptyGroup('all'))).toEqual({ all: [] });
  });

  it('builds nested groups with every kind of condition', () => {
    const root = group('all', [
      condition({ field: 'tier', op: 'in', values: ['middle', 'hnw'] }),
      group('any', [
        condition({ field: 'age', op: 'gte', value: '50' }),
        condition({ field: 'holding', op: 'holds', value: 'annuity' }),
      ]),
      condition({ field: 'investableAssets', op: 'between', min: '50万', max: '5,000,000' }),
      condition({ field: 'region', op: 'eq', value: ' Beijing ' }),
      condition({ field: 'branchCode', op: 'notIn', values: ['BJ-001', ' ', 'BJ-002'] }),
      condition({ field: 'payroll', op: 'is', value: 'false' }),
      condition({ field: 'riskLevel', op: 'missing' }),
      condition({ field: 'holding', op: 'notHolds', value: 'critical_illness' }),
    ]);

    expect(expectRule(root)).toEqual({
      all: [
        { field: 'tier', op: 'in', values: ['middle', 'hnw'] },
        { any: [{ field: 'age', op: 'gte', value: 50 }, { field: 'holding', op: 'holds', category: 'annuity' }] },
        { field: 'investableAssets', op: 'between', min: 500_000, max: 5_000_000 },
        { field: 'region', op: 'eq', value: 'Beijing' },
        { field: 'branchCode', op: 'notIn', values: ['BJ-001', 'BJ-002'] },
        { field: 'payroll', op: 'is', value: false },
        { field: 'riskLevel', op: 'missing' },
        { field: 'holding', op: 'notHolds', category: 'critical_illness' },
      ],
    });
  });

  it('names each unfinished control instead of sending half a rule', () => {
    const age = condition({ field: 'age', op: 'gt', value: '' });
    const income = condition({ field: 'monthlyIncome', op: 'lt', value: 'five thousand' });
    const range = condition({ field: 'investableAssets', op: 'between', min: '900', max: '100' });
    const regions = condition({ field: 'region', op: 'in', values: [' '] });
    const anyGroup = group('any', []);
    const result = draftToRule(group('all', [age, income, range, regions, anyGroup]));

    expect(result).toEqual({
      ok: false,
      problems: [
        { nodeId: age.id, control: 'value', code: 'required' },
        { nodeId: income.id, control: 'value', code: 'notANumber' },
        { nodeId: range.id, control: 'max', code: 'rangeOrder' },
        { nodeId: regions.id, control: 'values', code: 'required' },
        { nodeId: anyGroup.id, control: 'group', code: 'emptyAny' },
      ],
    });
  });

  it('refuses a value outside a fixed list', () => {
    const tier = condition({ field: 'tier', op: 'eq', value: 'platinum' });
    const risk = condition({ field: 'riskLevel', op: 'eq', value: 'C9' });
    const result = draftToRule(group('all', [tier, risk]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => [problem.nodeId, problem.code])).toEqual([
      [tier.id, 'unknownChoice'],
      [risk.id, 'unknownChoice'],
    ]);
  });

  it('accepts a between with equal ends', () => {
    expect(expectRule(group('all', [condition({ field: 'age', op: 'between', min: '30', max: '30' })]))).toEqual({
      all: [{ field: 'age', op: 'between', min: 30, max: 30 }],
    });
  });
});

describe('ruleToDraft', () => {
  it('round-trips a saved rule through the builder unchanged', () => {
    const rule: SegmentRule = {
      any: [
        { all: [{ field: 'tier', op: 'eq', value: 'basic' }, { field: 'payroll', op: 'is', value: true }] },
        { field: 'age', op: 'between', min: 50, max: 70 },
        { field: 'gender', op: 'in', values: ['F'] },
        { field: 'holding', op: 'holds', category: 'accident' },
        { field: 'consentMarketing', op: 'present' },
      ],
    };
    expect(expectRule(ruleToDraft(rule))).toEqual(rule);
  });

  it('puts a bare condition in an "all" group', () => {
    const draft = ruleToDraft({ field: 'tier', op: 'eq', value: 'hnw' });
    expect(draft.mode).toBe('all');
    expect(expectRule(draft)).toEqual({ all: [{ field: 'tier', op: 'eq', value: 'hnw' }] });
  });
});

describe('tree edits', () => {
  it('adds conditions and groups to the group asked for, leaving the rest untouched', () => {
    const root = emptyGroup('all');
    const withCondition = addCondition(root, root.id, condition({ field: 'age', op: 'gte', value: '18' }));
    const withGroup = addGroup(withCondition, root.id, 'any');
    const nested = withGroup.children[1];
    if (nested?.kind !== 'group') throw new Error('expected the new group');
    const deeper = addCondition(withGroup, nested.id, condition({ field: 'tier', op: 'eq', value: 'hnw' }));

    expect(root.children).toEqual([]);
    expect(deeper.children[0]).toBe(withGroup.children[0]);
    expect(conditionCount(deeper)).toBe(3);
    expect(expectRule(deeper)).toEqual({
      all: [
        { field: 'age', op: 'gte', value: 18 },
        { any: [{ field: 'tier', op: 'eq', value: 'hnw' }, { field: 'tier', op: 'eq', value: 'hnw' }] },
      ],
    });
  });

  it('a new nested group starts with one condition, so an "any" group is never empty', () => {
    const base = emptyGroup('all');
    const next = addGroup(base, base.id, 'any');
    const nested = next.children[0];
    if (nested?.kind !== 'group') throw new Error('expected the new group');
    expect(nested.mode).toBe('any');
    expect(nested.children).toHaveLength(1);
    expect(draftToRule(next).ok).toBe(true);
  });

  it('leaves the tree as it is when the group asked for does not exist', () => {
    const base = emptyGroup('all');
    expect(addGroup(base, 'unknown-id')).toBe(base);
    expect(addCondition(base, 'unknown-id')).toBe(base);
  });

  it('removes a condition or a whole nested group, never the root', () => {
    const keep = condition({ field: 'age', op: 'gte', value: '18' });
    const drop = condition({ field: 'age', op: 'lte', value: '60' });
    const inner = group('any', [drop]);
    const root = group('all', [keep, inner]);

    expect(removeNode(root, root.id)).toBe(root);
    expect(removeNode(root, drop.id).children).toEqual([keep, { ...inner, children: [] }]);
    expect(removeNode(root, inner.id).children).toEqual([keep]);
    expect(removeNode(root, 'nothing')).toBe(root);
  });

  it('switches a group between all and any', () => {
    const inner = group('any', [condition({})]);
    const root = group('all', [inner]);
    const next = setGroupMode(root, inner.id, 'all');
    expect(findNode(next, inner.id)).toMatchObject({ mode: 'all' });
    expect(setGroupMode(next, inner.id, 'all')).toBe(next);
  });

  it('updates one condition in place', () => {
    const target = condition({ field: 'age', op: 'gte', value: '18' });
    const root = group('all', [group('any', [target])]);
    const next = updateCondition(root, target.id, (c) => ({ ...c, value: '21' }));
    expect(findNode(next, target.id)).toMatchObject({ value: '21' });
    expect(findNode(root, target.id)).toMatchObject({ value: '18' });
  });
});

describe('field and operator changes', () => {
  it('keeps the operator and the typed value between two amount fields', () => {
    const next = withField(condition({ field: 'age', op: 'gte', value: '50' }), 'investableAssets');
    expect(next).toMatchObject({ field: 'investableAssets', op: 'gte', value: '50' });
  });

  it('resets operator and value when the kind of field changes', () => {
    expect(withField(condition({ field: 'age', op: 'gte', value: '50' }), 'tier')).toMatchObject({ field: 'tier', op: 'eq', value: 'hnw' });
    expect(withField(condition({ field: 'tier', op: 'in', values: ['hnw'] }), 'payroll')).toMatchObject({
      field: 'payroll',
      op: 'is',
      value: 'true',
      values: [],
    });
    expect(withField(condition({ field: 'region', op: 'eq', value: 'North' }), 'riskLevel')).toMatchObject({ op: 'eq', value: 'C1' });
  });

  it('carries a single value into a list and back', () => {
    const single = condition({ field: 'tier', op: 'eq', value: 'middle' });
    const list = withOperator(single, 'in');
    expect(list.values).toEqual(['middle']);
    expect(withOperator({ ...list, value: '' }, 'ne').value).toBe('middle');
  });

  it('ignores an operator the field does not take', () => {
    const tier = condition({ field: 'tier', op: 'eq', value: 'hnw' });
    expect(withOperator(tier, 'between')).toBe(tier);
  });

  it('offers the contract operators per kind and the matching value control', () => {
    expect(OPERATORS.tier).toEqual(['eq', 'ne', 'in', 'notIn']);
    expect(OPERATORS.holding).toEqual(['holds', 'notHolds']);
    expect(valueShape('age', 'between')).toBe('range');
    expect(valueShape('age', 'lt')).toBe('number');
    expect(valueShape('region', 'in')).toBe('list');
    expect(valueShape('region', 'eq')).toBe('text');
    expect(valueShape('riskLevel', 'notIn')).toBe('choices');
    expect(valueShape('tier', 'eq')).toBe('choice');
    expect(valueShape('payroll', 'missing')).toBe('none');
    expect(fixedChoices('gender')).toBeNull();
  });
});

describe('locateIssue', () => {
  const age = condition({ field: 'age', op: 'gte', value: '50' });
  const holding = condition({ field: 'holding', op: 'holds', value: 'annuity' });
  const inner = group('any', [age, holding]);
  const root = group('all', [condition({ field: 'tier', op: 'eq', value: 'hnw' }), inner]);

  it('follows the API path to the condition and its control', () => {
    expect(locateIssue(root, 'rule.all.1.any.0.value', 'too large')).toEqual({ nodeId: age.id, control: 'value', message: 'too large' });
    expect(locateIssue(root, 'rule.all.1.any.1.category', 'unknown')).toEqual({ nodeId: holding.id, control: 'value', message: 'unknown' });
    expect(locateIssue(root, 'rule.all.1.any.0.op', 'bad')).toMatchObject({ nodeId: age.id, control: 'op' });
  });

  it('puts a problem of a group, or of the whole rule, on the group', () => {
    expect(locateIssue(root, 'rule.all.1.any', 'an "any" group needs at least one rule')).toMatchObject({ nodeId: inner.id, control: 'group' });
    expect(locateIssue(root, 'rule', 'groups nest at most 6 deep')).toMatchObject({ nodeId: root.id, control: 'group' });
  });

  it('stops at the deepest node that exists', () => {
    expect(locateIssue(root, 'rule.all.7.value', 'x')).toMatchObject({ nodeId: root.id, control: 'group' });
  });

  it('is null for a field outside the rule', () => {
    expect(locateIssue(root, 'name', 'a segment needs a name')).toBeNull();
  });
});

describe('sameRule', () => {
  it('ignores the order of keys but not of conditions', () => {
    const conditions: SegmentRule[] = [
      { field: 'age', op: 'gte', value: 50 },
      { field: 'tier', op: 'eq', value: 'hnw' },
    ];
    const rule: SegmentRule = { all: conditions };
    const reordered: SegmentRule = { all: [{ op: 'gte', value: 50, field: 'age' }, { value: 'hnw', field: 'tier', op: 'eq' }] };
    expect(sameRule(rule, reordered)).toBe(true);
    expect(sameRule(rule, { all: [...conditions].reverse() })).toBe(false);
    expect(sameRule(rule, null)).toBe(false);
  });
});
