import {
  addEvidenceResponseSchema,
  alertListResponseSchema,
  branchRuleHeatmapResponseSchema,
  bulkFindingDecisionResponseSchema,
  complianceScanListSchema,
  dimensionFiguresResponseSchema,
  evidenceSchema,
  findingDetailSchema,
  findingListResponseSchema,
  mismatchTrendResponseSchema,
  type AddEvidenceRequest,
  type AddEvidenceResponse,
  type AlertListQuery,
  type AlertListResponse,
  type BranchRuleHeatmapResponse,
  type BulkFindingDecisionRequest,
  type BulkFindingDecisionResponse,
  type ComplianceFiguresQuery,
  type ComplianceScanListDto,
  type DimensionFiguresQuery,
  type DimensionFiguresResponse,
  type EvidenceDto,
  type FindingDecisionRequest,
  type FindingDetailDto,
  type FindingListQuery,
  type FindingListResponse,
  type MismatchTrendResponse,
  type RevokeEvidenceRequest,
} from '@banca/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { ApiError } from '../api/api-error';
import { apiDownload, apiRequest, type DownloadedFile, type QueryParams } from '../api/client';

/** Every key starts with 'compliance', so a decision refreshes the queue, the detail and the figures at once. */
export const complianceKeys = {
  all: ['compliance'] as const,
  findings: (query: FindingListQuery) => ['compliance', 'findings', query] as const,
  finding: (id: string) => ['compliance', 'finding', id] as const,
  mismatchTrend: (query: ComplianceFiguresQuery) => ['compliance', 'figures', 'mismatch-trend', query] as const,
  heatmap: (query: ComplianceFiguresQuery) => ['compliance', 'figures', 'heatmap', query] as const,
  byDimension: (query: DimensionFiguresQuery) => ['compliance', 'figures', 'by-dimension', query] as const,
  alerts: (query: AlertListQuery) => ['compliance', 'alerts', query] as const,
  scans: () => ['compliance', 'scans'] as const,
};

/** GET /compliance/findings: one page of the queue, with the counts per status under the same filters. */
export function useFindingsQuery(query: FindingListQuery, enabled = true): UseQueryResult<FindingListResponse, ApiError> {
  return useQuery<FindingListResponse, ApiError>({
    queryKey: complianceKeys.findings(query),
    queryFn: ({ signal }) => apiRequest('/compliance/findings', findingListResponseSchema, { query, signal }),
    placeholderData: keepPreviousData,
    // Reviewers work the same queue: a decision by a colleague must show on the next look.
    staleTime: 0,
    enabled,
  });
}

/** GET /compliance/findings/:id: the finding, its sale, customer, product, evidence, history and the decisions allowed now. */
export function useFindingQuery(id: string): UseQueryResult<FindingDetailDto, ApiError> {
  return useQuery<FindingDetailDto, ApiError>({
    queryKey: complianceKeys.finding(id),
    queryFn: ({ signal }) => apiRequest(`/compliance/findings/${encodeURIComponent(id)}`, findingDetailSchema, { signal }),
    staleTime: 0,
  });
}

/** POST /compliance/findings/:id/decisions: answers with the finding as it now stands, shown at once. */
export function useFindingDecisionMutation(id: string) {
  const queryClient = useQueryClient();
  return useMutation<FindingDetailDto, ApiError, FindingDecisionRequest>({
    mutationFn: (request) => apiRequest(`/compliance/findings/${encodeURIComponent(id)}/decisions`, findingDetailSchema, { method: 'POST', body: request }),
    onSuccess: (detail) => {
      queryClient.setQueryData(complianceKeys.finding(id), detail);
      return queryClient.invalidateQueries({ queryKey: complianceKeys.all });
    },
  });
}

/** POST /compliance/findings/bulk-decisions (low and info findings only; each is decided or refused with its reason). */
export function useBulkDecisionMutation() {
  const queryClient = useQueryClient();
  return useMutation<BulkFindingDecisionResponse, ApiError, BulkFindingDecisionRequest>({
    mutationFn: (request) => apiRequest('/compliance/findings/bulk-decisions', bulkFindingDecisionResponseSchema, { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: complianceKeys.all }),
  });
}

/** POST /compliance/sales/:saleId/evidence: a declaration, recording or approval; it may clear findings of the sale. */
export function useAddEvidenceMutation(saleId: string) {
  const queryClient = useQueryClient();
  return useMutation<AddEvidenceResponse, ApiError, AddEvidenceRequest>({
    mutationFn: (request) =>
      apiRequest(`/compliance/sales/${encodeURIComponent(saleId)}/evidence`, addEvidenceResponseSchema, { method: 'POST', body: request }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: complianceKeys.all }),
  });
}

/** POST /compliance/evidence/:id/revoke */
export function useRevokeEvidenceMutation() {
  const queryClient = useQueryClient();
  return useMutation<EvidenceDto, ApiError, { id: string } & RevokeEvidenceRequest>({
    mutationFn: ({ id, reason }) =>
      apiRequest(`/compliance/evidence/${encodeURIComponent(id)}/revoke`, evidenceSchema, { method: 'POST', body: { reason } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: complianceKeys.all }),
  });
}

/** GET /compliance/figures/mismatch-trend: mismatch rate by severity and rule, per month. */
export function useMismatchTrendQuery(query: ComplianceFiguresQuery, enabled = true): UseQueryResult<MismatchTrendResponse, ApiError> {
  return useQuery<MismatchTrendResponse, ApiError>({
    queryKey: complianceKeys.mismatchTrend(query),
    queryFn: ({ signal }) => apiRequest('/compliance/figures/mismatch-trend', mismatchTrendResponseSchema, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** GET /compliance/figures/branch-rule-heatmap: findings and rates per branch and rule. */
export function useBranchRuleHeatmapQuery(query: ComplianceFiguresQuery, enabled = true): UseQueryResult<BranchRuleHeatmapResponse, ApiError> {
  return useQuery<BranchRuleHeatmapResponse, ApiError>({
    queryKey: complianceKeys.heatmap(query),
    queryFn: ({ signal }) => apiRequest('/compliance/figures/branch-rule-heatmap', branchRuleHeatmapResponseSchema, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** GET /compliance/figures/by-dimension: mismatch, cooling-off and complaints per branch, staff member, product or campaign. */
export function useDimensionFiguresQuery(query: DimensionFiguresQuery, enabled = true): UseQueryResult<DimensionFiguresResponse, ApiError> {
  return useQuery<DimensionFiguresResponse, ApiError>({
    queryKey: complianceKeys.byDimension(query),
    queryFn: ({ signal }) => apiRequest('/compliance/figures/by-dimension', dimensionFiguresResponseSchema, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** GET /compliance/alerts: what crossed which threshold when. */
export function useAlertsQuery(query: AlertListQuery): UseQueryResult<AlertListResponse, ApiError> {
  return useQuery<AlertListResponse, ApiError>({
    queryKey: complianceKeys.alerts(query),
    queryFn: ({ signal }) => apiRequest('/compliance/alerts', alertListResponseSchema, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /compliance/scans: the latest scans, newest first (the dashboard shows when the last one finished). */
export function useScansQuery(): UseQueryResult<ComplianceScanListDto, ApiError> {
  return useQuery<ComplianceScanListDto, ApiError>({
    queryKey: complianceKeys.scans(),
    queryFn: ({ signal }) => apiRequest('/compliance/scans', complianceScanListSchema, { signal }),
  });
}

export const COMPLIANCE_EXPORT_FORMATS = ['csv', 'arrow'] as const;
export type ComplianceExportFormat = (typeof COMPLIANCE_EXPORT_FORMATS)[number];

const EXPORT_MEDIA_TYPES: Readonly<Record<ComplianceExportFormat, string>> = {
  csv: 'text/csv',
  arrow: 'application/vnd.apache.arrow.stream',
};

/** Downloads a compliance table (findings export, a figure, the alerts) as CSV or Arrow with the same filters as on screen. */
export function downloadComplianceTable(path: string, format: ComplianceExportFormat, query: QueryParams = {}): Promise<DownloadedFile> {
  return apiDownload(path, EXPORT_MEDIA_TYPES[format], { query: { ...query, format } });
}

