import { PERIOD_GRAINS, type PeriodGrain } from '@banca/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPoints, upliftTrendPoints } from '../../campaigns/campaign-figures';
import { campaignPath, useTrendQuery } from '../../campaigns/campaigns.queries';
import { LineChartCard } from '../../components/charts/line-chart-card';
import { LoadingPanel } from '../../components/loading-panel';
import { formatCalendarDate } from '../../format/date.format';
import { formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { CampaignExportButtons } from './export-buttons.view';

/** Cumulative uplift (with its interval) and cumulative conversion per arm, by day, week or month. */
export function UpliftTrendView({ code, grain, onGrain }: { code: string; grain: PeriodGrain; onGrain: (grain: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const grainId = useId();
  const trend = useTrendQuery(code, grain);
  const label = (period: string) => formatCalendarDate(period, language);
  const grainSelect = (
    <div className="filter">
      <label className="filter__label" htmlFor={grainId}>
        {t('campaigns.trend.grain')}
      </label>
      <select id={grainId} className="select" value={grain} onChange={(event) => onGrain(event.target.value)}>
        {PERIOD_GRAINS.map((option) => (
          <option key={option} value={option}>
            {t(`campaigns.grains.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
  const exports = <CampaignExportButtons path={`${campaignPath(code)}/metrics/trend`} query={{ grain }} fileBaseName={`${code}-trend-${grain}`} testId="trend-export" />;

  return (
    <div className="grid-2">
      <LoadingPanel query={trend} isEmpty={(data) => data.rows.length === 0} emptyMessage={t('campaigns.trend.empty')}>
        {(data) => (
          <LineChartCard
            title={t('campaigns.trend.upliftTitle')}
            description={t('campaigns.trend.upliftDescription')}
            data={upliftTrendPoints(data.rows, label)}
            series={[
              { key: 'uplift', label: t('campaigns.trend.uplift') },
              { key: 'low', label: t('campaigns.trend.low'), color: '#a5c4d4', dashed: true },
              { key: 'high', label: t('campaigns.trend.high'), color: '#a5c4d4', dashed: true },
            ]}
            formatValue={(value) => formatPoints(value, language, 2)}
            actions={grainSelect}
            footer={exports}
            testId="uplift-trend"
          />
        )}
      </LoadingPanel>
      <LoadingPanel query={trend} isEmpty={(data) => data.rows.length === 0} emptyMessage={t('campaigns.trend.empty')}>
        {(data) => (
          <LineChartCard
            title={t('campaigns.trend.conversionTitle')}
            description={t('campaigns.trend.conversionDescription')}
            data={upliftTrendPoints(data.rows, label)}
            series={[
              { key: 'treatment', label: t('campaigns.arms.treatment') },
              { key: 'holdout', label: t('campaigns.arms.holdout'), dashed: true },
            ]}
            formatValue={(value) => formatPercent(value, language, 2)}
            footer={exports}
            testId="conversion-trend"
          />
        )}
      </LoadingPanel>
    </div>
  );
}
