import { z } from 'zod';

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
    /** The envelope's details: for a validation failure, `issues` naming each offending field. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** One problem of a rejected input: the dotted path of the field (`rule.children.0.value`) and what is wrong. */
export interface FieldIssue {
  field: string;
  message: string;
}

const fieldIssueSchema = z.object({ field: z.string(), message: z.string() });

/** The per-field issues of a VALIDATION_FAILED answer, so a form can show each next to its control. */
export function fieldIssuesOf(error: unknown): FieldIssue[] {
  if (!isApiError(error)) return [];
  const issues = z.array(z.unknown()).safeParse(error.details.issues);
  if (issues.success) return issues.data.flatMap((issue) => fieldIssueSchema.safeParse(issue).data ?? []);
  const field = error.details.field;
  return typeof field === 'string' ? [{ field, message: error.message }] : [];
}
