import type { z } from 'zod';
import { ValidationError } from '@banca/domain';

/** The issues of a failed parse as plain data: where (dotted path) and what. */
export function describeIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

/** A ZodError as the domain ValidationError naming the first offending field. */
export function toValidationError(error: z.ZodError, what = 'request'): ValidationError {
  const issues = describeIssues(error);
  const first = issues[0];
  const message = first ? first.message : `Invalid ${what}`;
  return new ValidationError(message, first?.field ? { field: first.field } : {}, { issues });
}

/** Parses input at a boundary the HTTP pipe does not cover (CLI, services called directly). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw toValidationError(result.error, what);
  return result.data;
}
