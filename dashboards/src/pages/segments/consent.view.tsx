import type { ConsentQuery } from '@banca/contracts';
import { useTranslation } from 'react-i18next';
import { KpiCard } from '../../components/kpi-card';
import { LoadingPanel } from '../../components/loading-panel';
import { formatCount, formatPercent, shareOf } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { useConsentQuery } from '../../segments/segments.queries';
import { SectionCard } from '../../components/section-card';

const ANSWERS = ['granted', 'refused', 'unknown'] as const;
const CONSENTS = ['dataSharing', 'marketing'] as const;

/** DATA.md: only customers who consented to data sharing may be used across partners. */
export function ConsentView({ place }: { place: ConsentQuery }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const consent = useConsentQuery(place);
  const count = (value: number) => formatCount(value, language);

  return (
    <SectionCard titleId="consent-title" testId="consent" title={t('segments.consent.title')} description={t('segments.consent.description')}>
      <LoadingPanel query={consent} isEmpty={(data) => data.customers === 0} emptyMessage={t('segments.consent.empty')}>
        {(data) => (
          <div className="stack stack--tight">
            <dl className="kpi-row">
              <KpiCard
                label={t('segments.consent.excluded')}
                value={`${count(data.excludedFromCrossPartnerUse)} · ${formatPercent(shareOf(data.excludedFromCrossPartnerUse, data.customers), language)}`}
                testId="consent-excluded"
              />
            </dl>
            <table className="data-table data-table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('segments.consent.consent')}</th>
                  {ANSWERS.map((answer) => (
                    <th key={answer} scope="col" className="numeric">
                      {t(`segments.consent.answers.${answer}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {CONSENTS.map((kind) => (
                  <tr key={kind} data-consent={kind}>
                    <th scope="row">{t(`segments.consent.kinds.${kind}`)}</th>
                    {ANSWERS.map((answer) => (
                      <td key={answer} className="numeric">
                        {count(data[kind][answer])}
                        <span className="muted"> · {formatPercent(shareOf(data[kind][answer], data.customers), language)}</span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="data-table data-table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('segments.distribution.tier')}</th>
                  <th scope="col" className="numeric">
                    {t('segments.distribution.series')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('segments.consent.excludedShort')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.tiers.map((row) => (
                  <tr key={row.tier}>
                    <th scope="row">{t(`tiers.${row.tier}`)}</th>
                    <td className="numeric">{count(row.customers)}</td>
                    <td className="numeric">
                      {count(row.excludedFromCrossPartnerUse)}
                      <span className="muted"> · {formatPercent(shareOf(row.excludedFromCrossPartnerUse, row.customers), language)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadingPanel>
    </SectionCard>
  );
}
