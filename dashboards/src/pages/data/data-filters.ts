import { ingestionEntitySchema } from '@banca/contracts';
import { z } from 'zod';

/** The Data page's URL: the runs list's entity filter and the run whose detail is open. */
export const dataPageFiltersSchema = z.object({
  entity: ingestionEntitySchema.optional(),
  run: z.string().uuid().optional(),
});
