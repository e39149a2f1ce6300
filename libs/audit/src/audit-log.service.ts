import { Injectable } from '@nestjs/common';
import type { AuditLogEntryDto, AuditLogExportQuery, AuditLogListResponse, AuditLogQuery } from '@banca/contracts';
import { tableExport, type ExportColumn, type TableExport } from '@banca/exports';
import { AuditRepository } from './audit.repository';
import type { AuditLogFilter, AuditLogRow } from './audit.types';

/** Rows per page of an export: memory holds one page whatever the log's size. */
const EXPORT_PAGE_ROWS = 1000;

const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value));

/** Columns of the export; before/after as JSON text (the CSV writer makes every text cell formula-safe). */
export const AUDIT_EXPORT_COLUMNS: readonly ExportColumn<AuditLogRow>[] = [
  { name: 'id', type: 'int', value: (r) => r.id },
  { name: 'at', type: 'text', value: (r) => r.at.toISOString() },
  { name: 'actor_id', type: 'text', value: (r) => r.actorId },
  { name: 'actor_username', type: 'text', value: (r) => r.actorUsername },
  { name: 'actor_display_name', type: 'text', value: (r) => r.actorDisplayName },
  { name: 'actor_role', type: 'text', value: (r) => r.actorRole },
  { name: 'action', type: 'text', value: (r) => r.action },
  { name: 'entity_type', type: 'text', value: (r) => r.entityType },
  { name: 'entity_id', type: 'text', value: (r) => r.entityId },
  { name: 'before', type: 'text', value: (r) => json(r.before) },
  { name: 'after', type: 'text', value: (r) => json(r.after) },
  { name: 'request_id', type: 'text', value: (r) => r.requestId },
];

const toEntryDto = (r: AuditLogRow): AuditLogEntryDto => ({ ...r, at: r.at.toISOString() });

function filterOf(query: AuditLogFilter): AuditLogFilter {
  const { from, to, actorId, action, entityType, entityId } = query;
  return { from, to, actorId, action, entityType, entityId };
}

/** The audit log as compliance and admins read it: filtered, newest first, and as a download. */
@Injectable()
export class AuditLogService {
  constructor(private readonly repository: AuditRepository) {}

  async list(query: AuditLogQuery): Promise<AuditLogListResponse> {
    const filter = filterOf(query);
    const [rows, total] = await Promise.all([
      this.repository.list({ filter, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
      this.repository.count(filter),
    ]);
    return { items: rows.map(toEntryDto), total, page: query.page, pageSize: query.pageSize };
  }

  /** Every entry under the filters, newest first, streamed page by page (keyset on the id). */
  export(query: AuditLogExportQuery): TableExport {
    const filter = filterOf(query);
    const repository = this.repository;
    async function* pages(): AsyncGenerator<AuditLogRow[]> {
      let beforeId: number | null = null;
      for (;;) {
        const page = await repository.listBefore({ filter, beforeId, limit: EXPORT_PAGE_ROWS });
        if (page.length > 0) yield page;
        if (page.length < EXPORT_PAGE_ROWS) return;
        beforeId = page[page.length - 1]!.id;
      }
    }
    return tableExport('audit-log', query.format, AUDIT_EXPORT_COLUMNS, pages());
  }
}
