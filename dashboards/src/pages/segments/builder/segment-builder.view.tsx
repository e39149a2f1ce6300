import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../auth/session.context';
import { canWriteOn } from '../../../navigation/page-access';
import { useSegmentsQuery } from '../../../segments/segments.queries';
import type { SegmentsPageProps } from '../segments-page.types';
import { SavedSegments } from './saved-segments.view';
import { SegmentEditor } from './segment-editor.view';

/** Saved segments beside the builder of the open one (or of a new one). */
export function SegmentBuilder({ filters, setFilters }: SegmentsPageProps) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = canWriteOn('segments', user.role);
  const segments = useSegmentsQuery();
  const selected = filters.segment === undefined ? undefined : segments.data?.segments.find((segment) => segment.id === filters.segment);
  const listLoaded = segments.data !== undefined;

  return (
    <div className="builder-layout">
      <SavedSegments segments={segments} selectedId={filters.segment} canWrite={canWrite} />
      <div className="stack">
        {filters.segment !== undefined && listLoaded && selected === undefined ? (
          <div className="card section" role="alert">
            <p>{t('segments.saved.notFound')}</p>
            <button type="button" className="button button--secondary" onClick={() => setFilters({ segment: undefined })}>
              {t('segments.saved.new')}
            </button>
          </div>
        ) : (
          (filters.segment === undefined || selected !== undefined) && (
            <SegmentEditor
              key={selected?.id ?? 'new'}
              segment={selected ?? null}
              canWrite={canWrite}
              onSaved={(saved) => setFilters({ segment: saved.id })}
              onDeleted={() => setFilters({ segment: undefined })}
            />
          )
        )}
      </div>
    </div>
  );
}
