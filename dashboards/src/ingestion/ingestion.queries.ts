import {
  ingestionRejectListSchema,
  ingestionRunListSchema,
  ingestionRunSchema,
  type IngestionRejectListDto,
  type IngestionRunDto,
  type IngestionRunListDto,
  type ListIngestionsQuery,
  type ListRejectsQuery,
} from '@banca/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { ApiError } from '../api/api-error';
import { apiDownload, apiRequest, type DownloadedFile } from '../api/client';
import { isRunActive, runRefetchInterval } from './run-status';

export const ingestionKeys = {
  all: ['ingestions'] as const,
  runs: (query: ListIngestionsQuery) => ['ingestions', 'runs', query] as const,
  run: (id: string) => ['ingestions', 'run', id] as const,
  rejects: (id: string, query: ListRejectsQuery) => ['ingestions', 'rejects', id, query] as const,
};

/** GET /ingestions: the latest runs, newest first. */
export function useIngestionRunsQuery(query: ListIngestionsQuery): UseQueryResult<IngestionRunListDto, ApiError> {
  return useQuery<IngestionRunListDto, ApiError>({
    queryKey: ingestionKeys.runs(query),
    queryFn: ({ signal }) => apiRequest('/ingestions', ingestionRunListSchema, { query, signal }),
    placeholderData: keepPreviousData,
    // Runs change under the page (a job finishing, a colleague uploading): never serve a stale list.
    staleTime: 0,
  });
}

/**
 * GET /ingestions/:id: one run, polled while it is queued or running so its progress bar and counts move,
 * and left alone once it is completed or failed. `initial` is the run as the list last showed it.
 */
export function useIngestionRunQuery(id: string, initial?: IngestionRunDto): UseQueryResult<IngestionRunDto, ApiError> {
  const queryClient = useQueryClient();
  return useQuery<IngestionRunDto, ApiError>({
    queryKey: ingestionKeys.run(id),
    queryFn: async ({ signal }) => {
      const before = queryClient.getQueryData<IngestionRunDto>(ingestionKeys.run(id));
      const run = await apiRequest(`/ingestions/${encodeURIComponent(id)}`, ingestionRunSchema, { signal });
      if (before && isRunActive(before.status) && !isRunActive(run.status)) {
        // A finished load changes the run list and, once re-tiered, every customer figure.
        void queryClient.invalidateQueries({ queryKey: ['ingestions', 'runs'] });
        void queryClient.invalidateQueries({ queryKey: ['segments'] });
      }
      return run;
    },
    initialData: initial,
    // The list's copy may already be old: an active run is fetched at once, a finished one is final.
    initialDataUpdatedAt: initial && runRefetchInterval(initial) === false ? Date.now() : 0,
    refetchInterval: (query) => runRefetchInterval(query.state.data),
    staleTime: 0,
  });
}

/** GET /ingestions/:id/rejects: one page of a run's rejected rows, by line then field. */
export function useIngestionRejectsQuery(id: string, query: ListRejectsQuery, enabled = true): UseQueryResult<IngestionRejectListDto, ApiError> {
  return useQuery<IngestionRejectListDto, ApiError>({
    queryKey: ingestionKeys.rejects(id, query),
    queryFn: ({ signal }) => apiRequest(`/ingestions/${encodeURIComponent(id)}/rejects`, ingestionRejectListSchema, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** GET /ingestions/:id/rejects.csv: every reject of the run as a CSV file. */
export function downloadRejectsCsv(id: string): Promise<DownloadedFile> {
  return apiDownload(`/ingestions/${encodeURIComponent(id)}/rejects.csv`, 'text/csv');
}

/** POST /ingestions (multipart): queues the file; the new run is cached so the page can follow it at once. */
export function useUploadIngestionMutation() {
  const queryClient = useQueryClient();
  return useMutation<IngestionRunDto, ApiError, FormData>({
    mutationFn: (form) => apiRequest('/ingestions', ingestionRunSchema, { method: 'POST', body: form }),
    onSuccess: (run) => {
      queryClient.setQueryData(ingestionKeys.run(run.id), run);
      void queryClient.invalidateQueries({ queryKey: ['ingestions', 'runs'] });
    },
  });
}
