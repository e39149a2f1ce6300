/** Domain errors: plain classes thrown by services; apps/api maps them to HTTP in one filter. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

/** Where in an input the problem is: file, line (1-based, header is line 1), field. */
export interface InputLocation {
  file?: string;
  line?: number;
  field?: string;
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  constructor(message: string, readonly location: InputLocation = {}, details?: Record<string, unknown>) {
    super(formatLocated(message, location), { ...details, ...location });
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

function formatLocated(message: string, { file, line, field }: InputLocation): string {
  const where = [file, line !== undefined ? `line ${line}` : undefined, field ? `field "${field}"` : undefined]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${message}` : message;
}
