import type { MismatchTrendResponse } from '@banca/contracts';
import { RULE_CODES, SEVERITIES, type RuleCode } from '@banca/domain';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/api-error';
import { LineChartCard, type LinePoint } from '../../components/charts/line-chart-card';
import { LoadingPanel } from '../../components/loading-panel';
import { busiestRule, formatMonth } from '../../compliance/figures';
import { formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { ExportButtons } from './export-buttons.view';

/** Severity colours of the trend lines, darkest for high (readable in grey scale too). */
const SEVERITY_COLORS = { high: '#a4262c', medium: '#c08a3e', low: '#3f8fa8', info: '#a5c4d4' } as const;

export interface TrendsViewProps {
  trend: UseQueryResult<MismatchTrendResponse, ApiError>;
  period: { from: string; to: string };
  trendRule: RuleCode | undefined;
  onTrendRule: (rule: string | undefined) => void;
}

/** Mismatch rate per month by severity and, for one chosen rule, by rule. */
export function TrendsView({ trend, period, trendRule, onTrendRule }: TrendsViewProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const ruleSelectId = useId();
  const percent = (value: number) => formatPercent(value, language);
  const exports = <ExportButtons path="/compliance/figures/mismatch-trend" query={period} fileBaseName="compliance-mismatch-trend" testId="trend-export" />;

  return (
    <div className="grid-2">
      <LoadingPanel query={trend} isEmpty={(data) => data.months.every((month) => month.sales === 0)} emptyMessage={t('compliance.dashboard.trend.empty')}>
        {(data) => {
          const points: LinePoint[] = data.months.map((month) => ({
            key: month.month,
            label: formatMonth(month.month, language),
            values: {
              ...Object.fromEntries(SEVERITIES.map((severity) => [severity, month.bySeverity.find((row) => row.severity === severity)?.rate ?? null])),
              overall: month.mismatchRate,
            },
          }));
          const series = [
            ...[...SEVERITIES].reverse().map((severity) => ({ key: severity, label: t(`compliance.severities.${severity}`), color: SEVERITY_COLORS[severity] })),
            { key: 'overall', label: t('compliance.dashboard.trend.overall'), color: '#1d4e89', dashed: true },
          ];
          return (
            <LineChartCard
              title={t('compliance.dashboard.trend.severityTitle')}
              description={t('compliance.dashboard.trend.severityDescription')}
              data={points}
              series={series}
              formatValue={percent}
              testId="trend-by-severity"
              footer={exports}
            />
          );
        }}
      </LoadingPanel>
      <LoadingPanel query={trend} isEmpty={(data) => data.months.every((month) => month.sales === 0)} emptyMessage={t('compliance.dashboard.trend.empty')}>
        {(data) => {
          const rule = trendRule ?? busiestRule(data.months) ?? RULE_CODES[0];
          const points: LinePoint[] = data.months.map((month) => ({
            key: month.month,
            label: formatMonth(month.month, language),
            values: { rate: month.byRule.find((row) => row.ruleCode === rule)?.rate ?? (month.sales > 0 ? 0 : null) },
          }));
          return (
            <LineChartCard
              title={t('compliance.dashboard.trend.ruleTitle')}
              description={t('compliance.dashboard.trend.ruleDescription')}
              data={points}
              series={[{ key: 'rate', label: t(`compliance.rules.${rule}`) }]}
              formatValue={percent}
              testId="trend-by-rule"
              actions={
                <div className="filter">
                  <label className="filter__label" htmlFor={ruleSelectId}>
                    {t('compliance.dashboard.trend.rule')}
                  </label>
                  <select id={ruleSelectId} className="select" value={rule} onChange={(event) => onTrendRule(event.target.value)}>
                    {RULE_CODES.map((code) => (
                      <option key={code} value={code}>
                        {t(`compliance.rules.${code}`)}
                      </option>
                    ))}
                  </select>
                </div>
              }
              footer={exports}
            />
          );
        }}
      </LoadingPanel>
    </div>
  );
}
