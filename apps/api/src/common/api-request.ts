import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import type { Actor } from '@banca/domain';

/** An HTTP request after the request-id middleware and the auth guard. */
export interface ApiRequest extends Request {
  actor?: Actor;
}

/** The id the request-id middleware stored on the request (pino-http reads the same `req.id`). */
export function requestIdOf(req: IncomingMessage): string {
  const id: unknown = (req as { id?: unknown }).id;
  return typeof id === 'string' ? id : 'unknown';
}

export function bearerTokenOf(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}
