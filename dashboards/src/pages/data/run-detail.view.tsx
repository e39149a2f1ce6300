import type { IngestionRunDto } from '@banca/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '../../components/download-button';
import { KpiCard } from '../../components/kpi-card';
import { LoadingPanel } from '../../components/loading-panel';
import { formatDateTime } from '../../format/date.format';
import { formatCount } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { downloadRejectsCsv, useIngestionRejectsQuery, useIngestionRunQuery } from '../../ingestion/ingestion.queries';
import { isRunActive } from '../../ingestion/run-status';
import { RunStatus } from './run-status.view';

const REJECTS_PAGE_SIZE = 50;
const COUNTS = ['read', 'inserted', 'updated', 'unchanged', 'rejected', 'skipped'] as const;

/** One run: what was loaded, why it failed if it did, and the rows it rejected. */
export function RunDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const run = useIngestionRunQuery(id);
  return (
    <section className="card section" aria-labelledby={titleId} data-testid="run-detail">
      <header className="section__header">
        <div>
          <h2 className="card__title" id={titleId}>
            {run.data ? t('data.detail.title', { file: run.data.fileName }) : t('data.detail.titleLoading')}
          </h2>
          <p className="card__description">{t('data.detail.description')}</p>
        </div>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('data.detail.close')}
        </button>
      </header>
      <LoadingPanel query={run}>{(data) => <RunDetailBody run={data} />}</LoadingPanel>
    </section>
  );
}

function RunDetailBody({ run }: { run: IngestionRunDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="stack stack--tight">
      <div className="run-detail__status">
        <RunStatus run={run} />
      </div>
      {run.status === 'failed' && run.error && (
        <div className="error-message" role="alert" data-testid="run-error">
          <p className="error-message__title">{t('data.detail.failed')}</p>
          <p className="error-message__text">{run.error}</p>
        </div>
      )}
      <dl className="kpi-row kpi-row--five">
        {COUNTS.map((count) => (
          <KpiCard key={count} label={t(`data.counts.${count}`)} value={formatCount(run.counts[count], language)} testId={`run-count-${count}`} />
        ))}
      </dl>
      <dl className="facts">
        <div>
          <dt>{t('data.detail.entity')}</dt>
          <dd>{t(`data.entities.${run.entity}`)}</dd>
        </div>
        <div>
          <dt>{t('data.detail.format')}</dt>
          <dd>{run.format ?? t('data.detail.unknown')}</dd>
        </div>
        <div>
          <dt>{t('data.detail.encoding')}</dt>
          <dd>{run.encoding ?? t('data.detail.unknown')}</dd>
        </div>
        <div>
          <dt>{t('data.detail.identifiers')}</dt>
          <dd>{run.pseudonymized ? t('data.detail.pseudonymizedInFile') : t('data.detail.pseudonymizedOnArrival')}</dd>
        </div>
        <div>
          <dt>{t('data.detail.createdAt')}</dt>
          <dd>{formatDateTime(run.createdAt, language)}</dd>
        </div>
        <div>
          <dt>{t('data.runs.finished')}</dt>
          <dd>{formatDateTime(run.finishedAt, language)}</dd>
        </div>
        <div className="facts__wide">
          <dt>{t('data.detail.mapping')}</dt>
          <dd data-testid="run-mapping">
            {run.mapping === null ? (
              t('data.detail.noMapping')
            ) : (
              <details>
                <summary>{run.mapping.description ? t('data.detail.mappingDescribed', { description: run.mapping.description }) : t('data.detail.mappingShown')}</summary>
                <pre className="code-block">{JSON.stringify(run.mapping, null, 2)}</pre>
              </details>
            )}
          </dd>
        </div>
        {run.ignoredColumns.length > 0 && (
          <div className="facts__wide">
            <dt>{t('data.detail.ignoredColumns')}</dt>
            <dd data-testid="ignored-columns">{run.ignoredColumns.join(', ')}</dd>
          </div>
        )}
        {run.notes.length > 0 && (
          <div className="facts__wide">
            <dt>{t('data.detail.notes')}</dt>
            <dd>
              <ul className="plain-list" data-testid="run-notes">
                {run.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      <Rejects run={run} />
    </div>
  );
}

function Rejects({ run }: { run: IngestionRunDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const titleId = useId();
  const [offset, setOffset] = useState(0);
  const active = isRunActive(run.status);
  const rejects = useIngestionRejectsQuery(run.id, { limit: REJECTS_PAGE_SIZE, offset }, !active);

  return (
    <section aria-labelledby={titleId} className="rejects">
      <header className="section__header">
        <h3 className="section__title" id={titleId}>
          {t('data.rejects.title')}
        </h3>
        {!active && run.counts.rejected > 0 && (
          <DownloadButton
            label={t('data.rejects.download')}
            download={() => downloadRejectsCsv(run.id)}
            fallbackName={`rejects-${run.id}.csv`}
            testId="download-rejects"
          />
        )}
      </header>
      {active ? (
        <p className="muted" role="status">
          {t('data.rejects.whenFinished')}
        </p>
      ) : (
        <LoadingPanel query={rejects} isEmpty={(data) => data.total === 0} emptyMessage={t('data.rejects.none')} className="loading-panel--compact">
          {(data) => (
            <>
              <div className="table-scroll">
                <table className="data-table data-table--compact" data-testid="rejects-table">
                  <thead>
                    <tr>
                      <th scope="col" className="numeric">
                        {data.position === 'row' ? t('data.rejects.row') : t('data.rejects.line')}
                      </th>
                      <th scope="col">{t('data.rejects.field')}</th>
                      <th scope="col">{t('data.rejects.value')}</th>
                      <th scope="col">{t('data.rejects.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.rejects.map((reject) => (
                      <tr key={`${reject.line}:${reject.field}`}>
                        <td className="numeric">{formatCount(reject.line, language)}</td>
                        <td>
                          <code>{reject.field}</code>
                        </td>
                        <td>{reject.value === null ? <span className="muted">{t('data.rejects.empty')}</span> : <code>{reject.value}</code>}</td>
                        <td>{reject.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="pager">
                <span className="muted" data-testid="rejects-range">
                  {t('data.rejects.range', {
                    from: formatCount(data.total === 0 ? 0 : offset + 1, language),
                    to: formatCount(offset + data.rejects.length, language),
                    total: formatCount(data.total, language),
                  })}
                </span>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - REJECTS_PAGE_SIZE))}
                >
                  {t('data.rejects.previous')}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={offset + REJECTS_PAGE_SIZE >= data.total}
                  onClick={() => setOffset(offset + REJECTS_PAGE_SIZE)}
                >
                  {t('data.rejects.next')}
                </button>
              </div>
            </>
          )}
        </LoadingPanel>
      )}
    </section>
  );
}
