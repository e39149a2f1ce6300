import type { AuditLogEntryDto } from '@banca/contracts';
import { isRole } from '@banca/domain';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditDiff, auditValueText, unchangedKeyCount } from '../../admin/audit-diff';
import { formatDateTime } from '../../format/date.format';
import { useLanguage } from '../../i18n/i18n';

const COLUMNS = 6;

export interface AuditTableProps {
  entries: readonly AuditLogEntryDto[];
  /** Narrows the log to one actor or one entity (a click on it in a row). */
  onFilter: (changes: { actorId?: string; entityType?: string; entityId?: string }) => void;
}

/** One page of entries, newest first; a row opens to show its before → after as the keys it changed. */
export function AuditTable({ entries, onFilter }: AuditTableProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t('audit.table.at')}</th>
            <th scope="col">{t('audit.table.actor')}</th>
            <th scope="col">{t('audit.table.action')}</th>
            <th scope="col">{t('audit.table.entity')}</th>
            <th scope="col">{t('audit.table.requestId')}</th>
            <th scope="col">{t('audit.table.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <Fragment key={entry.id}>
              <AuditRow entry={entry} expanded={open.has(entry.id)} onToggle={() => toggle(entry.id)} onFilter={onFilter} />
              {open.has(entry.id) && (
                <tr className="audit-row__detail" data-testid="audit-diff-row">
                  <td colSpan={COLUMNS}>
                    <AuditDiff entry={entry} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditRow({ entry, expanded, onToggle, onFilter }: { entry: AuditLogEntryDto; expanded: boolean; onToggle: () => void; onFilter: AuditTableProps['onFilter'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const name = entry.actorDisplayName ?? entry.actorUsername;
  const role = entry.actorRole;
  const hasChanges = entry.before !== null || entry.after !== null;
  return (
    <tr data-entry-id={entry.id} data-action={entry.action} className={expanded ? 'is-selected' : undefined}>
      <td className="nowrap">{formatDateTime(entry.at, language)}</td>
      <td data-testid="audit-actor">
        {entry.actorId === null ? (
          <span className="muted">{t('audit.table.platform')}</span>
        ) : (
          <button type="button" className="button--plain" title={t('audit.table.filterActor')} onClick={() => onFilter({ actorId: entry.actorId ?? undefined })}>
            {name ?? entry.actorId}
          </button>
        )}
        {role && <span className="audit-actor__role">{isRole(role) ? t(`roles.${role}`) : role}</span>}
      </td>
      <td>
        <code data-testid="audit-action">{entry.action}</code>
      </td>
      <td data-testid="audit-entity">
        {entry.entityId === null ? (
          entry.entityType
        ) : (
          <button
            type="button"
            className="button--plain"
            title={t('audit.table.filterEntity')}
            onClick={() => onFilter({ entityType: entry.entityType, entityId: entry.entityId ?? undefined })}
          >
            {entry.entityType} <code>{entry.entityId}</code>
          </button>
        )}
      </td>
      <td>{entry.requestId ? <code className="small">{entry.requestId}</code> : ''}</td>
      <td>
        {hasChanges && (
          <button type="button" className="button button--secondary button--small audit-row__toggle" aria-expanded={expanded} onClick={onToggle}>
            {expanded ? t('audit.table.hide') : t('audit.table.show')}
          </button>
        )}
      </td>
    </tr>
  );
}

function AuditDiff({ entry }: { entry: AuditLogEntryDto }) {
  const { t } = useTranslation();
  const changes = auditDiff(entry.before, entry.after);
  const unchanged = unchangedKeyCount(entry.before, entry.after);
  const valueCell = (value: unknown, className: string) => {
    const text = auditValueText(value);
    return text === undefined ? <span className="muted">{t('audit.diff.absent')}</span> : <span className={className}>{text}</span>;
  };
  return (
    <div className="audit-diff" data-testid="audit-diff">
      {changes.length === 0 ? (
        <p className="muted">{t('audit.diff.nothing')}</p>
      ) : (
        <table className="data-table data-table--compact">
          <thead>
            <tr>
              <th scope="col">{t('audit.diff.key')}</th>
              <th scope="col">{t('audit.diff.before')}</th>
              <th scope="col" aria-hidden="true" />
              <th scope="col">{t('audit.diff.after')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.path} data-path={change.path} data-kind={change.kind}>
                <th scope="row">
                  <code>{change.path}</code> <span className="muted small">{t(`audit.diff.kinds.${change.kind}`)}</span>
                </th>
                <td data-testid="diff-before">{valueCell(change.before, 'audit-diff__before')}</td>
                <td aria-hidden="true">→</td>
                <td data-testid="diff-after">{valueCell(change.after, 'audit-diff__after')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unchanged > 0 && <p className="muted small">{t('audit.diff.unchanged', { count: unchanged })}</p>}
    </div>
  );
}
