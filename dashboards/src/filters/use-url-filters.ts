import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { filtersFromSearchParams, withFilterChanges, type UrlFilterChanges, type UrlFilters, type UrlFilterSchema } from './url-filters';

export interface UrlFiltersApi<S extends UrlFilterSchema> {
  filters: UrlFilters<S>;
  /** Sets the given filters as a new history entry, so Back undoes a filter change. */
  setFilters: (changes: UrlFilterChanges<S>) => void;
}

/** The page's filters, kept in the URL so a view can be bookmarked, shared and reloaded as it was. */
export function useUrlFilters<S extends UrlFilterSchema>(schema: S): UrlFiltersApi<S> {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearchParams(schema, searchParams), [schema, searchParams]);
  const setFilters = useCallback(
    (changes: UrlFilterChanges<S>) => setSearchParams((current) => withFilterChanges(current, changes)),
    [setSearchParams],
  );
  return { filters, setFilters };
}
