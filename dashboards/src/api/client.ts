import { errorEnvelopeSchema } from '@banca/contracts';
import type { z } from 'zod';
import { ApiError } from './api-error';
import { sessionStore } from './session.store';

const API_BASE = '/api/v1';

export type QueryParams = Record<string, string | number | undefined>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  /** Sent as JSON, or as multipart when it is FormData (the browser then sets the boundary). */
  body?: unknown;
  signal?: AbortSignal;
}

export function apiUrl(path: string, query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

async function send(path: string, options: RequestOptions, accept = 'application/json'): Promise<Response> {
  const token = sessionStore.token();
  const headers = new Headers({ Accept: accept });
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let body: BodyInit | null = null;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set('Content-Type', 'application/json');
  }

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('NETWORK', cause instanceof Error ? cause.message : String(cause), null, null);
  }

  if (!response.ok) {
    const error = await toApiError(response);
    // A rejected token means the session is over: clearing it sends the app back to the login page.
    // A 401 without a token (a wrong password at login) is only an error to show.
    if (response.status === 401 && token) sessionStore.clear();
    throw error;
  }
  return response;
}

async function toApiError(response: Response): Promise<ApiError> {
  const headerRequestId = response.headers.get('x-request-id');
  const body: unknown = await response.json().catch(() => null);
  const envelope = errorEnvelopeSchema.safeParse(body);
  if (envelope.success) {
    const { code, message, requestId, errorId, details } = envelope.data.error;
    return new ApiError(code, message, response.status, requestId, errorId ?? null, details ?? {});
  }
  return new ApiError(`HTTP_${response.status}`, response.statusText, response.status, headerRequestId);
}

/** Calls the API and validates the answer against its contract schema. */
export async function apiRequest<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const response = await send(path, options);
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      'INVALID_RESPONSE',
      `${options.method ?? 'GET'} ${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`,
      response.status,
      response.headers.get('x-request-id'),
    );
  }
  return parsed.data;
}

/** Calls an API endpoint whose answer carries no body worth reading (204, or an acknowledgement). */
export async function apiCommand(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, { method: 'POST', ...options });
}

export interface DownloadedFile {
  blob: Blob;
  /** The name the server gave the file (Content-Disposition), if any. */
  fileName: string | null;
}

/**
 * Fetches a file (CSV, Arrow) with the bearer token. A plain link cannot carry the Authorization header,
 * so downloads go through fetch and a blob.
 */
export async function apiDownload(path: string, accept: string, options: Pick<RequestOptions, 'query' | 'signal'> = {}): Promise<DownloadedFile> {
  const response = await send(path, options, accept);
  return { blob: await response.blob(), fileName: fileNameFromContentDisposition(response.headers.get('content-disposition')) };
}

/** The file name of a Content-Disposition header, preferring the RFC 5987 `filename*` form (UTF-8 names). */
export function fileNameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: fall back to the plain filename parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name ? name : null;
}
