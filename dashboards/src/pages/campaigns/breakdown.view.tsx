import { CAMPAIGN_BREAKDOWN_DIMENSIONS, TIERS, type CampaignBreakdownDimension } from '@banca/domain';
import { useTranslation } from 'react-i18next';
import { formatPoints, significanceMark } from '../../campaigns/campaign-figures';
import { campaignPath, useBreakdownQuery } from '../../campaigns/campaigns.queries';
import { LoadingPanel } from '../../components/loading-panel';
import { SectionCard } from '../../components/section-card';
import { formatCny, formatCount, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { CampaignExportButtons } from './export-buttons.view';

export interface BreakdownViewProps {
  code: string;
  by: CampaignBreakdownDimension;
  onBy: (by: string) => void;
  /** Opens the members behind a row and arm. */
  onDrill: (key: string | null, group: 'treatment' | 'holdout') => void;
}

/** Conversion per arm, uplift and premium by tier, channel, branch, staff, product or region; each row opens its members. */
export function BreakdownView({ code, by, onBy, onDrill }: BreakdownViewProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const breakdown = useBreakdownQuery(code, by);
  const count = (value: number) => formatCount(value, language);
  const percent = (value: number | null) => formatPercent(value, language);
  const keyLabel = (key: string | null) => {
    if (key === null) return t('campaigns.breakdown.notRecorded');
    const tier = by === 'tier' ? TIERS.find((candidate) => candidate === key) : undefined;
    return tier ? t(`tiers.${tier}`) : key;
  };

  return (
    <SectionCard
      titleId="breakdown-title"
      testId="campaign-breakdown"
      title={t('campaigns.breakdown.title')}
      description={t(by === 'channel' || by === 'staff' || by === 'product' ? 'campaigns.breakdown.saleDescription' : 'campaigns.breakdown.customerDescription')}
    >
      <nav className="tabs" aria-label={t('campaigns.breakdown.dimensions')}>
        {CAMPAIGN_BREAKDOWN_DIMENSIONS.map((dimension) => (
          <button
            key={dimension}
            type="button"
            className={dimension === by ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
            aria-pressed={dimension === by}
            data-testid={`breakdown-by-${dimension}`}
            onClick={() => onBy(dimension)}
          >
            {t(`campaigns.dimensions.${dimension}`)}
          </button>
        ))}
      </nav>
      <LoadingPanel query={breakdown} isEmpty={(data) => data.rows.length === 0} emptyMessage={t('campaigns.breakdown.empty')}>
        {(data) => (
          <div className="table-scroll">
            <table className="data-table data-table--compact breakdown-table" data-testid={`breakdown-table-${data.by}`}>
              <thead>
                <tr>
                  <th scope="col">{t(`campaigns.dimensions.${data.by}`)}</th>
                  <th scope="col" className="numeric">{t('campaigns.breakdown.treatment')}</th>
                  <th scope="col" className="numeric">{t('campaigns.breakdown.holdout')}</th>
                  <th scope="col" className="numeric">{t('campaigns.breakdown.conversionTreatment')}</th>
                  <th scope="col" className="numeric">{t('campaigns.breakdown.conversionHoldout')}</th>
                  <th scope="col" className="numeric">{t('campaigns.breakdown.uplift')}</th>
                  <th scope="col" className="numeric">{t('campaigns.breakdown.premium')}</th>
                  <th scope="col" className="numeric">{t('campaigns.breakdown.complaints')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.key ?? ''} data-key={row.key ?? ''}>
                    <th scope="row">{keyLabel(row.key)}</th>
                    <td className="numeric">
                      <button type="button" className="button button--link" onClick={() => onDrill(row.key, 'treatment')} title={t('campaigns.breakdown.drill')}>
                        {count(row.treatment.customers)}
                      </button>
                    </td>
                    <td className="numeric">
                      <button type="button" className="button button--link" onClick={() => onDrill(row.key, 'holdout')} title={t('campaigns.breakdown.drill')}>
                        {count(row.holdout.customers)}
                      </button>
                    </td>
                    <td className="numeric">
                      {percent(row.conversionTreatment.rate)} <span className="muted">({count(row.conversionTreatment.converted)})</span>
                    </td>
                    <td className="numeric">
                      {percent(row.conversionHoldout.rate)} <span className="muted">({count(row.conversionHoldout.converted)})</span>
                    </td>
                    <td className="numeric">
                      {formatPoints(row.uplift?.points, language)}
                      {significanceMark(row.uplift?.significant)}
                    </td>
                    <td className="numeric">{formatCny(row.treatment.premium + row.holdout.premium, language)}</td>
                    <td className="numeric">{count(row.treatment.complaints + row.holdout.complaints)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadingPanel>
      <CampaignExportButtons path={`${campaignPath(code)}/metrics/breakdown`} query={{ by }} fileBaseName={`${code}-by-${by}`} testId="breakdown-export" />
    </SectionCard>
  );
}
