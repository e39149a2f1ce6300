import type { AlertDimension } from '@banca/domain';
import { useTranslation } from 'react-i18next';
import { LoadingPanel } from '../../components/loading-panel';
import { SectionCard } from '../../components/section-card';
import { useDimensionFiguresQuery } from '../../compliance/compliance.queries';
import { topDimensionRows } from '../../compliance/figures';
import { formatCny, formatCount, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { ExportButtons } from './export-buttons.view';

/** Rows shown on screen; the download has every row. */
const ROWS_SHOWN = 15;

/** Mismatch, cooling-off cancellations and mis-selling complaints per staff member or campaign. */
export function DimensionTableView({ dimension, period }: { dimension: Extract<AlertDimension, 'staff' | 'campaign'>; period: { from: string; to: string } }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const query = { ...period, dimension };
  const figures = useDimensionFiguresQuery(query);
  const count = (value: number) => formatCount(value, language);
  const percent = (value: number | null) => formatPercent(value, language);
  const decimal = (value: number | null) => (value === null ? formatCount(null, language) : new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value));

  return (
    <SectionCard
      titleId={`compliance-${dimension}-title`}
      testId={`compliance-by-${dimension}`}
      title={dimension === 'staff' ? t('compliance.dashboard.dimension.staffTitle') : t('compliance.dashboard.dimension.campaignTitle')}
      description={t('compliance.dashboard.dimension.description', { dimension: t(`compliance.dashboard.dimension.dimensions.${dimension}`) })}
    >
      <LoadingPanel query={figures} isEmpty={(data) => data.rows.length === 0} emptyMessage={t('compliance.dashboard.dimension.empty')}>
        {(data) => {
          const rows = topDimensionRows(data.rows, ROWS_SHOWN);
          return (
            <>
              {rows.length < data.rows.length && <p className="muted small">{t('compliance.dashboard.dimension.top', { shown: rows.length, total: data.rows.length })}</p>}
              <div className="table-scroll">
                <table className="data-table data-table--compact" data-testid={`dimension-table-${dimension}`}>
                  <thead>
                    <tr>
                      <th scope="col">{t('compliance.dashboard.dimension.key')}</th>
                      <th scope="col" className="numeric">{t('compliance.dashboard.dimension.sales')}</th>
                      <th scope="col" className="numeric">{t('compliance.dashboard.dimension.mismatchRate')}</th>
                      <th scope="col" className="numeric">{t('compliance.dashboard.dimension.highFindings')}</th>
                      <th scope="col" className="numeric">{t('compliance.dashboard.dimension.coolingOff')}</th>
                      <th scope="col" className="numeric">{t('compliance.dashboard.dimension.coolingOffRate')}</th>
                      <th scope="col" className="numeric">{t('compliance.dashboard.dimension.complaints')}</th>
                      <th scope="col" className="numeric">{t('compliance.dashboard.dimension.premium')}</th>
                      <th scope="col" className="numeric">{t('compliance.dashboard.dimension.per100m')}</th>
                      <th scope="col" className="numeric">{t('compliance.dashboard.dimension.per10k')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.key} data-key={row.key}>
                        <th scope="row">
                          {row.key}
                          {row.label && <span className="rate-heat__note">{row.label}</span>}
                        </th>
                        <td className="numeric">{count(row.sales)}</td>
                        <td className="numeric">
                          {percent(row.mismatchRate)} <span className="muted">({count(row.salesWithFinding)})</span>
                        </td>
                        <td className="numeric">{count(row.highFindings)}</td>
                        <td className="numeric">{count(row.coolingOffCancellations)}</td>
                        <td className="numeric">{percent(row.coolingOffRate)}</td>
                        <td className="numeric">{count(row.misSellingComplaints)}</td>
                        <td className="numeric">{formatCny(row.premium, language)}</td>
                        <td className="numeric">{decimal(row.complaintsPer100mPremium)}</td>
                        <td className="numeric">{decimal(row.complaintsPer10kPolicies)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </LoadingPanel>
      <ExportButtons path="/compliance/figures/by-dimension" query={query} fileBaseName={`compliance-by-${dimension}`} testId={`${dimension}-export`} />
    </SectionCard>
  );
}
