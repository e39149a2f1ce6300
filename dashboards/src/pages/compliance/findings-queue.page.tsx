import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session.context';
import { LoadingPanel } from '../../components/loading-panel';
import { findingExportQuery, findingListQuery, isOrderedRange, queueFiltersSchema } from '../../compliance/compliance-filters';
import { useFindingsQuery } from '../../compliance/compliance.queries';
import { useUrlFilters } from '../../filters/use-url-filters';
import { formatCount } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { useDocumentTitle } from '../../i18n/use-document-title';
import { canWriteOn } from '../../navigation/page-access';
import { BulkDecision } from './bulk-decision.view';
import { ComplianceHeader } from './compliance-header.view';
import { ExportButtons } from './export-buttons.view';
import { FindingsTable, isBulkDecidable } from './findings-table.view';
import { QueueFilters, StatusTabs } from './queue-filters.view';
import './compliance.css';

/** The review queue: filters in the URL, status tabs with counts, the findings, bulk decisions and exports. */
export function FindingsQueuePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useCurrentUser();
  const canDecide = canWriteOn('compliance', user.role);
  const { filters, setFilters } = useUrlFilters(queueFiltersSchema);
  const query = findingListQuery(filters);
  const findings = useFindingsQuery(query, isOrderedRange(filters));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const queryKey = JSON.stringify(query);
  useDocumentTitle(t('compliance.queue.title'));

  // A selection belongs to the rows on screen: new filters or another page start a new one.
  useEffect(() => setSelected(new Set()), [queryKey]);
  const visibleSelection = useMemo(() => {
    const rows = findings.data?.items ?? [];
    return rows.filter((row) => selected.has(row.id) && isBulkDecidable(row)).map((row) => row.id);
  }, [findings.data, selected]);

  const selection = canDecide
    ? {
        selected,
        toggle: (id: string) =>
          setSelected((current) => {
            const next = new Set(current);
            if (next.has(id)) next.delete(id);
            else next.add(id);
            return next;
          }),
        setAll: (ids: string[], on: boolean) =>
          setSelected((current) => {
            const next = new Set(current);
            for (const id of ids) {
              if (on) next.add(id);
              else next.delete(id);
            }
            return next;
          }),
      }
    : undefined;

  const codesKey = [filters.branchCode, filters.staffCode, filters.productCode, filters.campaignCode].join('|');
  const exportQuery = findingExportQuery(filters);

  return (
    <div className="page compliance">
      <ComplianceHeader title={t('compliance.queue.title')} intro={t('compliance.queue.intro')} />
      <div className="stack">
        <QueueFilters key={codesKey} filters={filters} setFilters={setFilters} />
        <StatusTabs status={filters.status} counts={findings.data?.statusCounts} onChange={(status) => setFilters({ status, page: undefined })} />
        {canDecide && <BulkDecision selectedIds={visibleSelection} onDone={() => setSelected(new Set())} />}
        <section className="card section" aria-label={t('compliance.queue.title')}>
          <LoadingPanel query={findings} isEmpty={(data) => data.items.length === 0} emptyMessage={t('compliance.queue.empty')}>
            {(data) => {
              const first = (data.page - 1) * data.pageSize;
              return (
                <>
                  <FindingsTable findings={data.items} selection={selection} />
                  <div className="pager">
                    <span className="muted" data-testid="findings-range">
                      {t('compliance.queue.range', {
                        from: formatCount(data.total === 0 ? 0 : first + 1, language),
                        to: formatCount(first + data.items.length, language),
                        total: formatCount(data.total, language),
                      })}
                    </span>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={data.page <= 1}
                      onClick={() => setFilters({ page: data.page <= 2 ? undefined : String(data.page - 1) })}
                    >
                      {t('compliance.queue.previous')}
                    </button>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={first + data.items.length >= data.total}
                      onClick={() => setFilters({ page: String(data.page + 1) })}
                    >
                      {t('compliance.queue.next')}
                    </button>
                  </div>
                </>
              );
            }}
          </LoadingPanel>
          <ExportButtons
            path="/compliance/findings/export"
            query={exportQuery}
            fileBaseName="compliance-findings"
            label={t('compliance.queue.export')}
            testId="findings-export"
          />
        </section>
      </div>
    </div>
  );
}
