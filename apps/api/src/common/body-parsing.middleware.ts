import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from './api-request';
import { codeForStatus, envelope, toErrorResponse } from './error-envelope';

/** Fixed messages: body-parser's own ones quote fragments of the raw body. */
const MESSAGE_BY_TYPE: Record<string, string> = {
  'entity.parse.failed': 'Request body is not valid JSON',
  'entity.too.large': 'Request body is too large',
  'encoding.unsupported': 'Request body encoding is not supported',
  'charset.unsupported': 'Request body charset is not supported',
  'request.aborted': 'Request was aborted',
};

const logger = new Logger('HttpError');

/**
 * Errors raised by express middleware before Nest routing (body parsing, mostly), in the same envelope;
 * express's default handler would answer HTML, with a stack outside production.
 */
export function preRoutingErrorHandler(error: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  const requestId = requestIdOf(req);
  const given = error !== null && typeof error === 'object' ? (error as { status?: unknown; type?: unknown }) : {};
  if (typeof given.status === 'number' && given.status >= 400 && given.status < 500) {
    const message = MESSAGE_BY_TYPE[typeof given.type === 'string' ? given.type : ''] ?? 'Bad request';
    res.status(given.status).json(envelope(given.status, codeForStatus(given.status), message, requestId).envelope);
    return;
  }
  const response = toErrorResponse(error, requestId);
  logger.error({ err: error, errorId: response.errorId, requestId }, 'unhandled error before routing');
  res.status(response.status).json(response.envelope);
}
