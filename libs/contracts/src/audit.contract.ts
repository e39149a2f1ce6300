import { z } from 'zod';
import { exportFormatSchema } from './compliance.contract';
import { calendarDateSchema } from './segments.contract';

const text = z.string().trim().min(1).max(200);

/** Filters of the audit log; `from`/`to` are UTC days, both inclusive. Newest entries first. */
export const auditLogFilterShape = {
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  actorId: z.uuid().optional(),
  /** A prefix of the action: `finding.` gives every finding transition, `user.disable` that one action. */
  action: text.optional(),
  entityType: text.optional(),
  entityId: text.optional(),
};

const periodInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const periodMessage = { path: ['to'], message: 'must not be before "from"' };

export const auditLogQuerySchema = z
  .object({
    ...auditLogFilterShape,
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine(periodInOrder, periodMessage);
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export const auditLogExportQuerySchema = z
  .object({ ...auditLogFilterShape, format: exportFormatSchema.default('csv') })
  .refine(periodInOrder, periodMessage);
export type AuditLogExportQuery = z.infer<typeof auditLogExportQuerySchema>;

/** One state change: who (with their name, kept even once the user is disabled), as which role, what, before → after. */
export const auditLogEntrySchema = z.object({
  id: z.number().int(),
  at: z.string().datetime({ offset: true }),
  /** Null for what the platform did itself (demo loads, scheduled jobs). */
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorDisplayName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
});
export type AuditLogEntryDto = z.infer<typeof auditLogEntrySchema>;

export const auditLogListResponseSchema = z.object({
  items: z.array(auditLogEntrySchema),
  total: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type AuditLogListResponse = z.infer<typeof auditLogListResponseSchema>;
