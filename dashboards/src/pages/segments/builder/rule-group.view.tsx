import { SEGMENT_RULE_MAX_DEPTH } from '@banca/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueIndex } from '../../../segments/builder-issues';
import { addCondition, addGroup, removeNode, setGroupMode, updateCondition, type GroupDraft, type GroupMode } from '../../../segments/rule-draft';
import { ConditionRow } from './condition-row.view';

export interface RuleGroupProps {
  group: GroupDraft;
  /** The whole draft, edited as one value so every change is one immutable step. */
  root: GroupDraft;
  onChange: (root: GroupDraft) => void;
  issues: IssueIndex;
  depth: number;
  disabled: boolean;
}

/** An "all" or "any" group: its conditions and nested groups, and the controls to grow or shrink it. */
export function RuleGroup({ group, root, onChange, issues, depth, disabled }: RuleGroupProps) {
  const { t } = useTranslation();
  const modeId = useId();
  const groupIssues = issues.get(group.id)?.get('group') ?? [];
  const isRoot = group.id === root.id;

  return (
    <fieldset className={`rule-group rule-group--${group.mode}`} data-testid="rule-group" data-node-id={group.id} data-depth={depth}>
      <legend className="rule-group__legend">
        <label htmlFor={modeId}>{t('segments.builder.match')}</label>
        <select
          id={modeId}
          name="mode"
          className="select select--compact-light"
          value={group.mode}
          disabled={disabled}
          onChange={(event) => {
            const mode: GroupMode = event.target.value === 'any' ? 'any' : 'all';
            onChange(setGroupMode(root, group.id, mode));
          }}
        >
          <option value="all">{t('segments.builder.modes.all')}</option>
          <option value="any">{t('segments.builder.modes.any')}</option>
        </select>
        <span>{t('segments.builder.ofThese')}</span>
      </legend>
      {group.children.length === 0 && <p className="muted rule-group__empty">{group.mode === 'all' ? t('segments.builder.emptyAll') : t('segments.builder.emptyAny')}</p>}
      <div className="rule-group__children">
        {group.children.map((child) =>
          child.kind === 'condition' ? (
            <ConditionRow
              key={child.id}
              condition={child}
              issues={issues.get(child.id)}
              disabled={disabled}
              onChange={(next) => onChange(updateCondition(root, child.id, () => next))}
              onRemove={() => onChange(removeNode(root, child.id))}
            />
          ) : (
            <RuleGroup key={child.id} group={child} root={root} onChange={onChange} issues={issues} depth={depth + 1} disabled={disabled} />
          ),
        )}
      </div>
      {groupIssues.length > 0 && (
        <ul className="condition__issues" role="alert" data-testid="group-issues">
          {groupIssues.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {!disabled && (
        <div className="rule-group__actions">
          <button type="button" className="button button--secondary button--small" onClick={() => onChange(addCondition(root, group.id))}>
            {t('segments.builder.addCondition')}
          </button>
          {depth < SEGMENT_RULE_MAX_DEPTH && (
            <button type="button" className="button button--secondary button--small" onClick={() => onChange(addGroup(root, group.id, group.mode === 'all' ? 'any' : 'all'))}>
              {t('segments.builder.addGroup')}
            </button>
          )}
          {!isRoot && (
            <button type="button" className="button button--link button--small" onClick={() => onChange(removeNode(root, group.id))}>
              {t('segments.builder.removeGroup')}
            </button>
          )}
        </div>
      )}
    </fieldset>
  );
}
