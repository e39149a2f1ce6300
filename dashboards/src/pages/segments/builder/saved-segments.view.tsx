import type { SegmentListDto } from '@banca/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { ApiError } from '../../../api/api-error';
import { LoadingPanel } from '../../../components/loading-panel';
import { withFilterChanges } from '../../../filters/url-filters';
import { formatDateTime } from '../../../format/date.format';
import { useLanguage } from '../../../i18n/i18n';

export interface SavedSegmentsProps {
  segments: UseQueryResult<SegmentListDto, ApiError>;
  selectedId: string | undefined;
  canWrite: boolean;
}

/** The saved segments; each opens in the builder (the URL names it, so it can be shared). */
export function SavedSegments({ segments, selectedId, canWrite }: SavedSegmentsProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [searchParams] = useSearchParams();
  const linkTo = (segment: string | undefined) => ({ search: withFilterChanges(searchParams, { segment }).toString() });

  return (
    <section className="card section saved-segments" aria-labelledby="saved-segments-title" data-testid="saved-segments">
      <header className="section__header">
        <h2 className="card__title" id="saved-segments-title">
          {t('segments.saved.title')}
        </h2>
        {canWrite && selectedId !== undefined && (
          <Link to={linkTo(undefined)} className="button button--secondary button--small">
            {t('segments.saved.new')}
          </Link>
        )}
      </header>
      <LoadingPanel query={segments} isEmpty={(data) => data.segments.length === 0} emptyMessage={canWrite ? t('segments.saved.empty') : t('segments.saved.emptyReadOnly')} className="loading-panel--compact">
        {(data) => (
          <ul className="segment-list">
            {data.segments.map((segment) => (
              <li key={segment.id} className={segment.id === selectedId ? 'segment-list__item is-selected' : 'segment-list__item'} data-segment-id={segment.id}>
                <Link to={linkTo(segment.id)} aria-current={segment.id === selectedId ? 'page' : undefined} className="segment-list__name">
                  {segment.name}
                </Link>
                {segment.description && <p className="segment-list__description">{segment.description}</p>}
                <p className="segment-list__meta">{t('segments.saved.updated', { date: formatDateTime(segment.updatedAt, language) })}</p>
              </li>
            ))}
          </ul>
        )}
      </LoadingPanel>
    </section>
  );
}
