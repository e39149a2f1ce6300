import { useTranslation } from 'react-i18next';
import { SelectFilter } from '../../components/filters/select-filter';
import { useTierBreakdownQuery, useTierCountsQuery } from '../../segments/segments.queries';
import { CompletenessView } from './completeness.view';
import { ConsentView } from './consent.view';
import { PenetrationView } from './penetration.view';
import type { SegmentsPageProps } from './segments-page.types';
import { TierDistributionView } from './tier-distribution.view';
import { TierMigrationView } from './tier-migration.view';
import { TierRulesView } from './tier-rules.view';

/** The tier figures: distribution, migration, penetration, completeness and consent, for one place. */
export function TierFigures({ filters, setFilters }: SegmentsPageProps) {
  const { t } = useTranslation();
  const place = { region: filters.region, branchCode: filters.branchCode };
  const allRegions = useTierCountsQuery({});
  // The branch filter lists the branches of the chosen region (or of all, without one).
  const branches = useTierBreakdownQuery({ by: 'branch', region: filters.region });
  const branchOptions = (branches.data?.rows ?? []).flatMap((row) => (row.key === null ? [] : [row.key])).sort();

  return (
    <div className="stack">
      <form className="filters filters--bar" aria-label={t('segments.filters.label')} onSubmit={(event) => event.preventDefault()}>
        <SelectFilter
          label={t('segments.filters.region')}
          allLabel={t('segments.filters.allRegions')}
          value={filters.region}
          options={allRegions.data?.regions ?? []}
          onChange={(region) => setFilters({ region, branchCode: undefined })}
        />
        <SelectFilter
          label={t('segments.filters.branch')}
          allLabel={t('segments.filters.allBranches')}
          value={filters.branchCode}
          options={branchOptions}
          onChange={(branchCode) => setFilters({ branchCode })}
        />
      </form>
      <TierDistributionView filters={filters} setFilters={setFilters} />
      <TierMigrationView filters={filters} setFilters={setFilters} />
      <div className="grid-2">
        <PenetrationView filters={filters} setFilters={setFilters} />
        <ConsentView place={place} />
      </div>
      <CompletenessView place={place} />
      <TierRulesView />
    </div>
  );
}
