import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from './api-request';
import { toErrorResponse } from './error-envelope';

/** The one place errors become HTTP: domain errors by type, anything unknown as a 500 with an error id. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const requestId = requestIdOf(req);
    const { status, envelope, errorId } = toErrorResponse(exception, requestId);
    if (errorId) {
      const err = exception instanceof Error ? exception : new Error(`non-Error thrown: ${typeof exception}`);
      this.logger.error({ err, errorId, requestId, method: req.method, path: req.path }, 'unhandled error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json(envelope);
  }
}
