import type { CompletenessGroup, CompletenessQuery } from '@banca/contracts';
import { useTranslation } from 'react-i18next';
import { LoadingPanel } from '../../components/loading-panel';
import { formatCount, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { useCompletenessQuery } from '../../segments/segments.queries';
import { SectionCard } from '../../components/section-card';

/** The inputs of tiering and suitability; `any` is a customer missing at least one of them. */
const SHOWN = ['income', 'investableAssets', 'riskLevel', 'any'] as const;

/** Customers tiered on what is known (PRODUCT.md), and how many lack an input. */
export function CompletenessView({ place }: { place: CompletenessQuery }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const completeness = useCompletenessQuery(place);

  const cells = (group: CompletenessGroup) =>
    SHOWN.map((field) => (
      <td key={field} className="numeric" data-field={field}>
        {formatPercent(group.shares[field], language)}
        <span className="muted"> · {formatCount(group.missing[field], language)}</span>
      </td>
    ));

  return (
    <SectionCard titleId="completeness-title" testId="completeness" title={t('segments.completeness.title')} description={t('segments.completeness.description')}>
      <LoadingPanel query={completeness} isEmpty={(data) => data.overall.customers === 0} emptyMessage={t('segments.completeness.empty')}>
        {(data) => (
          <div className="table-scroll">
            <table className="data-table data-table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('segments.distribution.tier')}</th>
                  <th scope="col" className="numeric">
                    {t('segments.distribution.series')}
                  </th>
                  {SHOWN.map((field) => (
                    <th key={field} scope="col" className="numeric">
                      {t(`segments.completeness.fields.${field}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.tiers.map((row) => (
                  <tr key={row.tier} data-tier={row.tier}>
                    <th scope="row">{t(`tiers.${row.tier}`)}</th>
                    <td className="numeric">{formatCount(row.customers, language)}</td>
                    {cells(row)}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr data-tier="all">
                  <th scope="row">{t('segments.distribution.total')}</th>
                  <td className="numeric">{formatCount(data.overall.customers, language)}</td>
                  {cells(data.overall)}
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </LoadingPanel>
    </SectionCard>
  );
}
