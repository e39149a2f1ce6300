import {
  completenessResponseSchema,
  consentResponseSchema,
  penetrationResponseSchema,
  segmentListSchema,
  segmentPreviewResponseSchema,
  segmentSchema,
  tierBreakdownResponseSchema,
  tierCountsResponseSchema,
  tierMigrationResponseSchema,
  tierRuleSetListSchema,
  type CompletenessQuery,
  type CompletenessResponse,
  type ConsentQuery,
  type ConsentResponse,
  type PenetrationQuery,
  type PenetrationResponse,
  type SaveSegmentRequest,
  type SegmentDto,
  type SegmentListDto,
  type SegmentPreviewResponse,
  type TierBreakdownQuery,
  type TierBreakdownResponse,
  type TierCountsQuery,
  type TierCountsResponse,
  type TierMigrationQuery,
  type TierMigrationResponse,
  type TierRuleSetListDto,
} from '@banca/contracts';
import type { SegmentRule } from '@banca/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { ApiError } from '../api/api-error';
import { apiCommand, apiDownload, apiRequest, type DownloadedFile } from '../api/client';

/** Every key starts with 'segments', so a finished load can refresh all customer figures at once. */
export const segmentKeys = {
  all: ['segments'] as const,
  tierCounts: (filters: TierCountsQuery) => ['segments', 'tiers', filters] as const,
  breakdown: (query: TierBreakdownQuery) => ['segments', 'tiers', 'breakdown', query] as const,
  migration: (query: TierMigrationQuery) => ['segments', 'tiers', 'migration', query] as const,
  penetration: (query: PenetrationQuery) => ['segments', 'penetration', query] as const,
  completeness: (query: CompletenessQuery) => ['segments', 'completeness', query] as const,
  consent: (query: ConsentQuery) => ['segments', 'consent', query] as const,
  tierRules: () => ['segments', 'tier-rules'] as const,
  list: () => ['segments', 'saved'] as const,
  preview: (rule: SegmentRule) => ['segments', 'preview', rule] as const,
};

/** GET /segments/tiers: customers per tier for the given filters. */
export function useTierCountsQuery(filters: TierCountsQuery): UseQueryResult<TierCountsResponse, ApiError> {
  return useQuery<TierCountsResponse, ApiError>({
    queryKey: segmentKeys.tierCounts(filters),
    queryFn: ({ signal }) => apiRequest('/segments/tiers', tierCountsResponseSchema, { query: filters, signal }),
    // Keep the last chart on screen while a new filter loads, instead of flashing the spinner.
    placeholderData: keepPreviousData,
  });
}

/** GET /segments/tiers/breakdown: current tiers per region, or per branch (of one region). */
export function useTierBreakdownQuery(query: TierBreakdownQuery): UseQueryResult<TierBreakdownResponse, ApiError> {
  return useQuery<TierBreakdownResponse, ApiError>({
    queryKey: segmentKeys.breakdown(query),
    queryFn: ({ signal }) => apiRequest('/segments/tiers/breakdown', tierBreakdownResponseSchema, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /segments/tiers/migration: customers by tier on `from` against tier on `to`. */
export function useTierMigrationQuery(query: TierMigrationQuery, enabled = true): UseQueryResult<TierMigrationResponse, ApiError> {
  return useQuery<TierMigrationResponse, ApiError>({
    queryKey: segmentKeys.migration(query),
    queryFn: ({ signal }) => apiRequest('/segments/tiers/migration', tierMigrationResponseSchema, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** GET /segments/penetration: share of each tier holding an active insurance sale on a date. */
export function usePenetrationQuery(query: PenetrationQuery): UseQueryResult<PenetrationResponse, ApiError> {
  return useQuery<PenetrationResponse, ApiError>({
    queryKey: segmentKeys.penetration(query),
    queryFn: ({ signal }) => apiRequest('/segments/penetration', penetrationResponseSchema, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /segments/completeness: customers missing income, assets or risk level. */
export function useCompletenessQuery(query: CompletenessQuery): UseQueryResult<CompletenessResponse, ApiError> {
  return useQuery<CompletenessResponse, ApiError>({
    queryKey: segmentKeys.completeness(query),
    queryFn: ({ signal }) => apiRequest('/segments/completeness', completenessResponseSchema, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /segments/consent: data-sharing and marketing consent, and who is kept out of cross-partner use. */
export function useConsentQuery(query: ConsentQuery): UseQueryResult<ConsentResponse, ApiError> {
  return useQuery<ConsentResponse, ApiError>({
    queryKey: segmentKeys.consent(query),
    queryFn: ({ signal }) => apiRequest('/segments/consent', consentResponseSchema, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /segments/tier-rules: every version of the tier thresholds, newest first. */
export function useTierRuleVersionsQuery(): UseQueryResult<TierRuleSetListDto, ApiError> {
  return useQuery<TierRuleSetListDto, ApiError>({
    queryKey: segmentKeys.tierRules(),
    queryFn: ({ signal }) => apiRequest('/segments/tier-rules', tierRuleSetListSchema, { signal }),
  });
}

/** GET /segments: the saved segments. */
export function useSegmentsQuery(): UseQueryResult<SegmentListDto, ApiError> {
  return useQuery<SegmentListDto, ApiError>({
    queryKey: segmentKeys.list(),
    queryFn: ({ signal }) => apiRequest('/segments', segmentListSchema, { signal }),
    staleTime: 0,
  });
}

/**
 * POST /segments/preview: members, consent exclusions and a sample for a rule. A read, so a query keyed by
 * the rule: the builder debounces its edits into `rule`, and null (an unfinished draft) asks nothing.
 */
export function useSegmentPreviewQuery(rule: SegmentRule | null): UseQueryResult<SegmentPreviewResponse, ApiError> {
  return useQuery<SegmentPreviewResponse, ApiError>({
    queryKey: segmentKeys.preview(rule ?? { all: [] }),
    queryFn: ({ signal }) => apiRequest('/segments/preview', segmentPreviewResponseSchema, { method: 'POST', body: { rule }, signal }),
    enabled: rule !== null,
    placeholderData: keepPreviousData,
    // Members change with every load: a preview is a live figure, never served from an old answer.
    staleTime: 0,
  });
}

/** POST /segments (new) or PUT /segments/:id (the whole segment). */
export function useSaveSegmentMutation() {
  const queryClient = useQueryClient();
  return useMutation<SegmentDto, ApiError, { id: string | null; segment: SaveSegmentRequest }>({
    mutationFn: ({ id, segment }) =>
      id === null
        ? apiRequest('/segments', segmentSchema, { method: 'POST', body: segment })
        : apiRequest(`/segments/${encodeURIComponent(id)}`, segmentSchema, { method: 'PUT', body: segment }),
    onSuccess: (saved) => {
      // The page opens the saved segment at once: the list must hold it before the refetch answers.
      queryClient.setQueryData<SegmentListDto>(segmentKeys.list(), (list) =>
        list ? { segments: [saved, ...list.segments.filter((segment) => segment.id !== saved.id)] } : list,
      );
      return queryClient.invalidateQueries({ queryKey: segmentKeys.list() });
    },
  });
}

/** DELETE /segments/:id */
export function useDeleteSegmentMutation() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => apiCommand(`/segments/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.setQueryData<SegmentListDto>(segmentKeys.list(), (list) =>
        list ? { segments: list.segments.filter((segment) => segment.id !== id) } : list,
      );
      return queryClient.invalidateQueries({ queryKey: segmentKeys.list() });
    },
  });
}

export const MEMBER_EXPORT_FORMATS = ['csv', 'arrow'] as const;
export type MemberExportFormat = (typeof MEMBER_EXPORT_FORMATS)[number];

const EXPORT_MEDIA_TYPES: Readonly<Record<MemberExportFormat, string>> = {
  csv: 'text/csv',
  arrow: 'application/vnd.apache.arrow.stream',
};

/** GET /segments/:id/members.csv | .arrow: every member, pseudonymised. */
export function downloadSegmentMembers(id: string, format: MemberExportFormat): Promise<DownloadedFile> {
  return apiDownload(`/segments/${encodeURIComponent(id)}/members.${format}`, EXPORT_MEDIA_TYPES[format]);
}
