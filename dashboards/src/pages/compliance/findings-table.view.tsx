import type { FindingSummaryDto } from '@banca/contracts';
import { BULK_REVIEW_SEVERITIES, OPEN_FINDING_STATUSES } from '@banca/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { findingFactsText } from '../../compliance/finding-facts';
import { formatCalendarDate } from '../../format/date.format';
import { MISSING } from '../../format/missing';
import { useLanguage } from '../../i18n/i18n';
import { FindingStatusBadge, SeverityBadge } from './badges.view';

/** A finding that may be decided in bulk: low or info severity, still open for a decision. */
export function isBulkDecidable(finding: Pick<FindingSummaryDto, 'severity' | 'status'>): boolean {
  return BULK_REVIEW_SEVERITIES.includes(finding.severity) && OPEN_FINDING_STATUSES.includes(finding.status);
}

export interface FindingsTableProps {
  findings: readonly FindingSummaryDto[];
  /** Present for reviewers who may decide in bulk; readers see no selection column. */
  selection?: { selected: ReadonlySet<string>; toggle: (id: string) => void; setAll: (ids: string[], on: boolean) => void };
}

export function FindingsTable({ findings, selection }: FindingsTableProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const selectable = findings.filter(isBulkDecidable).map((finding) => finding.id);
  const allSelected = selection !== undefined && selectable.length > 0 && selectable.every((id) => selection.selected.has(id));

  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact findings-table" data-testid="findings-table">
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="findings-table__select">
                <input
                  type="checkbox"
                  aria-label={t('compliance.queue.selectAll')}
                  title={t('compliance.queue.selectAll')}
                  checked={allSelected}
                  disabled={selectable.length === 0}
                  onChange={(event) => selection.setAll(selectable, event.target.checked)}
                />
              </th>
            )}
            <th scope="col">{t('compliance.queue.columns.rule')}</th>
            <th scope="col">{t('compliance.queue.columns.severity')}</th>
            <th scope="col">{t('compliance.queue.columns.status')}</th>
            <th scope="col">{t('compliance.queue.columns.soldAt')}</th>
            <th scope="col">{t('compliance.queue.columns.product')}</th>
            <th scope="col">{t('compliance.queue.columns.branch')}</th>
            <th scope="col">{t('compliance.queue.columns.staff')}</th>
            <th scope="col">{t('compliance.queue.columns.campaign')}</th>
            <th scope="col">{t('compliance.queue.columns.facts')}</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => (
            <tr key={finding.id} data-finding-id={finding.id} className={selection?.selected.has(finding.id) ? 'is-selected' : undefined}>
              {selection && (
                <td className="findings-table__select">
                  {isBulkDecidable(finding) && (
                    <input
                      type="checkbox"
                      aria-label={t('compliance.queue.selectRow', { id: finding.saleId })}
                      checked={selection.selected.has(finding.id)}
                      onChange={() => selection.toggle(finding.id)}
                    />
                  )}
                </td>
              )}
              <th scope="row">
                <Link to={`/compliance/findings/${finding.id}`} title={t('compliance.queue.open')} className="findings-table__rule">
                  {t(`compliance.rules.${finding.ruleCode}`)}
                </Link>
                <code className="findings-table__code">{finding.ruleCode}</code>
              </th>
              <td>
                <SeverityBadge severity={finding.severity} />
              </td>
              <td>
                <FindingStatusBadge status={finding.status} />
              </td>
              <td className="nowrap">{formatCalendarDate(finding.soldAt, language)}</td>
              <td>{finding.productCode}</td>
              <td>{finding.branchCode ?? MISSING}</td>
              <td>{finding.staffCode ?? MISSING}</td>
              <td>{finding.campaignCode ?? MISSING}</td>
              <td className="findings-table__facts">{findingFactsText(finding.ruleCode, finding.facts, t, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
