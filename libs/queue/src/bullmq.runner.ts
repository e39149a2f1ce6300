import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, JobProgress, Queue } from 'bullmq';
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
import { errorMessage } from './job.executor';
import { JobWaitTimeoutError, QueueClosedError } from './queue.errors';
import { QUEUE_WORKERS, type QueueProcessor } from './bullmq.processors';

type AnyQueue = Queue<unknown, unknown, string>;
type AnyJob = Job<unknown, unknown, string>;

const PING_TIMEOUT_MS = 2_000;
/** How long a closing worker may wait for its connections to finish initialising. */
const READY_BEFORE_CLOSE_MS = 3_000;
const WAIT_POLL_MS = 100;
const JOB_NAMES = new Set<string>(Object.values(JobName));

/**
 * BullMQ on Redis through `@nestjs/bullmq`: a producer queue per QueueName in every process, and the
 * workers of the processors this process runs. Job ids are `<queue>:<bullmq id>`, so `getJob` and
 * `waitFor` work from any process.
 */
@Injectable()
export class BullMqRunner implements JobQueue, OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('BullMqQueue');
  private readonly queues: Record<QueueName, AnyQueue>;
  private closed = false;

  constructor(
    @InjectQueue(QueueName.Ingestion) ingestion: AnyQueue,
    @InjectQueue(QueueName.Segmentation) segmentation: AnyQueue,
    @InjectQueue(QueueName.Compliance) compliance: AnyQueue,
    @InjectQueue(QueueName.Campaigns) campaigns: AnyQueue,
    @InjectQueue(QueueName.System) system: AnyQueue,
    @Inject(QUEUE_WORKERS) private readonly processors: readonly QueueProcessor[],
  ) {
    this.queues = {
      [QueueName.Ingestion]: ingestion, [QueueName.Segmentation]: segmentation,
      [QueueName.Compliance]: compliance,
      [QueueName.Campaigns]: campaigns,
      [QueueName.System]: system,
    };
    for (const [name, queue] of Object.entries(this.queues)) {
      queue.on('error', (error) => this.logger.warn({ msg: 'queue error', queue: name, error: errorMessage(error) }));
    }
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    if (this.closed) throw new QueueClosedError(`job "${name}"`);
    const queueName = JOB_QUEUE[name];
    if (options.jobId !== undefined) assertCustomJobId(options.jobId);
    const job = await this.queues[queueName].add(name, payload, {
      ...(options.jobId !== undefined ? { jobId: options.jobId } : {}),
      ...(options.attempts !== undefined ? { attempts: Math.max(1, options.attempts) } : {}),
    });
    if (job.id === undefined) throw new Error(`BullMQ returned no id for job "${name}"`);
    return toJobId(queueName, job.id);
  }

  async getJob(id: string): Promise<JobStatus | null> {
    const parsed = parseJobId(id);
    if (!parsed) return null;
    const queue = this.queues[parsed.queue];
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
      // a one-key read through the queue's own connection (BullMQ's client type has no PING)
      await Promise.race([this.queues[QueueName.System].getVersion(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  onApplicationBootstrap(): void {
    if (this.processors.length === 0) return;
    for (const { worker } of this.processors) {
      worker
        .run()
        .catch((error: unknown) => this.logger.warn({ msg: 'worker stopped on error', queue: worker.name, error: errorMessage(error) }));
    }
    this.logger.log({ msg: 'workers started', queues: this.processors.map(({ worker }) => worker.name) });
  }

  /** Stops taking jobs and waits for the ones in flight, before other modules close what they use. */
  async onModuleDestroy(): Promise<void> {
    if (this.processors.length === 0) return;
    // A worker closed while its connections still initialise is disconnected instead of quit, and the
    // commands of that initialisation (which nobody awaits) reject as unhandled "Connection is closed."
    // (a CLI command that refuses at once closes the app right after start): let them finish first, for a
    // few seconds at most (with Redis gone they never would).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.processors.map(({ worker }) => worker.waitUntilReady().catch(() => undefined))),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, READY_BEFORE_CLOSE_MS);
      }),
    ]);
    clearTimeout(timer);
    await Promise.all(this.processors.map(({ worker }) => worker.close()));
    this.logger.log({ msg: 'workers stopped' });
  }

  /** After the workers drained (jobs they ran may enqueue follow-ups); `@nestjs/bullmq` closes the queues next. */
  beforeApplicationShutdown(): void {
    this.closed = true;
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
