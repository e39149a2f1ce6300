import type { z } from 'zod';

/** Filters that can live in a URL: an object of optional string fields (the contract's query schema). */
export type UrlFilterSchema = z.ZodObject<Record<string, z.ZodOptional<z.ZodType<string, string>>>>;
export type UrlFilters<S extends UrlFilterSchema> = z.output<S>;
export type UrlFilterChanges<S extends UrlFilterSchema> = Partial<Record<keyof UrlFilters<S> & string, string | undefined>>;

/**
 * The schema's fields read from search params. A value the schema rejects is dropped rather than failing
 * the page (URLs are edited by hand); params the schema does not know are ignored.
 */
export function filtersFromSearchParams<S extends UrlFilterSchema>(schema: S, params: URLSearchParams): UrlFilters<S> {
  const candidate: Record<string, string> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const raw = params.get(key);
    if (raw === null) continue;
    const parsed = field.safeParse(raw);
    if (parsed.success && parsed.data !== undefined) candidate[key] = parsed.data;
  }
  return schema.parse(candidate);
}

/** New search params with the changes applied: `undefined` or '' removes a filter; other params are kept. */
export function withFilterChanges(params: URLSearchParams, changes: Record<string, string | undefined>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  return next;
}
