import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { toValidationError, type ErrorEnvelope } from '@banca/contracts';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '@banca/domain';

export interface ErrorResponse {
  status: number;
  envelope: ErrorEnvelope;
  /** Set for 500s: the id quoted to support and logged with the stack. */
  errorId?: string;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

export const codeForStatus = (status: number): string => CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');

export function envelope(
  status: number,
  code: string,
  message: string,
  requestId: string,
  extra: { details?: Record<string, unknown>; errorId?: string } = {},
): ErrorResponse {
  const error: ErrorEnvelope['error'] = { code, message, requestId };
  if (extra.errorId) error.errorId = extra.errorId;
  if (extra.details && Object.keys(extra.details).length > 0) error.details = extra.details;
  return { status, envelope: { error }, ...(extra.errorId ? { errorId: extra.errorId } : {}) };
}

function statusOfDomainError(error: DomainError): number {
  if (error instanceof NotFoundError) return HttpStatus.NOT_FOUND;
  if (error instanceof ValidationError) return HttpStatus.BAD_REQUEST;
  if (error instanceof ConflictError) return HttpStatus.CONFLICT;
  if (error instanceof UnauthenticatedError) return HttpStatus.UNAUTHORIZED;
  if (error instanceof ForbiddenError) return HttpStatus.FORBIDDEN;
  // Another domain refusal (a subclass a feature added): the request was understood and refused.
  return HttpStatus.UNPROCESSABLE_ENTITY;
}

function messageOfHttpException(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}

/** Maps anything thrown while handling a request to the one error envelope. */
export function toErrorResponse(exception: unknown, requestId: string): ErrorResponse {
  if (exception instanceof ZodValidationException) {
    const zodError = exception.getZodError();
    if (zodError instanceof ZodError) return toErrorResponse(toValidationError(zodError), requestId);
  }
  if (exception instanceof DomainError) {
    return envelope(statusOfDomainError(exception), exception.code, exception.message, requestId, {
      details: exception.details,
    });
  }
  if (exception instanceof ThrottlerException) {
    return envelope(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', 'Too many requests; try again in a minute', requestId);
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    return envelope(status, codeForStatus(status), messageOfHttpException(exception), requestId);
  }
  const errorId = randomUUID();
  return envelope(
    HttpStatus.INTERNAL_SERVER_ERROR,
    'INTERNAL',
    `Internal error; quote error id ${errorId} to support`,
    requestId,
    { errorId },
  );
}
