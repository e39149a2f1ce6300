import { describe, expect, it } from 'vitest';
import { collectBuilderIssues } from './builder-issues';
import { emptyGroup, newCondition, type GroupDraft } from './rule-draft';

describe('collectBuilderIssues', () => {
  const age = { ...newCondition('age'), op: 'gte' as const, value: '' };
  const tier = newCondition('tier');
  const root: GroupDraft = { ...emptyGroup('all'), children: [tier, age] };

  it('puts local problems and API issues inside the rule on their node and control', () => {
    const issues = collectBuilderIssues(
      root,
      [{ nodeId: age.id, control: 'value', code: 'required' }],
      (problem) => `local ${problem.code}`,
      [
        { field: 'rule.all.0.value', message: 'Invalid option' },
        { field: 'rule.all.1.value', message: 'expected a number' },
      ],
    );
    expect(issues.byNode.get(age.id)?.get('value')).toEqual(['local required', 'expected a number']);
    expect(issues.byNode.get(tier.id)?.get('value')).toEqual(['Invalid option']);
    expect(issues.byField.size).toBe(0);
  });

  it('keeps issues of other fields by field, and shows a repeated message once', () => {
    const issues = collectBuilderIssues(root, [], String, [
      { field: 'name', message: 'a segment needs a name' },
      { field: 'rule', message: 'groups nest at most 6 deep' },
      { field: 'rule', message: 'groups nest at most 6 deep' },
    ]);
    expect(issues.byField.get('name')).toEqual(['a segment needs a name']);
    expect(issues.byNode.get(root.id)?.get('group')).toEqual(['groups nest at most 6 deep']);
  });
});
