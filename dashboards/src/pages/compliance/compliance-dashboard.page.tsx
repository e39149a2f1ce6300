import { useTranslation } from 'react-i18next';
import { DateInput } from '../../components/date-input';
import { KpiCard } from '../../components/kpi-card';
import { dashboardFiltersSchema, figuresPeriod, isOrderedRange } from '../../compliance/compliance-filters';
import { useAlertsQuery, useFindingsQuery, useMismatchTrendQuery, useScansQuery } from '../../compliance/compliance.queries';
import { openFindings, periodMismatchRate } from '../../compliance/figures';
import { useUrlFilters } from '../../filters/use-url-filters';
import { formatDateTime, reportingDate } from '../../format/date.format';
import { MISSING } from '../../format/missing';
import { formatCount, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { useDocumentTitle } from '../../i18n/use-document-title';
import { AlertsView } from './alerts.view';
import { ComplianceHeader } from './compliance-header.view';
import { DimensionTableView } from './dimension-table.view';
import { HeatmapView } from './heatmap.view';
import { TrendsView } from './trends.view';
import './compliance.css';

/** The compliance dashboard: KPIs, mismatch trends, the branch × rule heatmap, staff and campaign tables, alerts. */
export function ComplianceDashboardPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { filters, setFilters } = useUrlFilters(dashboardFiltersSchema);
  const period = figuresPeriod(filters, reportingDate(new Date()));
  const periodOk = isOrderedRange(period);
  const scans = useScansQuery();
  const open = useFindingsQuery({ page: 1, pageSize: 1 });
  const highOpen = useFindingsQuery({ severity: 'high', page: 1, pageSize: 1 });
  const trend = useMismatchTrendQuery(period, periodOk);
  const activeAlerts = useAlertsQuery({ status: 'active' });
  useDocumentTitle(t('compliance.dashboard.title'));

  const lastScan = scans.data?.scans.find((scan) => scan.finishedAt !== null)?.finishedAt ?? trend.data?.lastScanAt ?? null;
  const count = (value: number | undefined) => (value === undefined ? MISSING : formatCount(value, language));

  return (
    <div className="page compliance">
      <ComplianceHeader
        title={t('compliance.dashboard.title')}
        intro={t('compliance.dashboard.intro')}
        aside={
          <p className="muted compliance-last-scan" data-testid="last-scan">
            {lastScan ? t('compliance.dashboard.lastScan', { date: formatDateTime(lastScan, language) }) : scans.data ? t('compliance.dashboard.lastScanNone') : ''}
          </p>
        }
      />
      <div className="stack">
        <form className="filters filters--bar" aria-label={t('compliance.dashboard.period.label')} onSubmit={(event) => event.preventDefault()}>
          <DateInput label={t('compliance.dashboard.period.from')} value={period.from} max={period.to} onChange={(from) => setFilters({ from })} />
          <DateInput
            label={t('compliance.dashboard.period.to')}
            value={period.to}
            min={period.from}
            onChange={(to) => setFilters({ to })}
            error={periodOk ? undefined : t('compliance.dashboard.period.order')}
          />
        </form>
        <dl className="kpi-row compliance-kpis">
          <KpiCard label={t('compliance.dashboard.kpi.openFindings')} value={count(open.data && openFindings(open.data.statusCounts))} testId="kpi-open-findings" />
          <KpiCard label={t('compliance.dashboard.kpi.highOpen')} value={count(highOpen.data && openFindings(highOpen.data.statusCounts))} testId="kpi-high-open" />
          <KpiCard
            label={t('compliance.dashboard.kpi.mismatchRate')}
            value={trend.data ? formatPercent(periodMismatchRate(trend.data.months), language) : MISSING}
            testId="kpi-mismatch-rate"
          />
          <KpiCard label={t('compliance.dashboard.kpi.activeAlerts')} value={count(activeAlerts.data?.alerts.length)} testId="kpi-active-alerts" />
        </dl>
        <TrendsView trend={trend} period={period} trendRule={filters.trendRule} onTrendRule={(trendRule) => setFilters({ trendRule })} />
        {periodOk && <HeatmapView period={period} />}
        {periodOk && (
          <div className="grid-2">
            <DimensionTableView dimension="staff" period={period} />
            <DimensionTableView dimension="campaign" period={period} />
          </div>
        )}
        <AlertsView showResolved={filters.alerts === 'all'} onShowResolved={(all) => setFilters({ alerts: all ? 'all' : undefined })} />
      </div>
    </div>
  );
}
