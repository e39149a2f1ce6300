import { useTranslation } from 'react-i18next';
import { AUDIT_PAGE_SIZE, auditPageFiltersSchema, auditPageOf, auditQueryOf } from '../../admin/audit-filters';
import { AUDIT_EXPORT_FORMATS, downloadAuditLog, useAuditLogQuery } from '../../admin/audit.queries';
import { DownloadButton } from '../../components/download-button';
import { LoadingPanel } from '../../components/loading-panel';
import { useUrlFilters } from '../../filters/use-url-filters';
import { formatCount } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { useDocumentTitle } from '../../i18n/use-document-title';
import '../admin/admin.css';
import { AuditFiltersForm } from './audit-filters.view';
import { AuditTable } from './audit-table.view';

/** The append-only audit log: filters in the URL, one page of entries, each change opened as a diff. */
export function AuditPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { filters, setFilters } = useUrlFilters(auditPageFiltersSchema);
  const query = auditQueryOf(filters);
  const page = auditPageOf(filters);
  const log = useAuditLogQuery({ ...query, page, pageSize: AUDIT_PAGE_SIZE });
  useDocumentTitle(t('audit.title'));

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('audit.title')}</h1>
          <p className="page__intro">{t('audit.intro')}</p>
        </div>
      </header>
      <div className="stack">
        <section className="card section" aria-label={t('audit.filters.label')}>
          <AuditFiltersForm key={JSON.stringify(query)} filters={query} onApply={(changes) => setFilters({ ...changes, page: undefined })} />
        </section>
        <section className="card section" aria-label={t('audit.title')} data-testid="audit-log">
          <LoadingPanel query={log} isEmpty={(data) => data.total === 0} emptyMessage={t('audit.empty')}>
            {(data) => (
              <>
                <AuditTable entries={data.items} onFilter={(changes) => setFilters({ ...changes, page: undefined })} />
                <div className="pager">
                  <span className="muted" data-testid="audit-range">
                    {t('audit.range', {
                      from: formatCount(data.items.length === 0 ? 0 : (data.page - 1) * data.pageSize + 1, language),
                      to: formatCount((data.page - 1) * data.pageSize + data.items.length, language),
                      total: formatCount(data.total, language),
                    })}
                  </span>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={data.page <= 1}
                    onClick={() => setFilters({ page: data.page - 1 <= 1 ? undefined : String(data.page - 1) })}
                  >
                    {t('audit.previous')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={data.page * data.pageSize >= data.total}
                    onClick={() => setFilters({ page: String(data.page + 1) })}
                  >
                    {t('audit.next')}
                  </button>
                </div>
              </>
            )}
          </LoadingPanel>
          <div className="exports">
            <span className="muted">{t('audit.export')}</span>
            {AUDIT_EXPORT_FORMATS.map((format) => (
              <DownloadButton
                key={format}
                label={t(`audit.exportAs.${format}`)}
                download={() => downloadAuditLog(query, format)}
                fallbackName={`audit-log.${format}`}
                testId={`audit-export-${format}`}
              />
            ))}
          </div>
        </section>
      </div>
    </div>
  );
}
