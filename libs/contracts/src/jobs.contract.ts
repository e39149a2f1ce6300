import { z } from 'zod';

export const jobStateSchema = z.enum(['waiting', 'delayed', 'active', 'completed', 'failed']);
export type JobStateDto = z.infer<typeof jobStateSchema>;

/** A job id as enqueue returns it: `<queue>:<id>`. */
export const jobIdSchema = z.string().trim().min(3).max(250).regex(/^[a-z-]+:.+$/, 'must look like <queue>:<id>');

/** POST /api/v1/jobs/ping: a round trip through the queue; `failTimes` makes the first attempts fail (retry drills). */
export const pingJobRequestSchema = z.object({
  message: z.string().trim().min(1).max(200),
  failTimes: z.number().int().min(0).max(10).optional(),
});
export type PingJobRequest = z.infer<typeof pingJobRequestSchema>;

export const enqueuedJobResponseSchema = z.object({ jobId: z.string() });
export type EnqueuedJobResponse = z.infer<typeof enqueuedJobResponseSchema>;

/** GET /api/v1/jobs/:id */
export const jobStatusResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  queue: z.string(),
  state: jobStateSchema,
  /** 0–100, or a structured progress object the handler reported. */
  progress: z.union([z.number(), z.record(z.string(), z.unknown())]),
  attemptsMade: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  result: z.unknown().optional(),
  /** Message of the last failed attempt, if any. */
  error: z.string().optional(),
  createdAt: z.string().datetime(),
  finishedAt: z.string().datetime().optional(),
});
export type JobStatusResponse = z.infer<typeof jobStatusResponseSchema>;
