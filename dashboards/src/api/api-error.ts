/** Codes the client itself produces, next to the server's own (UNAUTHENTICATED, FORBIDDEN, ...). */
export type ClientErrorCode = 'NETWORK' | 'INVALID_RESPONSE';

/** A failed API call, carrying what support needs to find it in the server logs. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null,
    readonly requestId: string | null,
    readonly errorId: string | null = null,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
