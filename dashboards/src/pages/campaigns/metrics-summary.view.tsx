import type { CampaignMetricsDto } from '@banca/contracts';
import { useTranslation } from 'react-i18next';
import { armConversions, formatPoints, formatPValue, formatRange, formatSignedPercent, upliftVerdict } from '../../campaigns/campaign-figures';
import { BarChartCard } from '../../components/charts/bar-chart-card';
import { KpiCard } from '../../components/kpi-card';
import { SectionCard } from '../../components/section-card';
import { MISSING } from '../../format/missing';
import { formatCny, formatCount, formatCountCompact, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { ConversionChart } from './conversion-chart.view';

/** Headline KPIs, the funnel, treatment vs holdout conversion with intervals, and the uplift with its test. */
export function MetricsSummary({ metrics }: { metrics: CampaignMetricsDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const count = (value: number | null) => formatCount(value, language);
  const percent = (value: number | null) => formatPercent(value, language);
  const percent2 = (value: number) => formatPercent(value, language, 2);
  const arms = armConversions(metrics.conversion).map((arm) => ({ ...arm, label: t(`campaigns.arms.${arm.arm}`) }));
  const { uplift, sampleRatio } = metrics;
  const verdict = upliftVerdict(uplift);
  const funnel = (['targeted', 'eligible', 'treatment', 'contacted', 'responded', 'converted'] as const).map((step) => ({
    key: step,
    label: t(`campaigns.funnel.${step}`),
    value: metrics.funnel[step],
  }));

  return (
    <>
      <dl className="kpi-row campaign-kpis" data-testid="campaign-kpis">
        <KpiCard label={t('campaigns.kpi.conversionTreatment')} value={percent(metrics.conversion.treatment.rate)} testId="kpi-conversion-treatment" />
        <KpiCard label={t('campaigns.kpi.conversionHoldout')} value={percent(metrics.conversion.holdout.rate)} testId="kpi-conversion-holdout" />
        <KpiCard label={t('campaigns.kpi.uplift')} value={metrics.hasHoldout ? formatPoints(uplift?.points, language) : t('campaigns.kpi.noHoldout')} textual={!metrics.hasHoldout} testId="kpi-uplift" />
        <KpiCard label={t('campaigns.kpi.incrementalSales')} value={metrics.incrementalSales === null ? MISSING : new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(metrics.incrementalSales)} testId="kpi-incremental" />
        <KpiCard label={t('campaigns.kpi.premium')} value={formatCny(metrics.money.premium, language)} testId="kpi-premium" />
        <KpiCard label={t('campaigns.kpi.roi')} value={percent(metrics.money.roi)} testId="kpi-roi" />
        <KpiCard label={t('campaigns.kpi.cpa')} value={formatCny(metrics.money.costPerAcquisition, language)} testId="kpi-cpa" />
        {metrics.goal && (
          <KpiCard
            label={t('campaigns.kpi.goal', { metric: t(`campaigns.goalMetrics.${metrics.goal.metric}`) })}
            value={formatPercent(metrics.goal.progress, language, 0)}
            testId="kpi-goal"
          />
        )}
      </dl>

      <div className="grid-2">
        <BarChartCard
          title={t('campaigns.funnel.title')}
          description={t('campaigns.funnel.description')}
          data={funnel}
          seriesLabel={t('campaigns.funnel.series')}
          formatValue={(value) => formatCount(value, language)}
          formatAxis={(value) => formatCountCompact(value, language)}
          footer={
            <table className="data-table data-table--compact" data-testid="funnel-table">
              <tbody>
                {funnel.map((step) => (
                  <tr key={step.key} data-step={step.key}>
                    <th scope="row">{step.label}</th>
                    <td className="numeric">{count(step.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
        <ConversionChart
          title={t('campaigns.conversion.title')}
          description={t('campaigns.conversion.description')}
          arms={arms}
          formatRate={percent2}
          seriesLabel={t('campaigns.conversion.rate')}
          footer={
            <table className="data-table data-table--compact" data-testid="conversion-table">
              <thead>
                <tr>
                  <th scope="col">{t('campaigns.conversion.arm')}</th>
                  <th scope="col" className="numeric">{t('campaigns.conversion.customers')}</th>
                  <th scope="col" className="numeric">{t('campaigns.conversion.converted')}</th>
                  <th scope="col" className="numeric">{t('campaigns.conversion.rate')}</th>
                  <th scope="col" className="numeric">{t('campaigns.conversion.interval')}</th>
                </tr>
              </thead>
              <tbody>
                {arms.map((arm) => (
                  <tr key={arm.arm} data-arm={arm.arm}>
                    <th scope="row">{arm.label}</th>
                    <td className="numeric" data-column="customers">{count(arm.customers)}</td>
                    <td className="numeric" data-column="converted">{count(arm.converted)}</td>
                    <td className="numeric" data-column="rate">{formatPercent(arm.rate, language, 2)}</td>
                    <td className="numeric conversion-range" data-column="interval">{formatRange(arm.low, arm.high, percent2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </div>

      <SectionCard titleId="uplift-title" testId="uplift" title={t('campaigns.uplift.title')} description={t('campaigns.uplift.description')}>
        {!metrics.hasHoldout ? (
          <p className="muted" data-testid="uplift-unavailable">{t('campaigns.uplift.noHoldout')}</p>
        ) : uplift === null ? (
          <p className="muted" data-testid="uplift-unavailable">{t('campaigns.uplift.emptyArm')}</p>
        ) : (
          <dl className="facts">
            <div>
              <dt>{t('campaigns.uplift.points')}</dt>
              <dd className={`uplift-figure uplift--${verdict}`} data-testid="uplift-points">{formatPoints(uplift.points, language, 2)}</dd>
            </div>
            <div>
              <dt>{t('campaigns.uplift.interval')}</dt>
              <dd data-testid="uplift-interval">{formatRange(uplift.low, uplift.high, (value) => formatPoints(value, language, 2))}</dd>
            </div>
            <div>
              <dt>{t('campaigns.uplift.relative')}</dt>
              <dd>{formatSignedPercent(uplift.relative, language)}</dd>
            </div>
            <div>
              <dt>{t('campaigns.uplift.pValue')}</dt>
              <dd data-testid="uplift-p">{formatPValue(uplift.pValue, language)}</dd>
            </div>
            <div>
              <dt>{t('campaigns.uplift.verdict')}</dt>
              <dd data-testid="uplift-verdict">{t(`campaigns.uplift.verdicts.${verdict}`)}</dd>
            </div>
          </dl>
        )}
        {sampleRatio && (
          <p className={sampleRatio.flagged ? 'notice notice--warning' : 'muted small'} data-testid="sample-ratio" data-flagged={sampleRatio.flagged}>
            {t(sampleRatio.flagged ? 'campaigns.uplift.srmFlagged' : 'campaigns.uplift.srmOk', {
              expected: formatPercent(sampleRatio.expectedHoldoutShare, language),
              observed: formatPercent(sampleRatio.observedHoldoutShare, language, 2),
              p: formatPValue(sampleRatio.pValue, language),
            })}
          </p>
        )}
      </SectionCard>
    </>
  );
}
