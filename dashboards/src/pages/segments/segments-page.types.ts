import type { UrlFiltersApi } from '../../filters/use-url-filters';
import type { segmentsPageFiltersSchema } from './segments-filters';

/** What each view of the Segments page gets: the URL filters and the way to change them. */
export type SegmentsPageProps = Pick<UrlFiltersApi<typeof segmentsPageFiltersSchema>, 'filters' | 'setFilters'>;
