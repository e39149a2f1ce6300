import { INGESTION_ENTITIES } from '@banca/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session.context';
import { LoadingPanel } from '../../components/loading-panel';
import { useUrlFilters } from '../../filters/use-url-filters';
import { useDocumentTitle } from '../../i18n/use-document-title';
import { useIngestionRunsQuery } from '../../ingestion/ingestion.queries';
import { canWriteOn } from '../../navigation/page-access';
import { dataPageFiltersSchema } from './data-filters';
import { RunDetail } from './run-detail.view';
import { RunsTable } from './runs-table.view';
import { UploadForm } from './upload-form.view';

/** How many recent runs the table lists. */
const RUNS_SHOWN = 50;

export function DataPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canUpload = canWriteOn('data', user.role);
  const { filters, setFilters } = useUrlFilters(dataPageFiltersSchema);
  const runs = useIngestionRunsQuery({ limit: RUNS_SHOWN, entity: filters.entity });
  const runsTitleId = useId();
  const entityFilterId = useId();
  useDocumentTitle(t('data.title'));

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('data.title')}</h1>
          <p className="page__intro">{canUpload ? t('data.intro') : t('data.introReadOnly')}</p>
        </div>
      </header>
      <div className="stack">
        {canUpload && <UploadForm onUploaded={(run) => setFilters({ run: run.id })} />}
        <section className="card section" aria-labelledby={runsTitleId}>
          <header className="section__header">
            <div>
              <h2 className="card__title" id={runsTitleId}>
                {t('data.runs.title')}
              </h2>
              <p className="card__description">{t('data.runs.description', { count: RUNS_SHOWN })}</p>
            </div>
            <div className="filter">
              <label className="filter__label" htmlFor={entityFilterId}>
                {t('data.runs.entityFilter')}
              </label>
              <select
                id={entityFilterId}
                className="select"
                value={filters.entity ?? ''}
                onChange={(event) => {
                  const value = event.target.value;
                  setFilters({ entity: value === '' ? undefined : value });
                }}
              >
                <option value="">{t('data.runs.allEntities')}</option>
                {INGESTION_ENTITIES.map((entity) => (
                  <option key={entity} value={entity}>
                    {t(`data.entities.${entity}`)}
                  </option>
                ))}
              </select>
            </div>
          </header>
          <LoadingPanel query={runs} isEmpty={(data) => data.runs.length === 0} emptyMessage={canUpload ? t('data.runs.empty') : t('data.runs.emptyReadOnly')}>
            {(data) => <RunsTable runs={data.runs} selectedId={filters.run} />}
          </LoadingPanel>
        </section>
        {filters.run && <RunDetail key={filters.run} id={filters.run} onClose={() => setFilters({ run: undefined })} />}
      </div>
    </div>
  );
}
