import { useTranslation } from 'react-i18next';
import { BarChartCard, type BarDatum } from '../../components/charts/bar-chart-card';
import { DateInput } from '../../components/date-input';
import { LoadingPanel } from '../../components/loading-panel';
import { formatCalendarDate } from '../../format/date.format';
import { formatCount, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { usePenetrationQuery } from '../../segments/segments.queries';
import type { SegmentsPageProps } from './segments-page.types';

/** Insurance penetration per tier (DATA.md): customers holding an active insurance sale / customers of the tier. */
export function PenetrationView({ filters, setFilters }: SegmentsPageProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const penetration = usePenetrationQuery({ at: filters.at, region: filters.region, branchCode: filters.branchCode });
  const percent = (value: number) => formatPercent(value / 100, language);

  // No empty state: the date control lives in the chart's header and must stay reachable.
  return (
    <LoadingPanel query={penetration}>
      {(data) => {
        // Bars in percent, so the axis ticks are whole percentages; an empty tier has no bar, not 0 %.
        const bars: BarDatum[] = data.tiers.map((row) => ({
          key: row.tier,
          label: t(`tiers.${row.tier}`),
          value: row.penetration === null ? null : row.penetration * 100,
        }));
        return (
          <BarChartCard
            title={t('segments.penetration.title')}
            description={t('segments.penetration.description', { date: formatCalendarDate(data.at, language) })}
            data={bars}
            seriesLabel={t('segments.penetration.series')}
            formatValue={percent}
            formatAxis={(value) => formatPercent(value / 100, language, 0)}
            colorByCategory
            height={260}
            actions={<DateInput label={t('segments.penetration.at')} value={filters.at ?? data.at} onChange={(at) => setFilters({ at })} />}
            footer={
              <>
                {data.total.customers === 0 && (
                  <p className="muted" role="status">
                    {t('segments.penetration.empty')}
                  </p>
                )}
                <table className="data-table" data-testid="penetration-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('segments.distribution.tier')}</th>
                      <th scope="col" className="numeric">
                        {t('segments.penetration.customers')}
                      </th>
                      <th scope="col" className="numeric">
                        {t('segments.penetration.insured')}
                      </th>
                      <th scope="col" className="numeric">
                        {t('segments.penetration.series')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.tiers.map((row) => (
                      <tr key={row.tier} data-tier={row.tier}>
                        <th scope="row">{t(`tiers.${row.tier}`)}</th>
                        <td className="numeric">{formatCount(row.customers, language)}</td>
                        <td className="numeric">{formatCount(row.insured, language)}</td>
                        <td className="numeric">{formatPercent(row.penetration, language)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('segments.distribution.total')}</th>
                      <td className="numeric">{formatCount(data.total.customers, language)}</td>
                      <td className="numeric">{formatCount(data.total.insured, language)}</td>
                      <td className="numeric">{formatPercent(data.total.penetration, language)}</td>
                    </tr>
                  </tfoot>
                </table>
              </>
            }
          />
        );
      }}
    </LoadingPanel>
  );
}
