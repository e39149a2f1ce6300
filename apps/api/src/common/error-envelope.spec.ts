import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZodValidationException } from 'nestjs-zod';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '@banca/domain';
import { toErrorResponse } from './error-envelope';

class QuotaExceededError extends DomainError {
  readonly code = 'QUOTA_EXCEEDED';
}

describe('toErrorResponse', () => {
  it.each([
    [new NotFoundError('No such campaign'), 404, 'NOT_FOUND'],
    [new ConflictError('Exists already'), 409, 'CONFLICT'],
    [new UnauthenticatedError('Sign in'), 401, 'UNAUTHENTICATED'],
    [new ForbiddenError('Not yours'), 403, 'FORBIDDEN'],
    [new QuotaExceededError('Too many audiences'), 422, 'QUOTA_EXCEEDED'],
  ])('maps %s to %i %s with its message and the request id', (error, status, code) => {
    expect(toErrorResponse(error, 'req-1')).toEqual({
      status,
      envelope: { error: { code, message: error.message, requestId: 'req-1' } },
    });
  });

  it('maps a ValidationError to 400 with file, line and field in the details', () => {
    const error = new ValidationError('not a date', { file: 'sales.csv', line: 7, field: 'sold_at' });
    expect(toErrorResponse(error, 'r')).toEqual({
      status: 400,
      envelope: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'sales.csv, line 7, field "sold_at": not a date',
          requestId: 'r',
          details: { file: 'sales.csv', line: 7, field: 'sold_at' },
        },
      },
    });
  });

  it('maps a nestjs-zod validation exception to a validation error naming the field', () => {
    const parsed = z.object({ role: z.enum(['admin']) }).safeParse({ role: 'boss' });
    if (parsed.success) throw new Error('expected a failure');
    const { status, envelope } = toErrorResponse(new ZodValidationException(parsed.error), 'r');
    expect(status).toBe(400);
    expect(envelope.error.code).toBe('VALIDATION_FAILED');
    expect(envelope.error.details).toMatchObject({ field: 'role' });
    expect(envelope.error.message).toContain('field "role"');
  });

  it('maps throttling to 429 and Nest HTTP exceptions to their status', () => {
    expect(toErrorResponse(new ThrottlerException(), 'r').status).toBe(429);
    expect(toErrorResponse(new ThrottlerException(), 'r').envelope.error.code).toBe('RATE_LIMITED');
    expect(toErrorResponse(new NotFoundException('Cannot GET /api/v1/nope'), 'r').envelope.error).toEqual({
      code: 'NOT_FOUND',
      message: 'Cannot GET /api/v1/nope',
      requestId: 'r',
    });
    expect(toErrorResponse(new PayloadTooLargeException(), 'r').envelope.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(toErrorResponse(new BadRequestException(['a is wrong', 'b is wrong']), 'r').envelope.error.message).toBe(
      'a is wrong; b is wrong',
    );
  });

  it('answers anything else with 500, an error id and neither the message nor the stack', () => {
    const error = new Error('password authentication failed for user "root" at 10.0.0.7');
    const response = toErrorResponse(error, 'r');
    expect(response.status).toBe(500);
    expect(response.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.envelope.error).toEqual({
      code: 'INTERNAL',
      message: `Internal error; quote error id ${response.errorId} to support`,
      requestId: 'r',
      errorId: response.errorId,
    });
    expect(JSON.stringify(response.envelope)).not.toMatch(/password|10\.0\.0\.7|at /);
    expect(toErrorResponse('a string', 'r').status).toBe(500);
    expect(toErrorResponse(new Error('x'), 'r').errorId).not.toBe(response.errorId);
  });
});
