import type { ComplianceRuleSetDto, ComplianceSettingsDto, CreateComplianceRuleSetRequest, CreateComplianceRuleSetResponse } from '@banca/contracts';
import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldIssuesOf } from '../../api/api-error';
import { auditDiff } from '../../admin/audit-diff';
import { useCreateComplianceRuleSetMutation } from '../../admin/compliance-rules.queries';
import { draftToRequest, messagesAt, messagesByField, settingsToDraft, unplacedIssues, type SettingsDraft } from '../../admin/settings-form';
import { DateInput } from '../../components/date-input';
import { ErrorMessage } from '../../components/error-message';
import { reportingDate } from '../../format/date.format';
import { RuleSettings } from './rule-settings.view';

export interface RuleVersionEditorProps {
  /** The version the new one starts from. */
  base: ComplianceRuleSetDto;
  /** RULES.md defaults, for "reset to defaults". */
  defaults: ComplianceSettingsDto;
  onSaved: (created: CreateComplianceRuleSetResponse) => void;
  onCancel: () => void;
}

/** A new version of the rule settings: every setting editable, an effective date and a note. */
export function RuleVersionEditor({ base, defaults, onSaved, onCancel }: RuleVersionEditorProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const noteId = useId();
  const noteHintId = useId();
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsToDraft(base.settings));
  const [effectiveFrom, setEffectiveFrom] = useState(() => reportingDate(new Date()));
  const [note, setNote] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [resetDone, setResetDone] = useState(false);
  const create = useCreateComplianceRuleSetMutation();

  const result = useMemo(() => draftToRequest(draft, effectiveFrom, note), [draft, effectiveFrom, note]);
  const changes = result.ok ? auditDiff(base.settings, result.request.settings) : null;
  const [submitted, setSubmitted] = useState<CreateComplianceRuleSetRequest | null>(null);
  // An API issue stays by its field until that value is edited: the answer was about what was sent then.
  const apiIssues = useMemo(() => {
    const issues = fieldIssuesOf(create.error);
    if (!submitted || !result.ok) return issues;
    const edited = auditDiff(submitted, result.request).map((change) => change.path);
    return issues.filter((issue) => !edited.some((path) => issue.field === path || issue.field.startsWith(`${path}.`) || path.startsWith(`${issue.field}.`)));
  }, [create.error, submitted, result]);
  const byField = useMemo(
    () => messagesByField(attempted && !result.ok ? result.problems : [], (code) => t(`settings.editor.problems.${code}`), apiIssues),
    [attempted, result, apiIssues, t],
  );
  const messagesOf = useCallback((path: string) => messagesAt(byField, path), [byField]);
  const otherIssues = unplacedIssues(apiIssues);
  const noteMessages = messagesOf('note');

  const change = (next: SettingsDraft) => {
    setDraft(next);
    setResetDone(false);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (!result.ok) return;
    setSubmitted(result.request);
    create.mutate(result.request, { onSuccess: onSaved });
  };

  return (
    <section className="card section" aria-labelledby={titleId} data-testid="rule-version-editor">
      <header className="section__header">
        <div>
          <h2 className="card__title" id={titleId}>
            {t('settings.editor.title')}
          </h2>
          <p className="card__description">{t('settings.editor.description', { version: base.version })}</p>
        </div>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setDraft(settingsToDraft(defaults));
            setResetDone(true);
          }}
        >
          {t('settings.editor.reset')}
        </button>
      </header>
      {resetDone && (
        <p className="notice" role="status" data-testid="reset-done">
          {t('settings.editor.resetDone')}
        </p>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <div className="upload-form__row">
          <DateInput label={t('settings.editor.effectiveFrom')} value={effectiveFrom} onChange={setEffectiveFrom} error={messagesOf('effectiveFrom').join(' ') || undefined} />
          <div className="field field--grow">
            <label htmlFor={noteId}>{t('settings.editor.note')}</label>
            <input
              id={noteId}
              name="note"
              className="input"
              maxLength={500}
              value={note}
              aria-invalid={noteMessages.length > 0 ? true : undefined}
              aria-describedby={noteHintId}
              onChange={(event) => setNote(event.target.value)}
            />
            <span id={noteHintId} className={noteMessages.length > 0 ? 'field__help field__error' : 'field__help'}>
              {noteMessages.length > 0 ? noteMessages.join(' ') : t('settings.editor.noteHint')}
            </span>
          </div>
        </div>
        <RuleSettings mode={{ kind: 'edit', draft, onChange: change, messagesAt: messagesOf }} />
        <div className="rule-editor__summary" data-testid="rule-changes">
          {changes === null ? null : changes.length === 0 ? (
            <p className="muted">{t('settings.editor.unchanged', { version: base.version })}</p>
          ) : (
            <details>
              <summary>{t('settings.editor.changed', { count: changes.length, version: base.version })}</summary>
              <ul className="plain-list">
                {changes.map((item) => (
                  <li key={item.path}>
                    <code>{item.path}</code>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
        {attempted && !result.ok && (
          <p className="field__error" role="alert">
            {t('settings.editor.fixProblems')}
          </p>
        )}
        {otherIssues.length > 0 && (
          <div className="error-message" role="alert">
            <p className="error-message__title">{t('settings.editor.otherIssues')}</p>
            <ul className="plain-list">
              {otherIssues.map((issue) => (
                <li key={`${issue.field}:${issue.message}`}>
                  {issue.field && <code>{issue.field}</code>} {issue.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {create.error && fieldIssuesOf(create.error).length === 0 && <ErrorMessage error={create.error} title={t('settings.editor.failed')} />}
        <div className="editor-actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('settings.editor.saving') : t('settings.editor.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('settings.editor.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
