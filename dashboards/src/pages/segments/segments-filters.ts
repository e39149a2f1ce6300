import { calendarDateSchema } from '@banca/contracts';
import { z } from 'zod';
import { addMonths } from '../../format/date.format';

export const SEGMENTS_TABS = ['figures', 'builder'] as const;
export type SegmentsTab = (typeof SEGMENTS_TABS)[number];

const place = z.string().trim().min(1).max(100);

/** The Segments page's URL: which tab, the place filters of the figures, their dates and the open segment. */
export const segmentsPageFiltersSchema = z.object({
  tab: z.enum(SEGMENTS_TABS).optional(),
  region: place.optional(),
  branchCode: place.optional(),
  by: z.enum(['region', 'branch']).optional(),
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  at: calendarDateSchema.optional(),
  segment: z.string().uuid().optional(),
});
export type SegmentsPageFilters = z.output<typeof segmentsPageFiltersSchema>;

/** Migration is read over a year unless the URL says otherwise: tiers on this day last year against today. */
export function migrationRange(filters: Pick<SegmentsPageFilters, 'from' | 'to'>, today: string): { from: string; to: string } {
  const to = filters.to ?? today;
  return { from: filters.from ?? addMonths(to, -12), to };
}

/** Per region by default; per branch once a region is chosen, since branches of every region do not fit one chart. */
export function breakdownBy(filters: Pick<SegmentsPageFilters, 'by' | 'region'>): 'region' | 'branch' {
  return filters.by ?? (filters.region ? 'branch' : 'region');
}
