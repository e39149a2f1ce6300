import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilters } from '../../admin/audit.queries';

const TEXT_FILTERS = ['action', 'entityType', 'entityId', 'actorId'] as const;
type TextFilter = (typeof TEXT_FILTERS)[number];
type FilterValues = Record<'from' | 'to' | TextFilter, string>;

/**
 * The filters as typed; applied together on submit, so typing an entity id does not put every keystroke
 * in the history. The page re-creates the form when the URL changes (a row's "only this actor").
 */
export function AuditFiltersForm({ filters, onApply }: { filters: AuditFilters; onApply: (changes: Partial<Record<keyof FilterValues, string | undefined>>) => void }) {
  const { t } = useTranslation();
  const idPrefix = useId();
  const [values, setValues] = useState<FilterValues>({
    from: filters.from ?? '',
    to: filters.to ?? '',
    action: filters.action ?? '',
    entityType: filters.entityType ?? '',
    entityId: filters.entityId ?? '',
    actorId: filters.actorId ?? '',
  });
  const set = (key: keyof FilterValues, value: string) => setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.trim() === '' ? undefined : value.trim()])));
  };

  return (
    <form className="audit-filters" onSubmit={submit} data-testid="audit-filters">
      {(['from', 'to'] as const).map((key) => (
        <div className="filter" key={key}>
          <label className="filter__label" htmlFor={`${idPrefix}-${key}`}>
            {t(`audit.filters.${key}`)}
          </label>
          <input id={`${idPrefix}-${key}`} name={key} className="input input--date" type="date" value={values[key]} onChange={(event) => set(key, event.target.value)} />
        </div>
      ))}
      {TEXT_FILTERS.map((key) => (
        <div className="filter" key={key}>
          <label className="filter__label" htmlFor={`${idPrefix}-${key}`}>
            {t(`audit.filters.${key}`)}
          </label>
          <input
            id={`${idPrefix}-${key}`}
            name={key}
            className="input"
            value={values[key]}
            maxLength={200}
            placeholder={key === 'action' ? t('audit.filters.actionHint') : undefined}
            onChange={(event) => set(key, event.target.value)}
          />
        </div>
      ))}
      <div className="editor-actions">
        <button type="submit" className="button button--primary">
          {t('audit.filters.apply')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onApply({ from: undefined, to: undefined, action: undefined, entityType: undefined, entityId: undefined, actorId: undefined })}
        >
          {t('audit.filters.clear')}
        </button>
      </div>
    </form>
  );
}
