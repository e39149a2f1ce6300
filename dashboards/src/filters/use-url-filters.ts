import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { z } from 'zod';

/** Filters that can live in a URL: an object of optional string fields (the contract's query schema). */
export type UrlFilterSchema = z.ZodObject<Record<string, z.ZodOptional<z.ZodType<string, string>>>>;
export type UrlFilters<S extends UrlFilterSchema> = z.output<S>;

export interface UrlFiltersApi<S extends UrlFilterSchema> {
  filters: UrlFilters<S>;
  /** Sets the given filters; `undefined` or '' removes one. Other search params are kept. */
  setFilters: (changes: Partial<Record<keyof UrlFilters<S> & string, string | undefined>>) => void;
}

/**
 * The page's filters read from and written to the search params, so a view can be bookmarked and shared.
 * A value the schema rejects is dropped rather than failing the page: URLs are edited by hand.
 */
export function useUrlFilters<S extends UrlFilterSchema>(schema: S): UrlFiltersApi<S> {
  const [searchParams, setSearchParams] = useSearchParams();
  const keys = useMemo(() => Object.keys(schema.shape), [schema]);

  const filters = useMemo(() => {
    const candidate: Record<string, string> = {};
    for (const key of keys) {
      const raw = searchParams.get(key);
      const field = schema.shape[key];
      if (raw === null || !field) continue;
      const parsed = field.safeParse(raw);
      if (parsed.success && parsed.data !== undefined) candidate[key] = parsed.data;
    }
    return schema.parse(candidate);
  }, [schema, keys, searchParams]);

  const setFilters = useCallback<UrlFiltersApi<S>['setFilters']>(
    (changes) => {
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      });
    },
    [setSearchParams],
  );

  return { filters, setFilters };
}
