import type { EvidenceDto } from '@banca/contracts';
import { EVIDENCE_KINDS, type EvidenceKind } from '@banca/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/error-message';
import { SectionCard } from '../../components/section-card';
import { useAddEvidenceMutation, useRevokeEvidenceMutation } from '../../compliance/compliance.queries';
import { formatDateTime } from '../../format/date.format';
import { useLanguage } from '../../i18n/i18n';

/** The sale's evidence, and for reviewers the form to add some (which may clear findings) or revoke it. */
export function EvidenceView({ saleId, evidence, canAdd }: { saleId: string; evidence: readonly EvidenceDto[]; canAdd: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <SectionCard titleId="finding-evidence-title" testId="finding-evidence" title={t('compliance.detail.evidence.title')} description={t('compliance.detail.evidence.description')}>
      {evidence.length === 0 ? (
        <p className="muted">{t('compliance.detail.evidence.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--compact">
            <thead>
              <tr>
                <th scope="col">{t('compliance.detail.evidence.kind')}</th>
                <th scope="col">{t('compliance.detail.evidence.reference')}</th>
                <th scope="col">{t('compliance.detail.evidence.clears')}</th>
                <th scope="col">{t('compliance.detail.evidence.addedAt')}</th>
                <th scope="col">{t('compliance.detail.evidence.state')}</th>
                {canAdd && <th scope="col" />}
              </tr>
            </thead>
            <tbody>
              {evidence.map((item) => (
                <tr key={item.id} data-evidence-id={item.id}>
                  <th scope="row">{t(`compliance.evidenceKinds.${item.kind}`)}</th>
                  <td>{item.reference}</td>
                  <td>{item.clears.map((code) => t(`compliance.rules.${code}`)).join('; ')}</td>
                  <td className="nowrap">{formatDateTime(item.createdAt, language)}</td>
                  <td>
                    {item.revokedAt
                      ? t('compliance.detail.evidence.revoked', { date: formatDateTime(item.revokedAt, language) })
                      : t('compliance.detail.evidence.active')}
                  </td>
                  {canAdd && <td>{item.revokedAt === null && <RevokeEvidence id={item.id} />}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canAdd && <AddEvidence saleId={saleId} />}
    </SectionCard>
  );
}

function AddEvidence({ saleId }: { saleId: string }) {
  const { t } = useTranslation();
  const ids = { kind: useId(), reference: useId(), hint: useId() };
  const [kind, setKind] = useState<EvidenceKind>('declaration');
  const [reference, setReference] = useState('');
  const add = useAddEvidenceMutation(saleId);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reference.trim() === '') return;
    add.mutate({ kind, reference: reference.trim() }, { onSuccess: () => setReference('') });
  };

  return (
    <form className="decision-form decision-form--inline evidence-form" onSubmit={submit} data-testid="evidence-form">
      <div className="field">
        <label htmlFor={ids.kind}>{t('compliance.detail.evidence.kind')}</label>
        <select
          id={ids.kind}
          className="select"
          value={kind}
          onChange={(event) => {
            const value = EVIDENCE_KINDS.find((option) => option === event.target.value);
            if (value) setKind(value);
          }}
        >
          {EVIDENCE_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`compliance.evidenceKinds.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--grow">
        <label htmlFor={ids.reference}>{t('compliance.detail.evidence.reference')}</label>
        <input id={ids.reference} className="input" required maxLength={500} value={reference} aria-describedby={ids.hint} onChange={(event) => setReference(event.target.value)} />
        <span id={ids.hint} className="field__help">
          {t('compliance.detail.evidence.referenceHint')}
        </span>
      </div>
      <button type="submit" className="button button--secondary" disabled={reference.trim() === '' || add.isPending}>
        {add.isPending ? t('compliance.detail.evidence.adding') : t('compliance.detail.evidence.add')}
      </button>
      {add.data && (
        <p className="notice evidence-form__result" role="status">
          {t('compliance.detail.evidence.added', { count: add.data.clearedFindingIds.length })}
        </p>
      )}
      {add.error && <ErrorMessage error={add.error} title={t('compliance.detail.evidence.addFailed')} />}
    </form>
  );
}

function RevokeEvidence({ id }: { id: string }) {
  const { t } = useTranslation();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const revoke = useRevokeEvidenceMutation();
  if (!open) {
    return (
      <button type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
        {t('compliance.detail.evidence.revoke')}
      </button>
    );
  }
  return (
    <form
      className="revoke-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim().length < 3) return;
        revoke.mutate({ id, reason: reason.trim() }, { onSuccess: () => setOpen(false) });
      }}
    >
      <label htmlFor={reasonId} className="filter__label">
        {t('compliance.detail.evidence.revokeReason')}
      </label>
      <input id={reasonId} className="input" required minLength={3} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />
      <button type="submit" className="button button--danger button--small" disabled={reason.trim().length < 3 || revoke.isPending}>
        {t('compliance.detail.evidence.revokeConfirm')}
      </button>
      <button type="button" className="button button--secondary button--small" onClick={() => setOpen(false)}>
        {t('compliance.detail.evidence.cancel')}
      </button>
      {revoke.error && <ErrorMessage error={revoke.error} title={t('compliance.detail.evidence.revokeFailed')} />}
    </form>
  );
}
