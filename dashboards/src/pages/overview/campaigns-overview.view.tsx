import { KNOWN_CHANNELS, TIERS } from '@banca/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatPoints, pivotByKey } from '../../campaigns/campaign-figures';
import { useCampaignsOverviewQuery } from '../../campaigns/campaigns.queries';
import { LineChartCard } from '../../components/charts/line-chart-card';
import { KpiCard } from '../../components/kpi-card';
import { LoadingPanel } from '../../components/loading-panel';
import { SectionCard } from '../../components/section-card';
import { formatCalendarDate, formatDateTime } from '../../format/date.format';
import { MISSING } from '../../format/missing';
import { formatCny, formatCount, formatCountCompact, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import '../campaigns/campaigns.css';

/** Running campaigns at a glance: KPIs across them, before → after per campaign, converted customers by tier and channel over time. */
export function CampaignsOverview() {
  const { t } = useTranslation();
  const language = useLanguage();
  const overview = useCampaignsOverviewQuery('month');
  const percent = (value: number | null) => formatPercent(value, language);
  const month = (period: string) => formatCalendarDate(period, language);

  return (
    <SectionCard
      titleId="overview-campaigns-title"
      testId="overview-campaigns"
      title={t('campaigns.overview.title')}
      description={t('campaigns.overview.description')}
      actions={
        overview.data?.refreshedAt ? (
          <p className="muted small" data-testid="overview-campaigns-refreshed">
            {t('campaigns.detail.refreshedAt', { date: formatDateTime(overview.data.refreshedAt, language) })}
          </p>
        ) : undefined
      }
    >
      <LoadingPanel query={overview} isEmpty={(data) => data.campaigns === 0} emptyMessage={t('campaigns.overview.empty')}>
        {(data) => {
          const tierLabel = (key: string | null) => {
            const tier = TIERS.find((candidate) => candidate === key);
            return tier ? t(`tiers.${tier}`) : (key ?? t('campaigns.breakdown.notRecorded'));
          };
          const channelLabel = (key: string | null) => {
            const channel = KNOWN_CHANNELS.find((candidate) => candidate === key);
            return channel ? t(`campaigns.channels.${channel}`) : (key ?? t('campaigns.breakdown.notRecorded'));
          };
          const byTier = pivotByKey(data.trendByTier, (row) => row.converted, month);
          const byChannel = pivotByKey(data.trendByChannel, (row) => row.converted, month);
          const { kpis } = data;
          return (
            <div className="stack">
              <dl className="kpi-row campaign-kpis">
                <KpiCard label={t('campaigns.overview.kpi.campaigns')} value={formatCount(data.campaigns, language)} testId="kpi-running-campaigns" />
                <KpiCard label={t('campaigns.overview.kpi.audience')} value={`${formatCount(kpis.treatment, language)} / ${formatCount(kpis.holdout, language)}`} testId="kpi-campaign-audience" />
                <KpiCard label={t('campaigns.overview.kpi.conversion')} value={`${percent(kpis.conversionTreatment)} / ${percent(kpis.conversionHoldout)}`} testId="kpi-campaign-conversion" />
                <KpiCard label={t('campaigns.overview.kpi.uplift')} value={kpis.uplift ? `${formatPoints(kpis.uplift.points, language)}${kpis.uplift.significant ? '*' : ''}` : MISSING} testId="kpi-campaign-uplift" />
                <KpiCard label={t('campaigns.overview.kpi.premium')} value={formatCny(kpis.premium, language)} testId="kpi-campaign-premium" />
                <KpiCard label={t('campaigns.overview.kpi.feeIncome')} value={formatCny(kpis.feeIncome, language)} testId="kpi-campaign-fee-income" />
                <KpiCard label={t('campaigns.overview.kpi.spent')} value={`${formatCny(kpis.spent, language)} / ${formatCny(kpis.budget, language)}`} testId="kpi-campaign-spent" />
                <KpiCard label={t('campaigns.overview.kpi.roi')} value={percent(kpis.roi)} testId="kpi-campaign-roi" />
                <KpiCard
                  label={t('campaigns.overview.kpi.complaints')}
                  value={kpis.complaintsPer1000Sales === null ? MISSING : new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(kpis.complaintsPer1000Sales)}
                  testId="kpi-campaign-complaints"
                />
              </dl>
              <div className="table-scroll">
                <table className="data-table data-table--compact" data-testid="before-after-table">
                  <caption className="visually-hidden">{t('campaigns.overview.beforeAfter')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('campaigns.list.campaign')}</th>
                      <th scope="col" className="numeric">{t('campaigns.overview.penetration')}</th>
                      <th scope="col" className="numeric">{t('campaigns.overview.conversion')}</th>
                      <th scope="col" className="numeric">{t('campaigns.overview.aumRetention')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.beforeAfter.map((row) => (
                      <tr key={row.code} data-code={row.code}>
                        <th scope="row">
                          <Link to={`/campaigns/${encodeURIComponent(row.code)}`}>{row.name}</Link>
                        </th>
                        <td className="numeric">
                          {percent(row.penetrationBefore)} → {percent(row.penetrationAfter)}
                        </td>
                        <td className="numeric">
                          {percent(row.conversionTreatment)} / {percent(row.conversionHoldout)}
                        </td>
                        <td className="numeric">{percent(row.aumRetention)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="grid-2">
                <LineChartCard
                  title={t('campaigns.overview.byTierTitle')}
                  description={t('campaigns.overview.byTierDescription')}
                  data={byTier.points}
                  series={byTier.keys.map((key, index) => ({ key: `s${index}`, label: tierLabel(key) }))}
                  formatValue={(value) => formatCount(value, language)}
                  formatAxis={(value) => formatCountCompact(value, language)}
                  testId="overview-trend-by-tier"
                />
                <LineChartCard
                  title={t('campaigns.overview.byChannelTitle')}
                  description={t('campaigns.overview.byChannelDescription')}
                  data={byChannel.points}
                  series={byChannel.keys.map((key, index) => ({ key: `s${index}`, label: channelLabel(key) }))}
                  formatValue={(value) => formatCount(value, language)}
                  formatAxis={(value) => formatCountCompact(value, language)}
                  testId="overview-trend-by-channel"
                />
              </div>
            </div>
          );
        }}
      </LoadingPanel>
    </SectionCard>
  );
}
