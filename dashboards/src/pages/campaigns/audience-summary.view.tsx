import type { AudienceSummaryDto } from '@banca/contracts';
import { useTranslation } from 'react-i18next';
import { exclusionRows } from '../../campaigns/campaign-figures';
import { formatCalendarDate, formatDateTime } from '../../format/date.format';
import { formatCount, formatPercent, shareOf } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';

/** What a launch built: status, targeted → eligible → treatment / holdout, and the customers left out per reason. */
export function AudienceSummary({ audience }: { audience: AudienceSummaryDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const count = (value: number) => formatCount(value, language);
  const exclusions = exclusionRows(audience.excluded);

  return (
    <div className="stack stack--tight" data-testid="audience-summary" data-audience-status={audience.status}>
      <p>
        <span className={`status status--inline status--${audience.status === 'built' ? 'completed' : audience.status === 'failed' ? 'failed' : audience.status === 'building' ? 'running' : 'queued'}`} data-testid="audience-status">
          {t(`campaigns.audienceStatuses.${audience.status}`)}
        </span>{' '}
        {audience.status === 'building' && <span className="spinner" aria-hidden="true" />}
        {audience.builtAt && <span className="muted">{t('campaigns.audience.builtAt', { date: formatDateTime(audience.builtAt, language) })}</span>}
        {audience.decidedOn && <span className="muted"> · {t('campaigns.audience.decidedOn', { date: formatCalendarDate(audience.decidedOn, language) })}</span>}
      </p>
      {audience.error && <p className="field__error">{audience.error}</p>}
      {audience.status === 'built' && (
        <>
          <dl className="kpi-row">
            <div className="card kpi">
              <dt className="kpi__label">{t('campaigns.audience.targeted')}</dt>
              <dd className="kpi__value" data-testid="audience-targeted">{count(audience.targeted)}</dd>
            </div>
            <div className="card kpi">
              <dt className="kpi__label">{t('campaigns.audience.eligible')}</dt>
              <dd className="kpi__value" data-testid="audience-eligible">{count(audience.eligible)}</dd>
            </div>
            <div className="card kpi">
              <dt className="kpi__label">{t('campaigns.audience.treatment')}</dt>
              <dd className="kpi__value" data-testid="audience-treatment">{count(audience.treatment)}</dd>
            </div>
            <div className="card kpi">
              <dt className="kpi__label">{t('campaigns.audience.holdout')}</dt>
              <dd className="kpi__value" data-testid="audience-holdout">{count(audience.holdout)}</dd>
            </div>
          </dl>
          <table className="data-table data-table--compact exclusions" data-testid="exclusion-table">
            <caption className="visually-hidden">{t('campaigns.audience.exclusionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('campaigns.audience.reason')}</th>
                <th scope="col" className="numeric">{t('campaigns.audience.excluded')}</th>
                <th scope="col" className="numeric">{t('campaigns.audience.shareOfTargeted')}</th>
              </tr>
            </thead>
            <tbody>
              {exclusions.rows.map((row) => (
                <tr key={row.reason} data-reason={row.reason}>
                  <th scope="row">{t(`campaigns.exclusionReasons.${row.reason}`)}</th>
                  <td className="numeric">{count(row.count)}</td>
                  <td className="numeric">{formatPercent(shareOf(row.count, audience.targeted), language)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-reason="total">
                <th scope="row">{t('campaigns.audience.totalExcluded')}</th>
                <td className="numeric">{count(exclusions.total)}</td>
                <td className="numeric">{formatPercent(shareOf(exclusions.total, audience.targeted), language)}</td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </div>
  );
}
