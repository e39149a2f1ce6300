import type { AppConfig } from '@banca/config';
import { JOB_QUEUE, QueueName, type JobName } from './job.types';

export interface QueueModuleOptions {
  /**
   * Run job handlers in this process: apps/worker passes true; default `config.runJobsInApi`.
   * The in-process queue always runs them (nothing else could).
   */
  runJobs?: boolean;
  /** Queues whose jobs this process runs (default: all); the boot check covers their jobs only. */
  queues?: readonly QueueName[];
  /** Delay before the first retry, doubled at each further retry. Default 1000 ms (BullMQ), 200 ms (in-process). */
  backoffMs?: number;
  /** Completed jobs kept for `getJob` (BullMQ completed set, in-process history). Default 1000. */
  keepCompleted?: number;
  /** Failed jobs kept with their error. Default 10 000. */
  keepFailed?: number;
  /** In-process only: how long shutdown waits for queued jobs before reporting them lost. Default 30 s. */
  drainTimeoutMs?: number;
}

export interface ResolvedQueueOptions {
  runJobs: boolean;
  queues: readonly QueueName[];
  /** Jobs whose handler must exist in this process. */
  requiredJobs: readonly JobName[];
  defaultAttempts: number;
  backoffMs: number;
  keepCompleted: number;
  keepFailed: number;
  drainTimeoutMs: number;
}

export const QUEUE_MODULE_OPTIONS = Symbol('QUEUE_MODULE_OPTIONS');

/** What QueueModule needs of the AppConfig when the module is defined. */
export type QueueAppConfig = Pick<AppConfig, 'queue' | 'runJobsInApi'>;

export function resolveQueueOptions(config: QueueAppConfig, options: QueueModuleOptions = {}): ResolvedQueueOptions {
  const inProcess = config.queue.kind === 'in-process';
  const runJobs = inProcess || (options.runJobs ?? config.runJobsInApi);
  const queues = options.queues ?? Object.values(QueueName);
  const requiredJobs = runJobs
    ? (Object.entries(JOB_QUEUE) as [JobName, QueueName][]).filter(([, q]) => queues.includes(q)).map(([job]) => job)
    : [];
  return {
    runJobs,
    queues,
    requiredJobs,
    defaultAttempts: 3,
    backoffMs: options.backoffMs ?? (inProcess ? 200 : 1000),
    keepCompleted: options.keepCompleted ?? 1000,
    keepFailed: options.keepFailed ?? 10_000,
    drainTimeoutMs: options.drainTimeoutMs ?? 30_000,
  };
}
