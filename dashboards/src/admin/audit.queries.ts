import { auditLogListResponseSchema, type AuditLogListResponse, type AuditLogQuery } from '@banca/contracts';
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ApiError } from '../api/api-error';
import { apiDownload, apiRequest, type DownloadedFile } from '../api/client';

export type AuditFilters = Omit<AuditLogQuery, 'page' | 'pageSize'>;

export const auditKeys = {
  all: ['audit'] as const,
  list: (query: AuditLogQuery) => ['audit', 'list', query] as const,
};

/** GET /audit: one page of the audit log under the filters, newest first. */
export function useAuditLogQuery(query: AuditLogQuery): UseQueryResult<AuditLogListResponse, ApiError> {
  return useQuery<AuditLogListResponse, ApiError>({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) => apiRequest('/audit', auditLogListResponseSchema, { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    // Every change anyone makes adds an entry: a log served from an old answer would hide the latest.
    staleTime: 0,
  });
}

export const AUDIT_EXPORT_FORMATS = ['csv', 'arrow'] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

const EXPORT_MEDIA_TYPES: Readonly<Record<AuditExportFormat, string>> = {
  csv: 'text/csv',
  arrow: 'application/vnd.apache.arrow.stream',
};

/** GET /audit/export?format=csv|arrow: every entry under the same filters. */
export function downloadAuditLog(filters: AuditFilters, format: AuditExportFormat): Promise<DownloadedFile> {
  return apiDownload('/audit/export', EXPORT_MEDIA_TYPES[format], { query: { ...filters, format } });
}
