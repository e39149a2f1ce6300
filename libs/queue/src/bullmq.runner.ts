import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { Queue, Worker, type Job, type JobsOptions, type JobProgress } from 'bullmq';
import { Redis } from 'ioredis';
import type { QueueConfig } from '@banca/config';
import { NotFoundError } from '@banca/domain';
import {
  FINISHED_JOB_STATES,
  JOB_QUEUE,
  JobName,
  type EnqueueOptions,
  type JobPayloads,
  type JobQueue,
  type JobState,
  type JobStatus,
  QueueName,
  type WaitForOptions,
} from './job.types';
import { assertCustomJobId, parseJobId, toJobId } from './job-id.util';
import { errorMessage, type JobExecutor } from './job.executor';
import { JobWaitTimeoutError, QueueClosedError } from './queue.errors';
import type { ResolvedQueueOptions } from './queue.options';

type BullMqConfig = Extract<QueueConfig, { kind: 'bullmq' }>;
type AnyQueue = Queue<unknown, unknown, string>;
type AnyJob = Job<unknown, unknown, string>;

const PING_TIMEOUT_MS = 2_000;
const WAIT_POLL_MS = 100;
const JOB_NAMES = new Set<string>(Object.values(JobName));

/**
 * BullMQ on Redis: a producer Queue per QueueName in every process, and a Worker per queue this
 * process runs. Job ids are `<queue>:<bullmq id>`, so `getJob` and `waitFor` work from any process.
 */
export class BullMqRunner implements JobQueue, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('BullMqQueue');
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, AnyQueue>();
  private readonly workers: Worker<unknown, unknown, string>[] = [];
  private workerConnection: Redis | undefined;
  private closed = false;

  constructor(
    private readonly config: BullMqConfig,
    private readonly options: ResolvedQueueOptions,
    private readonly executor: JobExecutor,
  ) {
    this.connection = this.connect('producer');
    const defaultJobOptions: JobsOptions = {
      attempts: options.defaultAttempts,
      backoff: { type: 'exponential', delay: options.backoffMs },
      removeOnComplete: { count: options.keepCompleted },
      // failed jobs stay in the failed set with their error until an operator looks
      removeOnFail: { count: options.keepFailed },
    };
    for (const name of Object.values(QueueName)) {
      const queue: AnyQueue = new Queue(name, { connection: this.connection, prefix: config.prefix, defaultJobOptions });
      queue.on('error', (error) => this.logger.warn({ msg: 'queue error', queue: name, error: errorMessage(error) }));
      this.queues.set(name, queue);
    }
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    if (this.closed) throw new QueueClosedError(`job "${name}"`);
    const queueName = JOB_QUEUE[name];
    if (options.jobId !== undefined) assertCustomJobId(options.jobId);
    const job = await this.queue(queueName).add(name, payload, {
      ...(options.jobId !== undefined ? { jobId: options.jobId } : {}),
      ...(options.attempts !== undefined ? { attempts: Math.max(1, options.attempts) } : {}),
    });
    if (job.id === undefined) throw new Error(`BullMQ returned no id for job "${name}"`);
    return toJobId(queueName, job.id);
  }

  async getJob(id: string): Promise<JobStatus | null> {
    const parsed = parseJobId(id);
    if (!parsed) return null;
    const queue = this.queue(parsed.queue);
    let job: AnyJob | undefined = await queue.getJob(parsed.localId);
    if (!job || !JOB_NAMES.has(job.name)) return null;
    const state = toJobState(await job.getState());
    if (!state) return null;
    // the job may have finished between reading its data and its state: read the final data again
    if (FINISHED_JOB_STATES.includes(state) && !job.finishedOn) {
      job = await queue.getJob(parsed.localId);
      if (!job) return null;
    }
    return {
      id,
      name: job.name as JobName,
      queue: parsed.queue,
      state,
      progress: toProgress(job.progress),
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      ...(state === 'completed' ? { result: job.returnvalue ?? undefined } : {}),
      ...(job.failedReason ? { error: job.failedReason } : {}),
      createdAt: new Date(job.timestamp).toISOString(),
      ...(job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
    };
  }

  /** Polls Redis: works for jobs run by any process and cannot miss a finish event. */
  async waitFor(id: string, { timeoutMs }: WaitForOptions = {}): Promise<JobStatus> {
    const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + timeoutMs;
    for (;;) {
      const status = await this.getJob(id);
      if (!status) throw new NotFoundError(`Job ${id} not found`, { jobId: id });
      if (FINISHED_JOB_STATES.includes(status.state)) return status;
      const left = deadline - Date.now();
      if (left <= 0) throw new JobWaitTimeoutError(id, timeoutMs ?? 0, status.state);
      await sleep(Math.min(WAIT_POLL_MS, left));
    }
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer PING within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.connection.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  onApplicationBootstrap(): void {
    if (!this.options.runJobs) return;
    // workers block on Redis; they share one connection that BullMQ duplicates for its blocking calls
    this.workerConnection = this.connect('worker');
    for (const queueName of this.options.queues) {
      const worker = new Worker<unknown, unknown, string>(queueName, (job) => this.process(queueName, job), {
        connection: this.workerConnection,
        prefix: this.config.prefix,
        concurrency: 1,
      });
      worker.on('error', (error) => this.logger.warn({ msg: 'worker error', queue: queueName, error: errorMessage(error) }));
      this.workers.push(worker);
    }
    this.logger.log({ msg: 'workers started', queues: this.options.queues, prefix: this.config.prefix });
  }

  /** Stops taking jobs and waits for the ones in flight, before other modules close what they use. */
  async onModuleDestroy(): Promise<void> {
    if (this.workers.length === 0) return;
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers.length = 0;
    this.logger.log({ msg: 'workers stopped' });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await Promise.all([this.connection, this.workerConnection].map((c) => c?.quit().catch(() => c.disconnect())));
  }

  private async process(queueName: QueueName, job: AnyJob): Promise<unknown> {
    if (!JOB_NAMES.has(job.name) || JOB_QUEUE[job.name as JobName] !== queueName || job.id === undefined) {
      throw new Error(`Unknown job "${job.name}" in queue "${queueName}"`);
    }
    return this.executor.execute({
      id: toJobId(queueName, job.id),
      name: job.name as JobName,
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      payload: job.data,
      reportProgress: (progress) => job.updateProgress(progress),
    });
  }

  private queue(name: QueueName): AnyQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`No BullMQ queue "${name}"`);
    return queue;
  }

  private connect(role: 'producer' | 'worker'): Redis {
    const connection = new Redis(this.config.redisUrl, {
      // workers must wait out a Redis restart (BullMQ requires null there); producers fail instead of hanging a request
      maxRetriesPerRequest: role === 'worker' ? null : 3,
      connectionName: `banca-${role}`,
    });
    connection.on('error', (error) => this.logger.warn({ msg: 'redis connection error', role, error: errorMessage(error) }));
    return connection;
  }
}

function toJobState(state: string): JobState | null {
  switch (state) {
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    case 'delayed':
    case 'active':
    case 'completed':
    case 'failed':
      return state;
    default:
      return null;
  }
}

function toProgress(progress: JobProgress): JobStatus['progress'] {
  if (typeof progress === 'number') return progress;
  if (typeof progress === 'object' && progress !== null && !Array.isArray(progress)) return progress as Record<string, unknown>;
  return 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
