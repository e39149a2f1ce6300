import type { FindingDetailDto } from '@banca/contracts';
import { OPEN_FINDING_STATUSES, type ReviewDecision } from '@banca/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldIssuesOf } from '../../api/api-error';
import { useCurrentUser } from '../../auth/session.context';
import { ErrorMessage } from '../../components/error-message';
import { fourEyesNote } from '../../compliance/four-eyes';
import { useFindingDecisionMutation } from '../../compliance/compliance.queries';
import { formatDateTime } from '../../format/date.format';
import { useLanguage } from '../../i18n/i18n';
import { canWriteOn } from '../../navigation/page-access';

/** The decisions the API allows the signed-in user now, each with a required reason; the four-eyes note while one is awaited. */
export function DecisionForm({ detail }: { detail: FindingDetailDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useCurrentUser();
  const ids = { title: useId(), reason: useId(), reasonHelp: useId(), reasonError: useId() };
  const allowed = detail.allowedDecisions;
  const [decision, setDecision] = useState<ReviewDecision | null>(allowed.length === 1 ? (allowed[0] ?? null) : null);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [doneStatus, setDoneStatus] = useState<string | null>(null);
  const mutation = useFindingDecisionMutation(detail.finding.id);
  const note = fourEyesNote(detail.finding, detail.history, user.id);
  const reasonProblem = reason.trim().length < 3 ? t('compliance.detail.decision.reasonTooShort') : null;
  const serverReasonIssue = fieldIssuesOf(mutation.error).find((issue) => issue.field === 'reason');
  const chosen = decision !== null && allowed.includes(decision) ? decision : null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    if (chosen === null || reasonProblem) return;
    setDoneStatus(null);
    mutation.mutate(
      { decision: chosen, reason: reason.trim() },
      {
        onSuccess: () => {
          setReason('');
          setTouched(false);
          setDecision(null);
          setDoneStatus('done');
        },
      },
    );
  };

  let explanation: string | null = null;
  if (allowed.length === 0) {
    if (!canWriteOn('compliance', user.role)) explanation = t('compliance.detail.decision.readOnly');
    else if (!OPEN_FINDING_STATUSES.includes(detail.finding.status)) explanation = t('compliance.detail.decision.final', { status: t(`compliance.statuses.${detail.finding.status}`) });
  }

  return (
    <section className="card section decision" aria-labelledby={ids.title} data-testid="finding-decision">
      <header className="section__header">
        <h2 className="card__title" id={ids.title}>
          {t('compliance.detail.decision.title')}
        </h2>
      </header>
      {note && (
        <p className="notice notice--warning" data-testid="four-eyes-note">
          {note.kind === 'you'
            ? t('compliance.detail.decision.fourEyesYou')
            : t('compliance.detail.decision.fourEyes', {
                name: note.approverName ?? t('compliance.detail.decision.fourEyesSomeone'),
                date: formatDateTime(note.approvedAt, language),
              })}
        </p>
      )}
      {doneStatus && mutation.isSuccess && (
        <p className="notice" role="status" data-testid="decision-done">
          {t('compliance.detail.decision.done', { status: t(`compliance.statuses.${detail.finding.status}`) })}
        </p>
      )}
      {explanation && <p className="muted">{explanation}</p>}
      {allowed.length > 0 && (
        <form className="decision-form" onSubmit={submit} noValidate>
          <fieldset className="decision-form__choices">
            <legend className="filter__label">{t('compliance.detail.decision.decision')}</legend>
            {allowed.map((option) => (
              <label key={option} className="decision-form__choice">
                <input type="radio" name="decision" value={option} checked={chosen === option} onChange={() => setDecision(option)} />
                {t(`compliance.decisions.${option}`)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={ids.reason}>{t('compliance.detail.decision.reason')}</label>
            <textarea
              id={ids.reason}
              className="input decision-form__reason"
              rows={3}
              required
              maxLength={2000}
              value={reason}
              aria-invalid={(touched && reasonProblem) || serverReasonIssue ? true : undefined}
              aria-describedby={`${ids.reasonHelp}${touched && reasonProblem ? ` ${ids.reasonError}` : ''}`}
              onChange={(event) => setReason(event.target.value)}
              onBlur={() => setTouched(true)}
            />
            <span id={ids.reasonHelp} className="field__help">
              {t('compliance.detail.decision.reasonHint')}
            </span>
            {touched && reasonProblem && (
              <span id={ids.reasonError} className="field__error field__help" role="alert">
                {reasonProblem}
              </span>
            )}
          </div>
          <div>
            <button type="submit" className="button button--primary" disabled={chosen === null || mutation.isPending}>
              {mutation.isPending ? t('compliance.detail.decision.submitting') : t('compliance.detail.decision.submit')}
            </button>
          </div>
        </form>
      )}
      {mutation.error && <ErrorMessage error={mutation.error} title={t('compliance.detail.decision.failed')} />}
    </section>
  );
}
