import { Injectable, Logger } from '@nestjs/common';
import type { JobContext, JobName } from './job.types';
import { JobRegistry } from './job-registry.service';

export interface JobExecution {
  /** The public id (`<queue>:<id>`). */
  id: string;
  name: JobName;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  payload: unknown;
  reportProgress: JobContext['reportProgress'];
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : 'job failed with a non-Error value';
}

/**
 * Runs one attempt of a job with its registered handler; both runners go through here so logs look
 * the same on BullMQ and in-process. Log lines carry the job id and name, never payload values.
 */
@Injectable()
export class JobExecutor {
  private readonly logger = new Logger('Jobs');

  constructor(private readonly registry: JobRegistry) {}

  async execute(job: JobExecution): Promise<unknown> {
    const fields = { jobId: job.id, jobName: job.name, attempt: job.attempt, maxAttempts: job.maxAttempts };
    const started = performance.now();
    this.logger.log({ msg: 'job started', ...fields });
    try {
      const handler = this.registry.get(job.name);
      const result = await handler(job.payload, { jobId: job.id, attempt: job.attempt, reportProgress: job.reportProgress });
      this.logger.log({ msg: 'job completed', ...fields, durationMs: Math.round(performance.now() - started) });
      return result;
    } catch (error) {
      const willRetry = job.attempt < job.maxAttempts;
      const entry = { msg: 'job failed', ...fields, willRetry, error: errorMessage(error), durationMs: Math.round(performance.now() - started) };
      if (willRetry) this.logger.warn(entry);
      else this.logger.error(entry);
      throw error;
    }
  }
}
