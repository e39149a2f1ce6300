import type { ComplianceAlertDto } from '@banca/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingPanel } from '../../components/loading-panel';
import { SectionCard } from '../../components/section-card';
import { useAlertsQuery } from '../../compliance/compliance.queries';
import { formatMonth } from '../../compliance/figures';
import { formatDateTime } from '../../format/date.format';
import { formatCount, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import type { Language } from '../../i18n/language';
import { ExportButtons } from './export-buttons.view';

/** Rates are shares (0–1); complaint figures are per 100M CNY or per 10,000 policies. */
function formatMetric(alert: Pick<ComplianceAlertDto, 'metric'>, value: number, language: Language): string {
  switch (alert.metric) {
    case 'mismatch_rate':
    case 'cooling_off_rate':
    case 'persistency_13m':
      return formatPercent(value, language);
    case 'complaints_per_100m_premium':
    case 'complaints_per_10k_policies':
      return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
  }
}

/** What crossed which threshold when, newest first; resolved alerts on request. */
export function AlertsView({ showResolved, onShowResolved }: { showResolved: boolean; onShowResolved: (all: boolean) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const checkboxId = useId();
  const query = showResolved ? {} : { status: 'active' as const };
  const alerts = useAlertsQuery(query);

  return (
    <SectionCard
      titleId="compliance-alerts-title"
      testId="compliance-alerts"
      title={t('compliance.dashboard.alerts.title')}
      description={
        alerts.data?.lastEvaluatedAt
          ? `${t('compliance.dashboard.alerts.description')} ${t('compliance.dashboard.alerts.lastEvaluated', { date: formatDateTime(alerts.data.lastEvaluatedAt, language) })}`
          : t('compliance.dashboard.alerts.description')
      }
      actions={
        <div className="field field--check">
          <input id={checkboxId} type="checkbox" checked={showResolved} onChange={(event) => onShowResolved(event.target.checked)} />
          <label htmlFor={checkboxId}>{t('compliance.dashboard.alerts.showResolved')}</label>
        </div>
      }
    >
      <LoadingPanel query={alerts} isEmpty={(data) => data.alerts.length === 0} emptyMessage={t('compliance.dashboard.alerts.empty')}>
        {(data) => (
          <div className="table-scroll">
            <table className="data-table data-table--compact" data-testid="alerts-table">
              <thead>
                <tr>
                  <th scope="col">{t('compliance.dashboard.alerts.dimension')}</th>
                  <th scope="col">{t('compliance.dashboard.alerts.metric')}</th>
                  <th scope="col">{t('compliance.dashboard.alerts.period')}</th>
                  <th scope="col" className="numeric">{t('compliance.dashboard.alerts.value')}</th>
                  <th scope="col">{t('compliance.dashboard.alerts.threshold')}</th>
                  <th scope="col" className="numeric">{t('compliance.dashboard.alerts.sales')}</th>
                  <th scope="col">{t('compliance.dashboard.alerts.detected')}</th>
                  <th scope="col">{t('compliance.dashboard.alerts.evaluated')}</th>
                  <th scope="col">{t('compliance.dashboard.alerts.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.alerts.map((alert) => (
                  <tr key={alert.id} data-alert-id={alert.id} data-status={alert.status}>
                    <th scope="row">
                      {t(`compliance.dashboard.alerts.dimensions.${alert.dimension}`)}: {alert.dimensionKey}
                      {alert.label && <span className="rate-heat__note">{alert.label}</span>}
                    </th>
                    <td>{t(`compliance.dashboard.alerts.metrics.${alert.metric}`)}</td>
                    <td className="nowrap">{formatMonth(alert.period, language)}</td>
                    <td className="numeric is-warning">{formatMetric(alert, alert.value, language)}</td>
                    <td className="nowrap">
                      {t(alert.direction === 'above' ? 'compliance.dashboard.alerts.above' : 'compliance.dashboard.alerts.below', {
                        threshold: formatMetric(alert, alert.threshold, language),
                      })}
                    </td>
                    <td className="numeric">{formatCount(alert.sales, language)}</td>
                    <td className="nowrap">{formatDateTime(alert.firstDetectedAt, language)}</td>
                    <td className="nowrap">{formatDateTime(alert.lastEvaluatedAt, language)}</td>
                    <td>
                      {alert.status === 'active'
                        ? t('compliance.dashboard.alerts.statuses.active')
                        : t('compliance.dashboard.alerts.statuses.resolved', { date: formatDateTime(alert.resolvedAt, language) })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadingPanel>
      <ExportButtons path="/compliance/alerts" query={query} fileBaseName="compliance-alerts" testId="alerts-export" />
    </SectionCard>
  );
}
