import { auditLogFilterShape, type AuditLogQuery } from '@banca/contracts';
import { z } from 'zod';

export const AUDIT_PAGE_SIZE = 50;

/** The audit log viewer's URL: the API's filters as they are, and the page number. */
export const auditPageFiltersSchema = z.object({
  from: auditLogFilterShape.from,
  to: auditLogFilterShape.to,
  actorId: auditLogFilterShape.actorId,
  action: auditLogFilterShape.action,
  entityType: auditLogFilterShape.entityType,
  entityId: auditLogFilterShape.entityId,
  page: z.string().regex(/^[1-9]\d{0,5}$/).optional(),
});
export type AuditPageFilters = z.output<typeof auditPageFiltersSchema>;

/** The filters the table and the export send; a period written backwards is read the right way round. */
export function auditQueryOf(filters: AuditPageFilters): Omit<AuditLogQuery, 'page' | 'pageSize'> {
  const { from, to } = filters.from && filters.to && filters.from > filters.to ? { from: filters.to, to: filters.from } : filters;
  return {
    from,
    to,
    actorId: filters.actorId,
    action: filters.action,
    entityType: filters.entityType,
    entityId: filters.entityId,
  };
}

export function auditPageOf(filters: AuditPageFilters): number {
  return filters.page ? Number(filters.page) : 1;
}

/** Pages of `pageSize` entries needed for `total`; at least one, so "page 1 of 1" reads for an empty log. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
