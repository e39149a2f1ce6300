import type { JobState } from './job.types';

/** A job handler is missing, duplicated or unusable: the process must not start. */
export class JobRegistryError extends Error {
  constructor(readonly problems: string[]) {
    super(`Job handlers are not set up correctly:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'JobRegistryError';
  }
}

export class JobWaitTimeoutError extends Error {
  constructor(
    readonly jobId: string,
    readonly timeoutMs: number,
    readonly state: JobState,
  ) {
    super(`Job ${jobId} did not finish within ${timeoutMs} ms (still ${state})`);
    this.name = 'JobWaitTimeoutError';
  }
}

/** The process is shutting down and takes no new jobs. */
export class QueueClosedError extends Error {
  constructor(what: string) {
    super(`The job queue is shutting down: ${what} was not enqueued`);
    this.name = 'QueueClosedError';
  }
}
