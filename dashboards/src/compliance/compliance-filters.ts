import { calendarDateSchema, findingStatusSchema, ruleCodeSchema, severitySchema, type FindingListQuery } from '@banca/contracts';
import { z } from 'zod';
import { addMonths } from '../format/date.format';

const code = z.string().trim().min(1).max(100);

/** Findings per page of the queue. */
export const QUEUE_PAGE_SIZE = 50;

/** The queue's URL: every filter of GET /compliance/findings, and the page. */
export const queueFiltersSchema = z.object({
  severity: severitySchema.optional(),
  ruleCode: ruleCodeSchema.optional(),
  status: findingStatusSchema.optional(),
  branchCode: code.optional(),
  staffCode: code.optional(),
  productCode: code.optional(),
  campaignCode: code.optional(),
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  page: z.string().regex(/^[1-9]\d{0,5}$/).optional(),
});
export type QueueFilters = z.output<typeof queueFiltersSchema>;

/** The API query of the queue: the URL's filters, its page as a number, a fixed page size. */
export function findingListQuery(filters: QueueFilters): FindingListQuery {
  const { page, ...rest } = filters;
  return { ...rest, page: page === undefined ? 1 : Number(page), pageSize: QUEUE_PAGE_SIZE };
}

/** The same filters without paging or status, for the export (every finding the filters select) and the tab counts. */
export function findingExportQuery(filters: QueueFilters): Omit<FindingListQuery, 'page' | 'pageSize'> {
  const { page: _page, ...rest } = filters;
  return rest;
}

/** The dashboard's URL: the sale period of the figures, the rule of the rule trend, resolved alerts shown or not. */
export const dashboardFiltersSchema = z.object({
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  trendRule: ruleCodeSchema.optional(),
  alerts: z.enum(['all']).optional(),
});
export type DashboardFilters = z.output<typeof dashboardFiltersSchema>;

/** The figures' period: the URL's dates, by default the twelve months up to today (as the API defaults). */
export function figuresPeriod(filters: Pick<DashboardFilters, 'from' | 'to'>, today: string): { from: string; to: string } {
  const to = filters.to ?? today;
  return { from: filters.from ?? addMonths(to, -12), to };
}

/** A range whose end is before its start asks the API nothing. */
export function isOrderedRange(range: { from?: string | undefined; to?: string | undefined }): boolean {
  return range.from === undefined || range.to === undefined || range.from <= range.to;
}
