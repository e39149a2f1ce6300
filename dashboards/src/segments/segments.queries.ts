import { tierCountsResponseSchema, type TierCountsQuery, type TierCountsResponse } from '@banca/contracts';
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ApiError } from '../api/api-error';
import { apiRequest } from '../api/client';

export const tierCountsQueryKey = (filters: TierCountsQuery) => ['segments', 'tiers', filters] as const;

/** GET /segments/tiers: customers per tier for the given filters. */
export function useTierCountsQuery(filters: TierCountsQuery): UseQueryResult<TierCountsResponse, ApiError> {
  return useQuery<TierCountsResponse, ApiError>({
    queryKey: tierCountsQueryKey(filters),
    queryFn: ({ signal }) => apiRequest('/segments/tiers', tierCountsResponseSchema, { query: filters, signal }),
    // Keep the last chart on screen while a new filter loads, instead of flashing the spinner.
    placeholderData: keepPreviousData,
  });
}
