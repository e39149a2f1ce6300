import type { ArmOutcomeDto, CampaignMetricsDto } from '@banca/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SectionCard } from '../../components/section-card';
import { formatCny, formatCount, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';

/** Complaints, cancellations, persistency, AUM retention and penetration before → after, treatment beside holdout. */
export function OutcomesView({ metrics }: { metrics: CampaignMetricsDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const count = (value: number | null) => formatCount(value, language);
  const percent = (value: number | null) => formatPercent(value, language);
  const decimal = (value: number | null) => (value === null ? count(null) : new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value));
  const rows: { key: string; label: string; value: (arm: ArmOutcomeDto) => ReactNode }[] = [
    { key: 'sales', label: t('campaigns.outcomes.sales'), value: (arm) => count(arm.sales) },
    { key: 'premium', label: t('campaigns.outcomes.premium'), value: (arm) => formatCny(arm.premium, language) },
    { key: 'complaints', label: t('campaigns.outcomes.complaints'), value: (arm) => count(arm.complaints) },
    { key: 'misSelling', label: t('campaigns.outcomes.misSelling'), value: (arm) => count(arm.misSellingComplaints) },
    { key: 'per1000', label: t('campaigns.outcomes.per1000'), value: (arm) => decimal(arm.complaintsPer1000Sales) },
    { key: 'per100m', label: t('campaigns.outcomes.per100m'), value: (arm) => decimal(arm.complaintsPer100mPremium) },
    { key: 'coolingOff', label: t('campaigns.outcomes.coolingOff'), value: (arm) => `${count(arm.coolingOffCancelled)} (${percent(arm.coolingOffRate)})` },
    { key: 'surrendered', label: t('campaigns.outcomes.surrendered'), value: (arm) => `${count(arm.surrendered)} (${percent(arm.surrenderRate)})` },
    {
      key: 'persistency',
      label: t('campaigns.outcomes.persistency'),
      value: (arm) => t('campaigns.outcomes.persistencyValue', { byCount: percent(arm.persistency13m.byCount), byPremium: percent(arm.persistency13m.byPremium), due: count(arm.persistency13m.due) }),
    },
    { key: 'aum', label: t('campaigns.outcomes.aumRetention'), value: (arm) => percent(arm.aumRetention) },
    { key: 'penetration', label: t('campaigns.outcomes.penetration'), value: (arm) => `${percent(arm.penetrationBefore)} → ${percent(arm.penetrationAfter)}` },
    { key: 'optedOut', label: t('campaigns.outcomes.optedOut'), value: (arm) => count(arm.optedOut) },
  ];

  return (
    <SectionCard titleId="outcomes-title" testId="campaign-outcomes" title={t('campaigns.outcomes.title')} description={t('campaigns.outcomes.description')}>
      <div className="table-scroll">
        <table className="data-table data-table--compact" data-testid="outcomes-table">
          <thead>
            <tr>
              <th scope="col">{t('campaigns.outcomes.figure')}</th>
              <th scope="col" className="numeric">{t('campaigns.arms.treatment')}</th>
              <th scope="col" className="numeric">{t('campaigns.arms.holdout')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-figure={row.key}>
                <th scope="row">{row.label}</th>
                <td className="numeric">{row.value(metrics.treatment)}</td>
                <td className="numeric">{row.value(metrics.holdout)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </SectionCard>
  );
}
