import { z } from 'zod';
import { TIERS } from '@banca/domain';

export const tierSchema = z.enum(TIERS);

export const tierCountsResponseSchema = z.object({
  tiers: z.array(z.object({ tier: tierSchema, customers: z.number().int().nonnegative() })),
  total: z.number().int().nonnegative(),
  /** Version of the tier rule set the counts were computed with; null before any tiering ran. */
  ruleVersion: z.number().int().nullable(),
  /** When tiers were last computed (ISO-8601); null before any tiering ran. */
  computedAt: z.string().datetime().nullable(),
});
export type TierCountsResponse = z.infer<typeof tierCountsResponseSchema>;
