import type { IngestionRunDto } from '@banca/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../format/date.format';
import { formatCount } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { withFilterChanges } from '../../filters/url-filters';
import { useIngestionRunQuery } from '../../ingestion/ingestion.queries';
import { RunStatus } from './run-status.view';

const COUNT_COLUMNS = ['read', 'inserted', 'updated', 'unchanged', 'rejected', 'skipped'] as const;

/** The latest runs; each queued or running one polls its own endpoint, so its bar and counts move. */
export function RunsTable({ runs, selectedId }: { runs: readonly IngestionRunDto[]; selectedId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact" data-testid="runs-table">
        <thead>
          <tr>
            <th scope="col">{t('data.runs.file')}</th>
            <th scope="col">{t('data.runs.entity')}</th>
            <th scope="col" className="runs__status">
              {t('data.runs.status')}
            </th>
            {COUNT_COLUMNS.map((column) => (
              <th key={column} scope="col" className="numeric">
                {t(`data.counts.${column}`)}
              </th>
            ))}
            <th scope="col">{t('data.runs.started')}</th>
            <th scope="col">{t('data.runs.finished')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <RunRow key={run.id} listed={run} selected={run.id === selectedId} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunRow({ listed, selected }: { listed: IngestionRunDto; selected: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [searchParams] = useSearchParams();
  const query = useIngestionRunQuery(listed.id, listed);
  const run = query.data ?? listed;
  const detailSearch = withFilterChanges(searchParams, { run: run.id }).toString();

  return (
    <tr data-run-id={run.id} data-status={run.status} className={selected ? 'is-selected' : undefined} aria-selected={selected}>
      <th scope="row">
        <Link to={{ search: detailSearch }} className="runs__file" title={t('data.runs.openDetail')}>
          {run.fileName}
        </Link>
      </th>
      <td>{t(`data.entities.${run.entity}`)}</td>
      <td>
        <RunStatus run={run} />
      </td>
      {COUNT_COLUMNS.map((column) => (
        <td key={column} className={column === 'rejected' && run.counts.rejected > 0 ? 'numeric is-warning' : 'numeric'} data-count={column}>
          {formatCount(run.counts[column], language)}
        </td>
      ))}
      <td className="nowrap">{formatDateTime(run.startedAt, language)}</td>
      <td className="nowrap">{formatDateTime(run.finishedAt, language)}</td>
    </tr>
  );
}
