import type { SegmentDto } from '@banca/contracts';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldIssuesOf } from '../../../api/api-error';
import { DownloadButton } from '../../../components/download-button';
import { ErrorMessage } from '../../../components/error-message';
import { useDebouncedValue } from '../../../components/use-debounced-value';
import { collectBuilderIssues } from '../../../segments/builder-issues';
import { conditionCount, draftToRule, emptyGroup, ruleToDraft, sameRule, type GroupDraft } from '../../../segments/rule-draft';
import {
  downloadSegmentMembers,
  MEMBER_EXPORT_FORMATS,
  useDeleteSegmentMutation,
  useSaveSegmentMutation,
  useSegmentPreviewQuery,
} from '../../../segments/segments.queries';
import { RuleGroup } from './rule-group.view';
import { SegmentPreview } from './segment-preview.view';

/** Edits are sent for a preview once typing pauses this long. */
const PREVIEW_DEBOUNCE_MS = 400;

export interface SegmentEditorProps {
  /** The saved segment being edited, or null for a new one. */
  segment: SegmentDto | null;
  canWrite: boolean;
  onSaved: (segment: SegmentDto) => void;
  onDeleted: () => void;
}

/** Name, rule tree, live preview, save and delete of one segment; member exports of a saved one. */
export function SegmentEditor({ segment, canWrite, onSaved, onDeleted }: SegmentEditorProps) {
  const { t } = useTranslation();
  const ids = { title: useId(), name: useId(), nameIssues: useId(), description: useId() };
  const [draft, setDraft] = useState<GroupDraft>(() => (segment ? ruleToDraft(segment.rule) : emptyGroup('all')));
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const result = useMemo(() => draftToRule(draft), [draft]);
  const rule = result.ok ? result.rule : null;
  const previewRule = useDebouncedValue(rule, PREVIEW_DEBOUNCE_MS);
  const preview = useSegmentPreviewQuery(previewRule);
  const save = useSaveSegmentMutation();
  const remove = useDeleteSegmentMutation();

  const issues = useMemo(
    () =>
      collectBuilderIssues(draft, result.ok ? [] : result.problems, (problem) => t(`segments.builder.problems.${problem.code}`), [
        ...fieldIssuesOf(preview.error),
        ...fieldIssuesOf(save.error),
      ]),
    [draft, result, preview.error, save.error, t],
  );
  const nameIssues = issues.byField.get('name') ?? [];
  const descriptionIssues = issues.byField.get('description') ?? [];
  const trimmedDescription = description.trim() === '' ? null : description.trim();
  const dirty = segment === null || name.trim() !== segment.name || trimmedDescription !== segment.description || !sameRule(rule, segment.rule);
  // Errors shown by their controls need no second banner; the others (forbidden, conflict) do.
  const saveErrorPlaced = save.error !== null && fieldIssuesOf(save.error).length > 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!canWrite || rule === null) return;
    save.mutate({ id: segment?.id ?? null, segment: { name: name.trim(), description: trimmedDescription, rule } }, { onSuccess: onSaved });
  };

  return (
    <>
      <section className="card section" aria-labelledby={ids.title} data-testid="segment-editor">
        <header className="section__header">
          <div>
            <h2 className="card__title" id={ids.title}>
              {segment ? t('segments.editor.titleSaved', { name: segment.name }) : t('segments.editor.titleNew')}
            </h2>
            <p className="card__description">
              {t('segments.editor.description', { count: conditionCount(draft) })}
              {segment && dirty && canWrite && <span className="badge badge--light">{t('segments.editor.unsaved')}</span>}
            </p>
          </div>
        </header>
        {!canWrite && (
          <p className="notice" role="note">
            {t('segments.editor.readOnly')}
          </p>
        )}
        <form className="form" onSubmit={submit} noValidate>
          {canWrite && (
            <div className="segment-meta">
              <div className="field">
                <label htmlFor={ids.name}>{t('segments.editor.name')}</label>
                <input
                  id={ids.name}
                  name="name"
                  className="input"
                  maxLength={200}
                  value={name}
                  aria-invalid={nameIssues.length > 0 ? true : undefined}
                  aria-describedby={nameIssues.length > 0 ? ids.nameIssues : undefined}
                  onChange={(event) => setName(event.target.value)}
                />
                {nameIssues.length > 0 && (
                  <span className="field__error field__help" id={ids.nameIssues} role="alert">
                    {nameIssues.join(' ')}
                  </span>
                )}
              </div>
              <div className="field field--grow">
                <label htmlFor={ids.description}>{t('segments.editor.descriptionLabel')}</label>
                <input
                  id={ids.description}
                  name="description"
                  className="input"
                  maxLength={2000}
                  value={description}
                  aria-invalid={descriptionIssues.length > 0 ? true : undefined}
                  onChange={(event) => setDescription(event.target.value)}
                />
                {descriptionIssues.length > 0 && (
                  <span className="field__error field__help" role="alert">
                    {descriptionIssues.join(' ')}
                  </span>
                )}
              </div>
            </div>
          )}
          <RuleGroup group={draft} root={draft} onChange={setDraft} issues={issues.byNode} depth={1} disabled={false} />
          {canWrite && (
            <div className="editor-actions">
              <button type="submit" className="button button--primary" disabled={rule === null || save.isPending || (segment !== null && !dirty)}>
                {save.isPending ? t('segments.editor.saving') : segment ? t('segments.editor.update') : t('segments.editor.save')}
              </button>
              {segment &&
                (confirmingDelete ? (
                  <>
                    <span className="muted">{t('segments.editor.confirmDelete', { name: segment.name })}</span>
                    <button
                      type="button"
                      className="button button--danger"
                      disabled={remove.isPending}
                      // mutateAsync, not mutate's onSuccess: dropping the segment from the list unmounts this
                      // editor, and a per-call callback of an unmounted mutation never runs.
                      onClick={() => void remove.mutateAsync(segment.id).then(onDeleted, () => undefined)}
                    >
                      {t('segments.editor.deleteConfirmed')}
                    </button>
                    <button type="button" className="button button--secondary" onClick={() => setConfirmingDelete(false)}>
                      {t('segments.editor.cancel')}
                    </button>
                  </>
                ) : (
                  <button type="button" className="button button--secondary" onClick={() => setConfirmingDelete(true)}>
                    {t('segments.editor.delete')}
                  </button>
                ))}
              {save.isSuccess && !dirty && (
                <span className="field__ok" role="status">
                  {t('segments.editor.saved')}
                </span>
              )}
            </div>
          )}
          {save.error && !saveErrorPlaced && <ErrorMessage error={save.error} title={t('segments.editor.saveFailed')} />}
          {remove.error && <ErrorMessage error={remove.error} title={t('segments.editor.deleteFailed')} />}
        </form>
        {segment && (
          <div className="exports">
            <span className="muted">{dirty && canWrite ? t('segments.editor.exportSavedVersion') : t('segments.editor.export')}</span>
            {MEMBER_EXPORT_FORMATS.map((format) => (
              <DownloadButton
                key={format}
                label={t(`segments.editor.exportAs.${format}`)}
                download={() => downloadSegmentMembers(segment.id, format)}
                fallbackName={`segment-${segment.id}.${format}`}
                testId={`export-${format}`}
              />
            ))}
          </div>
        )}
      </section>
      <SegmentPreview preview={preview} incomplete={rule === null} />
    </>
  );
}
