import { z } from 'zod';

export const healthCheckStatusSchema = z.enum(['up', 'down']);

export const livenessResponseSchema = z.object({ status: z.literal('ok') });
export type LivenessResponse = z.infer<typeof livenessResponseSchema>;

/** Readiness: 200 when every dependency answers, 503 naming the ones that did not. */
export const readinessResponseSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ database: healthCheckStatusSchema, queue: healthCheckStatusSchema }),
});
export type ReadinessResponse = z.infer<typeof readinessResponseSchema>;
