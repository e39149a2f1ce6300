import type { TierCountsResponse } from '@banca/contracts';
import { TIERS } from '@banca/domain';
import { useTranslation } from 'react-i18next';
import { BarChartCard, type BarDatum } from '../../components/charts/bar-chart-card';
import { chartColor } from '../../components/charts/chart-theme';
import { KpiCard } from '../../components/kpi-card';
import { formatDateTime } from '../../format/date.format';
import { formatCount, formatCountCompact, formatPercent, shareOf } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';

/** Total, rule version, computation time and the customers-per-tier chart of one tier counts answer. */
export function TierSummary({ data }: { data: TierCountsResponse }) {
  const { t } = useTranslation();
  const language = useLanguage();

  // Always the three tiers in rule order, a tier without customers as a zero bar rather than a gap.
  const bars: (BarDatum & { value: number })[] = TIERS.map((tier) => ({
    key: tier,
    label: t(`tiers.${tier}`),
    value: data.tiers.find((row) => row.tier === tier)?.customers ?? 0,
  }));

  return (
    <div className="overview">
      <dl className="kpi-row">
        <KpiCard label={t('overview.kpi.totalCustomers')} value={formatCount(data.total, language)} testId="kpi-total-customers" />
        <KpiCard
          label={t('overview.kpi.ruleVersion')}
          value={data.ruleVersion === null ? t('overview.kpi.notComputed') : t('overview.kpi.ruleVersionValue', { version: data.ruleVersion })}
          testId="kpi-rule-version"
        />
        <KpiCard
          label={t('overview.kpi.computedAt')}
          value={data.computedAt === null ? t('overview.kpi.notComputed') : formatDateTime(data.computedAt, language)}
          textual
          testId="kpi-computed-at"
        />
      </dl>
      <BarChartCard
        title={t('overview.tierChart.title')}
        description={t('overview.tierChart.description')}
        data={bars}
        seriesLabel={t('overview.tierChart.series')}
        formatValue={(value) => formatCount(value, language)}
        formatAxis={(value) => formatCountCompact(value, language)}
        colorByCategory
        footer={
          <table className="data-table" data-testid="tier-table">
            <thead>
              <tr>
                <th scope="col">{t('overview.tierChart.tier')}</th>
                <th scope="col" className="numeric">
                  {t('overview.tierChart.series')}
                </th>
                <th scope="col" className="numeric">
                  {t('overview.tierChart.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {bars.map((bar, index) => (
                <tr key={bar.key} data-tier={bar.key}>
                  <th scope="row">
                    <span className="swatch" style={{ background: chartColor(index) }} aria-hidden="true" />
                    {bar.label}
                  </th>
                  <td className="numeric">{formatCount(bar.value, language)}</td>
                  <td className="numeric">{formatPercent(shareOf(bar.value, data.total), language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </div>
  );
}
