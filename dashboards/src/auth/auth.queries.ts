import { loginResponseSchema, userSchema, type LoginRequest, type LoginResponse, type UserDto } from '@banca/contracts';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { ApiError } from '../api/api-error';
import { apiCommand, apiRequest } from '../api/client';
import { sessionStore } from '../api/session.store';

export const meQueryKey = (token: string | null) => ['auth', 'me', token] as const;

/** GET /auth/me: who the stored token belongs to. Keyed by token so a new sign-in never shows the last user. */
export function useMeQuery(token: string | null): UseQueryResult<UserDto, ApiError> {
  return useQuery<UserDto, ApiError>({
    queryKey: meQueryKey(token),
    queryFn: ({ signal }) => apiRequest('/auth/me', userSchema, { signal }),
    enabled: token !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** POST /auth/login: stores the session and primes the me query with the user it returns. */
export function useLoginMutation() {
  const queryClient = useQueryClient();
  return useMutation<LoginResponse, ApiError, LoginRequest>({
    mutationFn: (credentials) => apiRequest('/auth/login', loginResponseSchema, { method: 'POST', body: credentials }),
    onSuccess: ({ token, expiresAt, user }) => {
      queryClient.setQueryData(meQueryKey(token), user);
      sessionStore.set({ token, expiresAt });
    },
  });
}

/** POST /auth/logout: the local session ends even if the server cannot be told. */
export function useLogoutMutation() {
  return useMutation<void, ApiError, void>({
    mutationFn: () => apiCommand('/auth/logout'),
    onSettled: () => sessionStore.clear(),
  });
}
