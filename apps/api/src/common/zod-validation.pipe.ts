import { createZodValidationPipe } from 'nestjs-zod';
import { ZodError } from 'zod';
import { toValidationError } from '@banca/contracts';
import { ValidationError } from '@banca/domain';

/** Validates every nestjs-zod DTO parameter; failures become a domain ValidationError naming the field. */
export const ApiValidationPipe = createZodValidationPipe({
  createValidationException: (error: unknown) =>
    error instanceof ZodError ? toValidationError(error) : new ValidationError('Invalid request'),
});
