import { TIERS } from '@banca/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BarChartCard, type BarDatum } from '../../components/charts/bar-chart-card';
import { StackedBarChartCard, type StackedDatum } from '../../components/charts/stacked-bar-chart-card';
import { LoadingPanel } from '../../components/loading-panel';
import { formatCount, formatCountCompact, formatPercent, shareOf } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { useTierBreakdownQuery, useTierCountsQuery } from '../../segments/segments.queries';
import { breakdownBy } from './segments-filters';
import type { SegmentsPageProps } from './segments-page.types';

/** Regions or branches drawn in the breakdown chart: the largest, so the bars stay readable. */
const BREAKDOWN_BARS = 12;

export function TierDistributionView({ filters, setFilters }: SegmentsPageProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const byId = useId();
  const counts = useTierCountsQuery({ region: filters.region, branchCode: filters.branchCode });
  const by = breakdownBy(filters);
  const breakdown = useTierBreakdownQuery({ by, region: filters.region });
  const series = TIERS.map((tier) => ({ key: tier, label: t(`tiers.${tier}`) }));
  const count = (value: number) => formatCount(value, language);
  const compact = (value: number) => formatCountCompact(value, language);

  return (
    <div className="grid-2">
      <LoadingPanel query={counts} isEmpty={(data) => data.total === 0} emptyMessage={t('segments.distribution.empty')}>
        {(data) => {
          const bars: (BarDatum & { value: number })[] = TIERS.map((tier) => ({
            key: tier,
            label: t(`tiers.${tier}`),
            value: data.tiers.find((row) => row.tier === tier)?.customers ?? 0,
          }));
          return (
            <BarChartCard
              title={t('segments.distribution.title')}
              description={t('segments.distribution.description', { place: placeLabel(filters.region, filters.branchCode, t('segments.filters.everywhere')) })}
              data={bars}
              seriesLabel={t('segments.distribution.series')}
              formatValue={count}
              formatAxis={compact}
              colorByCategory
              footer={
                <table className="data-table" data-testid="segments-tier-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('segments.distribution.tier')}</th>
                      <th scope="col" className="numeric">
                        {t('segments.distribution.series')}
                      </th>
                      <th scope="col" className="numeric">
                        {t('segments.distribution.share')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {bars.map((bar) => (
                      <tr key={bar.key} data-tier={bar.key}>
                        <th scope="row">{bar.label}</th>
                        <td className="numeric">{count(bar.value)}</td>
                        <td className="numeric">{formatPercent(shareOf(bar.value, data.total), language)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t('segments.distribution.total')}</th>
                      <td className="numeric" data-testid="segments-tier-total">
                        {count(data.total)}
                      </td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              }
            />
          );
        }}
      </LoadingPanel>
      <LoadingPanel query={breakdown} isEmpty={(data) => data.rows.length === 0} emptyMessage={t('segments.breakdown.empty')}>
        {(data) => {
          const shown = data.rows.slice(0, BREAKDOWN_BARS);
          const bars: StackedDatum[] = shown.map((row) => ({
            key: row.key ?? '',
            label: row.key ?? t('segments.breakdown.notRecorded'),
            values: row.tiers,
          }));
          return (
            <StackedBarChartCard
              title={by === 'region' ? t('segments.breakdown.titleRegion') : t('segments.breakdown.titleBranch')}
              description={
                data.rows.length > shown.length
                  ? t('segments.breakdown.descriptionTop', { shown: shown.length, total: data.rows.length })
                  : t('segments.breakdown.description')
              }
              data={bars}
              series={series}
              formatValue={count}
              formatAxis={compact}
              testId="tier-breakdown"
              onSelect={(key) => {
                if (key === '') return;
                if (by === 'region') setFilters({ region: key, branchCode: undefined });
                else setFilters({ branchCode: key });
              }}
              actions={
                <div className="filter">
                  <label className="filter__label" htmlFor={byId}>
                    {t('segments.breakdown.by')}
                  </label>
                  <select
                    id={byId}
                    className="select select--narrow"
                    value={by}
                    onChange={(event) => setFilters({ by: event.target.value })}
                  >
                    <option value="region">{t('segments.breakdown.byRegion')}</option>
                    <option value="branch">{t('segments.breakdown.byBranch')}</option>
                  </select>
                </div>
              }
            />
          );
        }}
      </LoadingPanel>
    </div>
  );
}

function placeLabel(region: string | undefined, branchCode: string | undefined, everywhere: string): string {
  return [region, branchCode].filter(Boolean).join(' · ') || everywhere;
}
