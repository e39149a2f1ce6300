import { z } from 'zod';
import { TIERS } from '@banca/domain';

export const tierSchema = z.enum(TIERS);

/** Filters of the tier counts; every filter lives in the dashboard URL too. */
export const tierCountsQuerySchema = z.object({
  region: z.string().trim().min(1).max(100).optional(),
  branchCode: z.string().trim().min(1).max(100).optional(),
});
export type TierCountsQuery = z.infer<typeof tierCountsQuerySchema>;

export const tierCountsResponseSchema = z.object({
  tiers: z.array(z.object({ tier: tierSchema, customers: z.number().int().nonnegative() })),
  total: z.number().int().nonnegative(),
  /** Version of the tier rule set the counts were computed with; null before any tiering ran. */
  ruleVersion: z.number().int().nullable(),
  /** When tiers were last computed (ISO-8601); null before any tiering ran. */
  computedAt: z.string().datetime().nullable(),
  /** Regions present among customers, for the filter control. */
  regions: z.array(z.string()),
});
export type TierCountsResponse = z.infer<typeof tierCountsResponseSchema>;
