import { useTranslation } from 'react-i18next';
import { retentionPoints } from '../../campaigns/campaign-figures';
import { campaignPath, useRetentionQuery } from '../../campaigns/campaigns.queries';
import { LineChartCard } from '../../components/charts/line-chart-card';
import { LoadingPanel } from '../../components/loading-panel';
import { formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { CampaignExportButtons } from './export-buttons.view';

/** Persistency of the converting regular-premium policies and AUM retention of the audience, by month, per arm. */
export function RetentionView({ code }: { code: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const retention = useRetentionQuery(code);
  const series = [
    { key: 'treatment', label: t('campaigns.arms.treatment') },
    { key: 'holdout', label: t('campaigns.arms.holdout'), dashed: true },
  ];
  const percent = (value: number) => formatPercent(value, language);
  const exports = <CampaignExportButtons path={`${campaignPath(code)}/metrics/retention`} fileBaseName={`${code}-retention`} testId="retention-export" />;

  return (
    <div className="grid-2">
      <LoadingPanel query={retention} isEmpty={(data) => data.persistency.length === 0} emptyMessage={t('campaigns.retention.emptyPersistency')}>
        {(data) => (
          <LineChartCard
            title={t('campaigns.retention.persistencyTitle')}
            description={t('campaigns.retention.persistencyDescription')}
            data={retentionPoints(data.persistency, 'byCount').map((point) => ({ ...point, label: t('campaigns.retention.month', { month: point.label }) }))}
            series={series}
            formatValue={percent}
            footer={exports}
            testId="persistency-curve"
          />
        )}
      </LoadingPanel>
      <LoadingPanel query={retention} isEmpty={(data) => data.aum.length === 0} emptyMessage={t('campaigns.retention.emptyAum')}>
        {(data) => (
          <LineChartCard
            title={t('campaigns.retention.aumTitle')}
            description={t('campaigns.retention.aumDescription')}
            data={retentionPoints(data.aum, 'byPremium').map((point) => ({ ...point, label: t('campaigns.retention.month', { month: point.label }) }))}
            series={series}
            formatValue={percent}
            footer={exports}
            testId="aum-curve"
          />
        )}
      </LoadingPanel>
    </div>
  );
}
