import { describe, expect, it } from 'vitest';
import { auditDiff, auditValueText, sameJson, unchangedKeyCount } from './audit-diff';

describe('auditDiff', () => {
  it('shows a disabled user as the one key that changed, from nothing to the date', () => {
    const before = { username: 'li.wei', role: 'marketing', disabledAt: null };
    const after = { username: 'li.wei', role: 'marketing', disabledAt: '2026-11-22T05:00:00.000Z' };
    expect(auditDiff(before, after)).toEqual([{ path: 'disabledAt', kind: 'changed', before: null, after: '2026-11-22T05:00:00.000Z' }]);
    expect(unchangedKeyCount(before, after)).toBe(2);
  });

  it('lists every key of a creation as added, and of a removal as removed', () => {
    expect(auditDiff(null, { name: 'insurer feed', role: 'marketing' })).toEqual([
      { path: 'name', kind: 'added', before: undefined, after: 'insurer feed' },
      { path: 'role', kind: 'added', before: undefined, after: 'marketing' },
    ]);
    expect(auditDiff({ reference: 'DECL-1' }, null)).toEqual([{ path: 'reference', kind: 'removed', before: 'DECL-1', after: undefined }]);
    expect(unchangedKeyCount(null, { name: 'x' })).toBe(0);
  });

  it('walks nested settings to the threshold that moved, and names it by its dotted path', () => {
    const before = { settings: { elderlyAge: 65, lowIncome: { national: 54188, regions: {} }, severities: { RISK_MISMATCH: 'high' } } };
    const after = { settings: { elderlyAge: 65, lowIncome: { national: 54188, regions: { Shanghai: 84834 } }, severities: { RISK_MISMATCH: 'medium' } } };
    expect(auditDiff(before, after)).toEqual([
      { path: 'settings.severities.RISK_MISMATCH', kind: 'changed', before: 'high', after: 'medium' },
      { path: 'settings.lowIncome.regions.Shanghai', kind: 'added', before: undefined, after: 84834 },
    ]);
  });

  it('compares lists as whole values, so a category added to a list is one change of that list', () => {
    const changes = auditDiff({ nonGuaranteedCategories: ['universal_life'] }, { nonGuaranteedCategories: ['universal_life', 'investment_linked'] });
    expect(changes).toEqual([
      { path: 'nonGuaranteedCategories', kind: 'changed', before: ['universal_life'], after: ['universal_life', 'investment_linked'] },
    ]);
  });

  it('tells a region override removed again as that region removed', () => {
    expect(auditDiff({ regions: { Beijing: 85415 } }, { regions: {} })).toEqual([{ path: 'regions.Beijing', kind: 'removed', before: 85415, after: undefined }]);
  });

  it('finds no change when only the order of keys differs', () => {
    expect(auditDiff({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toEqual([]);
  });
});

describe('sameJson', () => {
  it('tells values apart by content, not identity', () => {
    expect(sameJson([1, { a: 'x' }], [1, { a: 'x' }])).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson(0, -0)).toBe(false);
  });
});

describe('auditValueText', () => {
  it('shows text as written and everything else as compact JSON; nothing stays nothing', () => {
    expect(auditValueText('marketing')).toBe('marketing');
    expect(auditValueText(null)).toBe('null');
    expect(auditValueText(0.2)).toBe('0.2');
    expect(auditValueText(['a', 'b'])).toBe('["a","b"]');
    expect(auditValueText(undefined)).toBeUndefined();
  });
});
