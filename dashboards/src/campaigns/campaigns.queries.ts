import {
  audienceMembersResponseSchema,
  breakdownResponseSchema,
  campaignListSchema,
  campaignMetricsSchema,
  campaignSchema,
  launchCampaignResponseSchema,
  overviewResponseSchema,
  refreshRollupsResponseSchema,
  retentionResponseSchema,
  spendListSchema,
  trendResponseSchema,
  type AudienceMembersResponse,
  type BreakdownResponse,
  type CampaignDto,
  type CampaignListDto,
  type CampaignListQuery,
  type CampaignMetricsDto,
  type CampaignPatchRequest,
  type CampaignPlanRequest,
  type LaunchCampaignResponse,
  type OverviewResponse,
  type RetentionResponse,
  type SpendListDto,
  type TrendResponse,
} from '@banca/contracts';
import type { CampaignBreakdownDimension, CampaignExclusionReason, PeriodGrain, Tier } from '@banca/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { ApiError } from '../api/api-error';
import { apiDownload, apiRequest, type DownloadedFile, type QueryParams } from '../api/client';
import { audienceIsSettling } from './campaign-figures';

/** How often a page asks again while an audience builds or a rollup refresh runs. */
export const CAMPAIGN_POLL_MS = 1_000;

/** The drill-down's filters of GET /campaigns/:code/audience/members (all optional). */
export interface MemberFilters {
  group?: 'treatment' | 'holdout' | 'excluded';
  reason?: CampaignExclusionReason;
  tier?: Tier;
  branch?: string;
  region?: string;
  converted?: 'true' | 'false';
  page?: number;
}

const path = (code: string) => `/campaigns/${encodeURIComponent(code)}`;

/** Every key starts with 'campaigns', so a launch, an edit or a refresh updates every campaign view at once. */
export const campaignKeys = {
  all: ['campaigns'] as const,
  list: (query: CampaignListQuery) => ['campaigns', 'list', query] as const,
  campaign: (code: string) => ['campaigns', 'campaign', code] as const,
  metrics: (code: string) => ['campaigns', 'metrics', code] as const,
  breakdown: (code: string, by: CampaignBreakdownDimension) => ['campaigns', 'breakdown', code, by] as const,
  trend: (code: string, grain: PeriodGrain) => ['campaigns', 'trend', code, grain] as const,
  retention: (code: string) => ['campaigns', 'retention', code] as const,
  members: (code: string, filters: MemberFilters) => ['campaigns', 'members', code, filters] as const,
  spend: (code: string) => ['campaigns', 'spend', code] as const,
  overview: (grain: PeriodGrain) => ['campaigns', 'overview', grain] as const,
};

/** GET /campaigns: the list with headline figures, filtered by status. */
export function useCampaignsQuery(query: CampaignListQuery): UseQueryResult<CampaignListDto, ApiError> {
  return useQuery<CampaignListDto, ApiError>({
    queryKey: campaignKeys.list(query),
    queryFn: ({ signal }) => apiRequest('/campaigns', campaignListSchema, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /campaigns/:code: the plan, its status and audience; asked again every second while the audience builds. */
export function useCampaignQuery(code: string, enabled = true): UseQueryResult<CampaignDto, ApiError> {
  return useQuery<CampaignDto, ApiError>({
    queryKey: campaignKeys.campaign(code),
    queryFn: ({ signal }) => apiRequest(path(code), campaignSchema, { signal }),
    enabled: enabled && code !== '',
    staleTime: 0,
    refetchInterval: (query) => (query.state.data && audienceIsSettling(query.state.data.audience.status) ? CAMPAIGN_POLL_MS : false),
  });
}

/** GET /campaigns/:code/metrics; `poll` asks again every second (while a requested rollup refresh runs). */
export function useCampaignMetricsQuery(code: string, poll = false): UseQueryResult<CampaignMetricsDto, ApiError> {
  return useQuery<CampaignMetricsDto, ApiError>({
    queryKey: campaignKeys.metrics(code),
    queryFn: ({ signal }) => apiRequest(`${path(code)}/metrics`, campaignMetricsSchema, { signal }),
    staleTime: 0,
    refetchInterval: poll ? CAMPAIGN_POLL_MS : false,
  });
}

/** GET /campaigns/:code/metrics/breakdown?by= */
export function useBreakdownQuery(code: string, by: CampaignBreakdownDimension): UseQueryResult<BreakdownResponse, ApiError> {
  return useQuery<BreakdownResponse, ApiError>({
    queryKey: campaignKeys.breakdown(code, by),
    queryFn: ({ signal }) => apiRequest(`${path(code)}/metrics/breakdown`, breakdownResponseSchema, { query: { by }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /campaigns/:code/metrics/trend?grain= */
export function useTrendQuery(code: string, grain: PeriodGrain): UseQueryResult<TrendResponse, ApiError> {
  return useQuery<TrendResponse, ApiError>({
    queryKey: campaignKeys.trend(code, grain),
    queryFn: ({ signal }) => apiRequest(`${path(code)}/metrics/trend`, trendResponseSchema, { query: { grain }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /campaigns/:code/metrics/retention: persistency and AUM curves per arm. */
export function useRetentionQuery(code: string): UseQueryResult<RetentionResponse, ApiError> {
  return useQuery<RetentionResponse, ApiError>({
    queryKey: campaignKeys.retention(code),
    queryFn: ({ signal }) => apiRequest(`${path(code)}/metrics/retention`, retentionResponseSchema, { signal }),
  });
}

/** The members query of the drill-down filters, as URL parameters. */
export function memberQueryParams(filters: MemberFilters, pageSize: number): QueryParams {
  return { ...filters, page: filters.page ?? 1, pageSize };
}

/** GET /campaigns/:code/audience/members: one page of the pseudonymised customers behind a figure. */
export function useAudienceMembersQuery(code: string, filters: MemberFilters | null, pageSize: number): UseQueryResult<AudienceMembersResponse, ApiError> {
  return useQuery<AudienceMembersResponse, ApiError>({
    queryKey: campaignKeys.members(code, filters ?? {}),
    queryFn: ({ signal }) =>
      apiRequest(`${path(code)}/audience/members`, audienceMembersResponseSchema, { query: memberQueryParams(filters ?? {}, pageSize), signal }),
    enabled: filters !== null,
    placeholderData: keepPreviousData,
  });
}

/** GET /campaigns/:code/spend: recorded spend per line against the budget. */
export function useSpendQuery(code: string): UseQueryResult<SpendListDto, ApiError> {
  return useQuery<SpendListDto, ApiError>({
    queryKey: campaignKeys.spend(code),
    queryFn: ({ signal }) => apiRequest(`${path(code)}/spend`, spendListSchema, { signal }),
  });
}

/** GET /campaigns/overview: KPIs across running campaigns, before → after per campaign, trends by tier and channel. */
export function useCampaignsOverviewQuery(grain: PeriodGrain = 'month'): UseQueryResult<OverviewResponse, ApiError> {
  return useQuery<OverviewResponse, ApiError>({
    queryKey: campaignKeys.overview(grain),
    queryFn: ({ signal }) => apiRequest('/campaigns/overview', overviewResponseSchema, { query: { scope: 'running', grain }, signal }),
  });
}

/** POST /campaigns: a new draft. */
export function useCreateCampaignMutation() {
  const queryClient = useQueryClient();
  return useMutation<CampaignDto, ApiError, CampaignPlanRequest>({
    mutationFn: (plan) => apiRequest('/campaigns', campaignSchema, { method: 'POST', body: plan }),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.campaign(campaign.code), campaign);
      return queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
    },
  });
}

/** PATCH /campaigns/:code: the plan as edited. */
export function useUpdateCampaignMutation(code: string) {
  const queryClient = useQueryClient();
  return useMutation<CampaignDto, ApiError, CampaignPatchRequest>({
    mutationFn: (patch) => apiRequest(path(code), campaignSchema, { method: 'PATCH', body: patch }),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.campaign(code), campaign);
      return queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
    },
  });
}

/** POST /campaigns/:code/launch → 202: the campaign with its audience building; the campaign query then polls until it is built. */
export function useLaunchCampaignMutation(code: string) {
  const queryClient = useQueryClient();
  return useMutation<LaunchCampaignResponse, ApiError>({
    mutationFn: () => apiRequest(`${path(code)}/launch`, launchCampaignResponseSchema, { method: 'POST' }),
    onSuccess: (response) => {
      queryClient.setQueryData(campaignKeys.campaign(code), response.campaign);
      return queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
}

/** POST /campaigns/:code/cancel with a reason, or /complete. */
export function useCampaignActionMutation(code: string) {
  const queryClient = useQueryClient();
  return useMutation<CampaignDto, ApiError, { action: 'cancel'; reason: string } | { action: 'complete' }>({
    mutationFn: (request) =>
      request.action === 'cancel'
        ? apiRequest(`${path(code)}/cancel`, campaignSchema, { method: 'POST', body: { reason: request.reason } })
        : apiRequest(`${path(code)}/complete`, campaignSchema, { method: 'POST' }),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.campaign(code), campaign);
      return queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
}

/** POST /campaigns/rollups/refresh for one campaign → 202 with the job; the figures are asked again once it has run. */
export function useRefreshRollupsMutation(code: string) {
  return useMutation<{ jobId: string }, ApiError>({
    mutationFn: () => apiRequest('/campaigns/rollups/refresh', refreshRollupsResponseSchema, { method: 'POST', body: { campaignCodes: [code] } }),
  });
}

export const CAMPAIGN_EXPORT_FORMATS = ['csv', 'arrow'] as const;
export type CampaignExportFormat = (typeof CAMPAIGN_EXPORT_FORMATS)[number];

const EXPORT_MEDIA_TYPES: Readonly<Record<CampaignExportFormat, string>> = {
  csv: 'text/csv',
  arrow: 'application/vnd.apache.arrow.stream',
};

/** Downloads a campaign table (a breakdown, the trend, the curves, the members) as CSV or Arrow, as on screen. */
export function downloadCampaignTable(tablePath: string, format: CampaignExportFormat, query: QueryParams = {}): Promise<DownloadedFile> {
  return apiDownload(tablePath, EXPORT_MEDIA_TYPES[format], { query: { ...query, format } });
}

export { path as campaignPath };
