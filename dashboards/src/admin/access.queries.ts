import {
  apiTokenSchema,
  createApiTokenResponseSchema,
  createUserResponseSchema,
  userRecordSchema,
  type ApiTokenDto,
  type CreateApiTokenRequest,
  type CreateApiTokenResponse,
  type CreateUserRequest,
  type CreateUserResponse,
  type UserRecordDto,
} from '@banca/contracts';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { z } from 'zod';
import type { ApiError } from '../api/api-error';
import { apiRequest } from '../api/client';

const userListSchema = z.array(userRecordSchema);
const apiTokenListSchema = z.array(apiTokenSchema);

export const accessKeys = {
  users: () => ['access', 'users'] as const,
  apiTokens: () => ['access', 'api-tokens'] as const,
};

/** Each change is audited: the audit log is refreshed with it. */
function refreshAfterChange(queryClient: ReturnType<typeof useQueryClient>, key: readonly string[]) {
  return Promise.all([queryClient.invalidateQueries({ queryKey: key }), queryClient.invalidateQueries({ queryKey: ['audit'] })]);
}

/** GET /users: every user, disabled ones included (kept, never deleted). */
export function useUsersQuery(): UseQueryResult<UserRecordDto[], ApiError> {
  return useQuery<UserRecordDto[], ApiError>({
    queryKey: accessKeys.users(),
    queryFn: ({ signal }) => apiRequest('/users', userListSchema, { signal }),
    staleTime: 0,
  });
}

/** POST /users: a new user; a generated password comes back this once. */
export function useCreateUserMutation() {
  const queryClient = useQueryClient();
  return useMutation<CreateUserResponse, ApiError, CreateUserRequest>({
    mutationFn: (request) => apiRequest('/users', createUserResponseSchema, { method: 'POST', body: request }),
    onSuccess: () => refreshAfterChange(queryClient, accessKeys.users()),
  });
}

/** POST /users/:id/disable or /enable: a disabled user keeps their history and cannot sign in. */
export function useSetUserDisabledMutation() {
  const queryClient = useQueryClient();
  return useMutation<UserRecordDto, ApiError, { id: string; disabled: boolean }>({
    mutationFn: ({ id, disabled }) =>
      apiRequest(`/users/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`, userRecordSchema, { method: 'POST' }),
    onSuccess: (user) => {
      queryClient.setQueryData<UserRecordDto[]>(accessKeys.users(), (users) => users?.map((listed) => (listed.id === user.id ? user : listed)));
      return refreshAfterChange(queryClient, accessKeys.users());
    },
  });
}

/** GET /api-tokens: every token (never its value), revoked ones included. */
export function useApiTokensQuery(): UseQueryResult<ApiTokenDto[], ApiError> {
  return useQuery<ApiTokenDto[], ApiError>({
    queryKey: accessKeys.apiTokens(),
    queryFn: ({ signal }) => apiRequest('/api-tokens', apiTokenListSchema, { signal }),
    staleTime: 0,
  });
}

/** POST /api-tokens: a new token; its value comes back this once (only its hash is stored). */
export function useCreateApiTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation<CreateApiTokenResponse, ApiError, CreateApiTokenRequest>({
    mutationFn: (request) => apiRequest('/api-tokens', createApiTokenResponseSchema, { method: 'POST', body: request }),
    onSuccess: () => refreshAfterChange(queryClient, accessKeys.apiTokens()),
  });
}

/** POST /api-tokens/:id/revoke: requests with the token are refused from now on. */
export function useRevokeApiTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation<ApiTokenDto, ApiError, string>({
    mutationFn: (id) => apiRequest(`/api-tokens/${encodeURIComponent(id)}/revoke`, apiTokenSchema, { method: 'POST' }),
    onSuccess: (token) => {
      queryClient.setQueryData<ApiTokenDto[]>(accessKeys.apiTokens(), (tokens) => tokens?.map((listed) => (listed.id === token.id ? token : listed)));
      return refreshAfterChange(queryClient, accessKeys.apiTokens());
    },
  });
}
