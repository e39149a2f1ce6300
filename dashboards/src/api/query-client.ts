import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';

/** Retrying cannot fix a refused or invalid request, only a failed connection or a server error. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (failureCount >= 2) return false;
  if (!isApiError(error)) return true;
  return error.status === null || error.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 60_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
