import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { NotFoundError } from '@banca/domain';
import {
  JOB_QUEUE,
  type EnqueueOptions,
  type JobName,
  type JobPayloads,
  type JobQueue,
  type JobState,
  type JobStatus,
  type QueueName,
  type WaitForOptions,
} from './job.types';
import { assertCustomJobId, toJobId } from './job-id.util';
import { errorMessage, type JobExecutor } from './job.executor';
import { JobWaitTimeoutError, QueueClosedError } from './queue.errors';
import type { ResolvedQueueOptions } from './queue.options';

interface InProcessJob {
  id: string;
  name: JobName;
  queue: QueueName;
  payload: unknown;
  state: JobState;
  progress: JobStatus['progress'];
  attemptsMade: number;
  maxAttempts: number;
  result?: unknown;
  error?: string;
  createdAt: Date;
  finishedAt?: Date;
}

/** BullMQ stores payloads, progress and results as JSON; doing the same here keeps both runners alike. */
function asJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * The embedded runner: jobs run one at a time, in the order they became ready, in this process, with
 * BullMQ's retry rule (attempts, exponential backoff; a job waiting for its retry lets later jobs run).
 * State lives in memory with a bounded history of finished jobs.
 */
export class InProcessRunner implements JobQueue, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('InProcessQueue');
  private readonly jobs = new Map<string, InProcessJob>();
  private readonly ready: string[] = [];
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private readonly completed: string[] = [];
  private readonly failed: string[] = [];
  private readonly waiters = new Map<string, Set<(status: JobStatus) => void>>();
  private readonly idleWaiters = new Set<() => void>();
  /** Set while a handler runs, so jobs it enqueues during shutdown are still accepted (chained work). */
  private readonly jobScope = new AsyncLocalStorage<string>();
  private nextId = 1;
  private started = false;
  private processing = false;
  private closing = false;
  private stopped = false;

  constructor(
    private readonly options: ResolvedQueueOptions,
    private readonly executor: JobExecutor,
  ) {}

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    if (this.stopped || (this.closing && this.jobScope.getStore() === undefined)) throw new QueueClosedError(`job "${name}"`);
    const queue = JOB_QUEUE[name];
    if (!this.options.queues.includes(queue)) {
      throw new Error(`Job "${name}" cannot run: queue "${queue}" is not run by this process and the in-process queue has no other workers`);
    }
    if (options.jobId !== undefined) assertCustomJobId(options.jobId);
    const id = toJobId(queue, options.jobId ?? String(this.nextId++));
    if (this.jobs.has(id)) return id;
    this.jobs.set(id, {
      id,
      name,
      queue,
      payload: asJson(payload),
      state: 'waiting',
      progress: 0,
      attemptsMade: 0,
      maxAttempts: Math.max(1, options.attempts ?? this.options.defaultAttempts),
      createdAt: new Date(),
    });
    this.ready.push(id);
    this.schedule();
    return id;
  }

  async getJob(id: string): Promise<JobStatus | null> {
    const job = this.jobs.get(id);
    return job ? this.status(job) : null;
  }

  async waitFor(id: string, { timeoutMs }: WaitForOptions = {}): Promise<JobStatus> {
    const job = this.jobs.get(id);
    if (!job) throw new NotFoundError(`Job ${id} not found`, { jobId: id });
    if (job.state === 'completed' || job.state === 'failed') return this.status(job);
    return new Promise<JobStatus>((resolve, reject) => {
      const listeners = this.waiters.get(id) ?? new Set();
      this.waiters.set(id, listeners);
      let timer: NodeJS.Timeout | undefined;
      const listener = (status: JobStatus) => {
        if (timer) clearTimeout(timer);
        resolve(status);
      };
      listeners.add(listener);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new JobWaitTimeoutError(id, timeoutMs, this.jobs.get(id)?.state ?? job.state));
        }, timeoutMs);
      }
    });
  }

  async ping(): Promise<void> {}

  onApplicationBootstrap(): void {
    this.started = true;
    this.schedule();
  }

  /** Refuses new jobs, then runs what is queued (retries included) up to the drain timeout. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    const drained = this.started && (await this.whenIdle(this.options.drainTimeoutMs));
    this.stopped = true;
    for (const timer of this.retryTimers.values()) clearTimeout(timer);
    this.retryTimers.clear();
    if (drained) return;
    const lost = [...this.jobs.values()].filter((j) => j.state === 'waiting' || j.state === 'delayed' || j.state === 'active');
    if (lost.length > 0) {
      this.logger.warn({
        msg: 'jobs lost at shutdown: the in-process queue keeps no state across restarts',
        count: lost.length,
        jobIds: lost.map((j) => j.id),
      });
    }
  }

  private schedule(): void {
    if (!this.started || this.processing || this.stopped || this.ready.length === 0) return;
    this.processing = true;
    // run after the caller's turn: enqueue returns before the job starts
    setImmediate(() => void this.processReady());
  }

  private async processReady(): Promise<void> {
    try {
      for (let id = this.ready.shift(); id !== undefined && !this.stopped; id = this.ready.shift()) {
        const job = this.jobs.get(id);
        if (job) await this.runAttempt(job);
      }
    } finally {
      this.processing = false;
      this.notifyIfIdle();
    }
  }

  private async runAttempt(job: InProcessJob): Promise<void> {
    job.state = 'active';
    const attempt = job.attemptsMade + 1;
    try {
      const result = await this.jobScope.run(job.id, () =>
        this.executor.execute({
          id: job.id,
          name: job.name,
          attempt,
          maxAttempts: job.maxAttempts,
          payload: asJson(job.payload),
          reportProgress: async (progress) => {
            job.progress = asJson(progress);
          },
        }),
      );
      job.result = asJson(result);
      job.attemptsMade = attempt;
      this.finish(job, 'completed');
    } catch (error) {
      job.attemptsMade = attempt;
      job.error = errorMessage(error);
      if (attempt < job.maxAttempts) this.retryLater(job, this.options.backoffMs * 2 ** (attempt - 1));
      else this.finish(job, 'failed');
    }
  }

  private retryLater(job: InProcessJob, delayMs: number): void {
    job.state = 'delayed';
    this.retryTimers.set(
      job.id,
      setTimeout(() => {
        this.retryTimers.delete(job.id);
        job.state = 'waiting';
        this.ready.push(job.id);
        this.schedule();
      }, delayMs),
    );
  }

  private finish(job: InProcessJob, state: 'completed' | 'failed'): void {
    job.state = state;
    job.finishedAt = new Date();
    const history = state === 'completed' ? this.completed : this.failed;
    const keep = state === 'completed' ? this.options.keepCompleted : this.options.keepFailed;
    history.push(job.id);
    while (history.length > keep) {
      const evicted = history.shift();
      if (evicted !== undefined) this.jobs.delete(evicted);
    }
    const listeners = this.waiters.get(job.id);
    if (listeners) {
      this.waiters.delete(job.id);
      const status = this.status(job);
      for (const listener of listeners) listener(status);
    }
  }

  private isIdle(): boolean {
    return !this.processing && this.ready.length === 0 && this.retryTimers.size === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters) resolve();
    this.idleWaiters.clear();
  }

  /** True once nothing is running, ready or waiting for a retry; false if that takes longer than timeoutMs. */
  private whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.isIdle()) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.idleWaiters.delete(onIdle);
        resolve(false);
      }, timeoutMs);
      const onIdle = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.idleWaiters.add(onIdle);
    });
  }

  private status(job: InProcessJob): JobStatus {
    return {
      id: job.id,
      name: job.name,
      queue: job.queue,
      state: job.state,
      progress: asJson(job.progress),
      attemptsMade: job.attemptsMade,
      maxAttempts: job.maxAttempts,
      ...(job.state === 'completed' ? { result: asJson(job.result) } : {}),
      ...(job.error !== undefined ? { error: job.error } : {}),
      createdAt: job.createdAt.toISOString(),
      ...(job.finishedAt ? { finishedAt: job.finishedAt.toISOString() } : {}),
    };
  }
}
