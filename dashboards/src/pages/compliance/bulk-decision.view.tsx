import type { BulkFindingDecisionResponse } from '@banca/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { useBulkDecisionMutation } from '../../compliance/compliance.queries';

const BULK_DECISIONS = ['approve', 'reject'] as const;
type BulkDecision = (typeof BULK_DECISIONS)[number];

/** Approve or reject the selected low and info findings together, with one reason for all. */
export function BulkDecision({ selectedIds, onDone }: { selectedIds: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const ids = { title: useId(), decision: useId(), reason: useId() };
  const [decision, setDecision] = useState<BulkDecision>('approve');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<BulkFindingDecisionResponse | null>(null);
  const bulk = useBulkDecisionMutation();
  const reasonOk = reason.trim().length >= 3;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reasonOk || selectedIds.length === 0) return;
    bulk.mutate(
      { findingIds: [...selectedIds], decision, reason: reason.trim() },
      {
        onSuccess: (answer) => {
          setResult(answer);
          setReason('');
          onDone();
        },
      },
    );
  };

  return (
    <section className="card section bulk-decision" aria-labelledby={ids.title} data-testid="bulk-decision">
      <header className="section__header">
        <div>
          <h2 className="card__title" id={ids.title}>
            {t('compliance.queue.bulk.title')}
          </h2>
          <p className="card__description">
            {selectedIds.length > 0 ? t('compliance.queue.bulk.selected', { count: selectedIds.length }) : t('compliance.queue.bulk.hint')}
          </p>
        </div>
      </header>
      {selectedIds.length > 0 && (
        <form className="decision-form decision-form--inline" onSubmit={submit}>
          <div className="field">
            <label htmlFor={ids.decision}>{t('compliance.queue.bulk.decision')}</label>
            <select id={ids.decision} className="select" value={decision} onChange={(event) => setDecision(event.target.value === 'reject' ? 'reject' : 'approve')}>
              {BULK_DECISIONS.map((option) => (
                <option key={option} value={option}>
                  {t(`compliance.decisions.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--grow">
            <label htmlFor={ids.reason}>{t('compliance.queue.bulk.reason')}</label>
            <input id={ids.reason} className="input" value={reason} required minLength={3} maxLength={2000} onChange={(event) => setReason(event.target.value)} />
          </div>
          <button type="submit" className="button button--primary" disabled={!reasonOk || bulk.isPending}>
            {bulk.isPending ? t('compliance.queue.bulk.submitting') : t('compliance.queue.bulk.submit')}
          </button>
        </form>
      )}
      {bulk.error && <ErrorMessage error={bulk.error} title={t('compliance.queue.bulk.failed')} />}
      {result && (
        <div className="notice" role="status" data-testid="bulk-result">
          {t('compliance.queue.bulk.result', { decided: result.decided.length, refused: result.refused.length })}
          {result.refused.length > 0 && (
            <ul className="plain-list">
              {result.refused.map((item) => (
                <li key={item.id}>{t('compliance.queue.bulk.refusedItem', { id: item.id.slice(0, 8), reason: item.reason })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
