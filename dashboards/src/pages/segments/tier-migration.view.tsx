import { MIGRATION_FROM_TIERS } from '@banca/contracts';
import { TIERS } from '@banca/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { HeatTable } from '../../components/charts/heat-table';
import { DateInput } from '../../components/date-input';
import { KpiCard } from '../../components/kpi-card';
import { LoadingPanel } from '../../components/loading-panel';
import { formatCalendarDate, reportingDate } from '../../format/date.format';
import { formatCount } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { useTierMigrationQuery } from '../../segments/segments.queries';
import { migrationRange } from './segments-filters';
import type { SegmentsPageProps } from './segments-page.types';
import { SectionCard } from '../../components/section-card';

const MOVES = ['new', 'unchanged', 'upgraded', 'downgraded'] as const;

/** Customers by tier on one date against their tier on another, from the tier history. */
export function TierMigrationView({ filters, setFilters }: SegmentsPageProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const today = useMemo(() => reportingDate(new Date()), []);
  const { from, to } = migrationRange(filters, today);
  const ordered = from <= to;
  const migration = useTierMigrationQuery({ from, to, region: filters.region, branchCode: filters.branchCode }, ordered);
  const count = (value: number) => formatCount(value, language);
  const fromLabel = formatCalendarDate(from, language);
  const toLabel = formatCalendarDate(to, language);

  return (
    <SectionCard
      titleId="tier-migration-title"
      testId="tier-migration"
      title={t('segments.migration.title')}
      description={t('segments.migration.description')}
      actions={
        <div className="filters">
          <DateInput label={t('segments.migration.from')} value={from} max={to} onChange={(value) => setFilters({ from: value })} />
          <DateInput
            label={t('segments.migration.to')}
            value={to}
            onChange={(value) => setFilters({ to: value })}
            error={ordered ? undefined : t('segments.migration.order')}
          />
        </div>
      }
    >
      {ordered && (
        <LoadingPanel query={migration}>
          {(data) => (
            <div className="migration">
              <HeatTable
                caption={t('segments.migration.caption', { from: fromLabel, to: toLabel })}
                rowAxisLabel={t('segments.migration.rows', { date: fromLabel })}
                columnAxisLabel={t('segments.migration.columns', { date: toLabel })}
                rows={MIGRATION_FROM_TIERS.map((tier) => ({ key: tier, label: tier === 'new' ? t('segments.migration.new') : t(`tiers.${tier}`) }))}
                columns={TIERS.map((tier) => ({ key: tier, label: t(`tiers.${tier}`) }))}
                cells={data.cells.map((cell) => ({ row: cell.from, column: cell.to, value: cell.customers }))}
                totalLabel={t('segments.migration.total')}
                formatValue={count}
                isOutlined={(row, column) => row === column}
                testId="migration-matrix"
              />
              <dl className="kpi-row kpi-row--five">
                {MOVES.map((move) => (
                  <KpiCard key={move} label={t(`segments.migration.moves.${move}`)} value={count(data.totals[move])} testId={`migration-${move}`} />
                ))}
              </dl>
            </div>
          )}
        </LoadingPanel>
      )}
    </SectionCard>
  );
}
