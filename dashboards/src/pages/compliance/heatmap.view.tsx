import { useTranslation } from 'react-i18next';
import { RateHeatGrid, type RateHeatRow } from '../../components/charts/rate-heat-grid';
import { LoadingPanel } from '../../components/loading-panel';
import { SectionCard } from '../../components/section-card';
import { useBranchRuleHeatmapQuery } from '../../compliance/compliance.queries';
import { MISSING } from '../../format/missing';
import { formatCount, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { ExportButtons } from './export-buttons.view';

/** Branches × rules: the share of each branch's sales with a finding of each rule, shaded, numbers in the cells. */
export function HeatmapView({ period }: { period: { from: string; to: string } }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const heatmap = useBranchRuleHeatmapQuery(period);
  return (
    <SectionCard
      titleId="compliance-heatmap-title"
      testId="compliance-heatmap"
      title={t('compliance.dashboard.heatmap.title')}
      description={t('compliance.dashboard.heatmap.description')}
      actions={<ExportButtons path="/compliance/figures/branch-rule-heatmap" query={period} fileBaseName="compliance-branch-rule" testId="heatmap-export" />}
    >
      <LoadingPanel query={heatmap} isEmpty={(data) => data.branches.length === 0} emptyMessage={t('compliance.dashboard.heatmap.empty')}>
        {(data) => {
          const rows: RateHeatRow[] = data.branches.map((branch) => ({
            key: branch.branchCode,
            label: branch.branchName ? `${branch.branchName} (${branch.branchCode})` : branch.branchCode,
            note: `${t('compliance.dashboard.heatmap.sales')}: ${formatCount(branch.sales, language)}`,
            cells: Object.fromEntries(branch.cells.map((cell) => [cell.ruleCode, { rate: cell.rate, count: cell.findings }])),
          }));
          return (
            <RateHeatGrid
              caption={t('compliance.dashboard.heatmap.caption')}
              rowAxisLabel={t('compliance.dashboard.heatmap.branch')}
              columnAxisLabel={t('compliance.dashboard.heatmap.rule')}
              columns={data.ruleCodes.map((code) => ({ key: code, label: t(`compliance.rules.${code}`), title: code }))}
              rows={rows}
              formatCell={(rate, count) =>
                rate === null ? MISSING : t('compliance.dashboard.heatmap.cell', { rate: formatPercent(rate, language), findings: formatCount(count, language) })
              }
              formatRate={(rate) => formatPercent(rate, language)}
              legendLabel={t('compliance.dashboard.heatmap.legend')}
              testId="heatmap-table"
            />
          );
        }}
      </LoadingPanel>
    </SectionCard>
  );
}
