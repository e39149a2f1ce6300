import { tierCountsQuerySchema } from '@banca/contracts';
import { useTranslation } from 'react-i18next';
import { LoadingPanel } from '../../components/loading-panel';
import { SelectFilter } from '../../components/filters/select-filter';
import { useUrlFilters } from '../../filters/use-url-filters';
import { useDocumentTitle } from '../../i18n/use-document-title';
import { useTierCountsQuery } from '../../segments/segments.queries';
import { CampaignsOverview } from './campaigns-overview.view';
import { TierSummary } from './tier-summary.view';

export function OverviewPage() {
  const { t } = useTranslation();
  const { filters, setFilters } = useUrlFilters(tierCountsQuerySchema);
  const tierCounts = useTierCountsQuery(filters);
  useDocumentTitle(t('overview.title'));

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('overview.title')}</h1>
          <p className="page__intro">{t('overview.intro')}</p>
        </div>
        <form className="filters" aria-label={t('overview.filters.label')} onSubmit={(event) => event.preventDefault()}>
          <SelectFilter
            label={t('overview.filters.region')}
            allLabel={t('overview.filters.allRegions')}
            value={filters.region}
            options={tierCounts.data?.regions ?? []}
            onChange={(region) => setFilters({ region })}
          />
        </form>
      </header>
      <LoadingPanel
        query={tierCounts}
        isEmpty={(data) => data.total === 0}
        emptyMessage={filters.region ? t('overview.emptyRegion') : t('overview.empty')}
      >
        {(data) => <TierSummary data={data} />}
      </LoadingPanel>
      <CampaignsOverview />
    </div>
  );
}
