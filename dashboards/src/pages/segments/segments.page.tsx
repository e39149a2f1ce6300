import { useTranslation } from 'react-i18next';
import { useUrlFilters } from '../../filters/use-url-filters';
import { useDocumentTitle } from '../../i18n/use-document-title';
import { SegmentBuilder } from './builder/segment-builder.view';
import { SEGMENTS_TABS, segmentsPageFiltersSchema } from './segments-filters';
import { TierFigures } from './tier-figures.view';

export function SegmentsPage() {
  const { t } = useTranslation();
  const { filters, setFilters } = useUrlFilters(segmentsPageFiltersSchema);
  const tab = filters.tab ?? 'figures';
  useDocumentTitle(t('segments.title'));

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('segments.title')}</h1>
          <p className="page__intro">{t('segments.intro')}</p>
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label={t('segments.tabs.label')}>
        {SEGMENTS_TABS.map((option) => (
          <button
            key={option}
            type="button"
            role="tab"
            id={`segments-tab-${option}`}
            aria-selected={tab === option}
            aria-controls={`segments-panel-${option}`}
            className={tab === option ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
            onClick={() => setFilters({ tab: option === 'figures' ? undefined : option })}
          >
            {t(`segments.tabs.${option}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`segments-panel-${tab}`} aria-labelledby={`segments-tab-${tab}`}>
        {tab === 'figures' ? <TierFigures filters={filters} setFilters={setFilters} /> : <SegmentBuilder filters={filters} setFilters={setFilters} />}
      </div>
    </div>
  );
}
