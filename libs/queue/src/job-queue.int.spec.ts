import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule, type AppConfig } from '@banca/config';
import { NotFoundError, ValidationError } from '@banca/domain';
import { clearTestQueues, testConfig } from '@banca/testing';
import { JOB_QUEUE_TOKEN, JobName, QueueName, type JobContext, type JobPayloads, type JobQueue } from './job.types';
import { OnJob } from './on-job.decorator';
import { QueueModule } from './queue.module';
import { JobWaitTimeoutError, QueueClosedError } from './queue.errors';

const BACKOFF_MS = 150;

/** A retier handler that records what ran, in which order, and whether two ever overlapped. */
@Injectable()
class RecordingJobs {
  readonly started: string[] = [];
  readonly finished: string[] = [];
  maxConcurrent = 0;
  private running = 0;
  private readonly gates = new Map<string, Promise<void>>();

  /** The job labelled `label` reports progress, then waits until the returned function is called. */
  hold(label: string): () => void {
    let release = () => {};
    this.gates.set(label, new Promise<void>((resolve) => (release = resolve)));
    return release;
  }

  @OnJob(JobName.RetierCustomers)
  async retier({ runId = 'unlabelled' }: JobPayloads[JobName.RetierCustomers], context: JobContext): Promise<{ label: string }> {
    this.running += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.running);
    this.started.push(runId);
    try {
      await context.reportProgress({ step: 'tiering', label: runId });
      await this.gates.get(runId);
      await new Promise((resolve) => setTimeout(resolve, 5));
      this.finished.push(runId);
      return { label: runId };
    } finally {
      this.running -= 1;
    }
  }
}

@Module({ providers: [RecordingJobs] })
class RecordingJobsModule {}

async function startContext(config: AppConfig, runJobs = true): Promise<INestApplicationContext> {
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      QueueModule.forRoot(config, { runJobs, queues: [QueueName.System, QueueName.Segmentation], backoffMs: BACKOFF_MS }),
      RecordingJobsModule,
    ],
  })
  class TestQueueModule {}
  return NestFactory.createApplicationContext(TestQueueModule, { logger: false, abortOnError: false });
}

const retier = (runId: string): JobPayloads[JobName.RetierCustomers] => ({ reason: 'on-demand', runId });

/** Behaviours both runners must share; `config` picks the runner. */
function sharedBehaviours(makeConfig: () => AppConfig) {
  let app: INestApplicationContext;
  let queue: JobQueue;
  let jobs: RecordingJobs;
  let config: AppConfig;

  beforeAll(async () => {
    config = makeConfig();
    app = await startContext(config);
    queue = app.get<JobQueue>(JOB_QUEUE_TOKEN);
    jobs = app.get(RecordingJobs);
  });
  afterAll(async () => {
    await app?.close();
    await clearTestQueues(config);
  });

  it('runs a ping job and shows its result, progress and attempts through getJob', async () => {
    const id = await queue.enqueue(JobName.Ping, { message: 'hello' });
    expect(id).toMatch(/^system:/);
    const final = await queue.waitFor(id, { timeoutMs: 10_000 });
    expect(final).toMatchObject({
      id,
      name: JobName.Ping,
      queue: QueueName.System,
      state: 'completed',
      progress: 100,
      attemptsMade: 1,
      maxAttempts: 3,
      result: { message: 'hello', attempt: 1 },
    });
    expect(final.error).toBeUndefined();
    expect(await queue.getJob(id)).toEqual(final);
  });

  it('retries a failing job with backoff and completes it on a later attempt', async () => {
    const id = await queue.enqueue(JobName.Ping, { message: 'second time lucky', failTimes: 1 });
    const final = await queue.waitFor(id, { timeoutMs: 10_000 });
    expect(final).toMatchObject({ state: 'completed', attemptsMade: 2, result: { message: 'second time lucky', attempt: 2 } });
    // the last failure stays visible on a job that succeeded on retry
    expect(final.error).toBe('ping told to fail attempt 1 of the first 1');
    expect(Date.parse(final.finishedAt ?? '') - Date.parse(final.createdAt)).toBeGreaterThanOrEqual(BACKOFF_MS);
  });

  it('ends a job that fails every attempt as failed, with the error and exponential backoff', async () => {
    const id = await queue.enqueue(JobName.Ping, { message: 'never', failTimes: 99 });
    const final = await queue.waitFor(id, { timeoutMs: 10_000 });
    expect(final).toMatchObject({ state: 'failed', attemptsMade: 3, maxAttempts: 3, progress: 50 });
    expect(final.error).toBe('ping told to fail attempt 3 of the first 99');
    expect(final.result).toBeUndefined();
    // retries wait BACKOFF_MS, then 2 × BACKOFF_MS
    expect(Date.parse(final.finishedAt ?? '') - Date.parse(final.createdAt)).toBeGreaterThanOrEqual(3 * BACKOFF_MS);
    expect(await queue.getJob(id)).toMatchObject({ state: 'failed', error: final.error });
  });

  it('honours a per-job attempts option', async () => {
    const id = await queue.enqueue(JobName.Ping, { message: 'once', failTimes: 1 }, { attempts: 1 });
    expect(await queue.waitFor(id, { timeoutMs: 10_000 })).toMatchObject({ state: 'failed', attemptsMade: 1, maxAttempts: 1 });
  });

  it('runs jobs one at a time in the order they were enqueued', async () => {
    const labels = ['order-1', 'order-2', 'order-3', 'order-4', 'order-5'];
    const ids: string[] = [];
    for (const label of labels) ids.push(await queue.enqueue(JobName.RetierCustomers, retier(label)));
    for (const id of ids) await queue.waitFor(id, { timeoutMs: 10_000 });
    expect(jobs.finished.filter((l) => l.startsWith('order-'))).toEqual(labels);
    expect(jobs.maxConcurrent).toBe(1);
  });

  it('shows structured progress while a job is active', async () => {
    const release = jobs.hold('progress-probe');
    const id = await queue.enqueue(JobName.RetierCustomers, retier('progress-probe'));
    try {
      await expect.poll(async () => (await queue.getJob(id))?.state, { timeout: 10_000, interval: 20 }).toBe('active');
      await expect
        .poll(async () => (await queue.getJob(id))?.progress, { timeout: 10_000, interval: 20 })
        .toEqual({ step: 'tiering', label: 'progress-probe' });
      await expect(queue.waitFor(id, { timeoutMs: 100 })).rejects.toBeInstanceOf(JobWaitTimeoutError);
    } finally {
      release();
    }
    expect(await queue.waitFor(id, { timeoutMs: 10_000 })).toMatchObject({ state: 'completed', result: { label: 'progress-probe' } });
  });

  it('deduplicates by jobId: the second enqueue returns the same job and nothing runs twice', async () => {
    const first = await queue.enqueue(JobName.RetierCustomers, retier('dedupe'), { jobId: 'retier-dedupe' });
    const second = await queue.enqueue(JobName.RetierCustomers, retier('dedupe'), { jobId: 'retier-dedupe' });
    expect(second).toBe(first);
    expect(first).toBe('segmentation:retier-dedupe');
    await queue.waitFor(first, { timeoutMs: 10_000 });
    const third = await queue.enqueue(JobName.RetierCustomers, retier('dedupe'), { jobId: 'retier-dedupe' });
    expect(third).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(jobs.started.filter((l) => l === 'dedupe')).toHaveLength(1);
  });

  it('refuses job ids BullMQ could not store', async () => {
    await expect(queue.enqueue(JobName.Ping, { message: 'x' }, { jobId: '42' })).rejects.toBeInstanceOf(ValidationError);
    await expect(queue.enqueue(JobName.Ping, { message: 'x' }, { jobId: 'a:b' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('answers unknown ids with null from getJob and NotFoundError from waitFor', async () => {
    expect(await queue.getJob('system:no-such-job')).toBeNull();
    expect(await queue.getJob('not-a-job-id')).toBeNull();
    expect(await queue.getJob('elsewhere:1')).toBeNull();
    await expect(queue.waitFor('system:no-such-job')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('is ready', async () => {
    await expect(queue.ping()).resolves.toBeUndefined();
  });
}

describe('in-process runner', () => {
  sharedBehaviours(() => testConfig({ kind: 'pglite', dataDir: 'memory' }, { queue: { kind: 'in-process' } }));

  describe('enqueue and shutdown', () => {
    let app: INestApplicationContext | undefined;
    afterEach(async () => {
      await app?.close();
      app = undefined;
    });

    it('returns the id before the job runs', async () => {
      app = await startContext(testConfig({ kind: 'pglite', dataDir: 'memory' }, { queue: { kind: 'in-process' } }));
      const queue = app.get<JobQueue>(JOB_QUEUE_TOKEN);
      const id = await queue.enqueue(JobName.Ping, { message: 'later' });
      expect((await queue.getJob(id))?.state).toBe('waiting');
      expect((await queue.waitFor(id, { timeoutMs: 5_000 })).state).toBe('completed');
    });

    it('drains queued jobs at shutdown, refuses new ones, and accepts jobs chained from a running handler', async () => {
      const config = testConfig({ kind: 'pglite', dataDir: 'memory' }, { queue: { kind: 'in-process' } });
      const closing = await startContext(config);
      const queue = closing.get<JobQueue>(JOB_QUEUE_TOKEN);
      const jobs = closing.get(RecordingJobs);
      const release = jobs.hold('in-flight');
      const inFlight = await queue.enqueue(JobName.RetierCustomers, retier('in-flight'));
      const queued = await queue.enqueue(JobName.RetierCustomers, retier('queued'));
      await expect.poll(async () => (await queue.getJob(inFlight))?.state, { timeout: 5_000, interval: 10 }).toBe('active');

      const closed = closing.close();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(queue.enqueue(JobName.Ping, { message: 'too late' })).rejects.toBeInstanceOf(QueueClosedError);
      release();
      await closed;

      expect(jobs.finished).toEqual(['in-flight', 'queued']);
      expect((await queue.getJob(queued))?.state).toBe('completed');
    });
  });
});

const suiteConfig = testConfig({ kind: 'pglite', dataDir: 'memory' });

describe.runIf(suiteConfig.queue.kind === 'bullmq')('BullMQ runner', () => {
  sharedBehaviours(() => testConfig({ kind: 'pglite', dataDir: 'memory' }));

  it('lets any process read a job by id, and keeps a job waiting when no process runs its queue', async () => {
    const config = testConfig({ kind: 'pglite', dataDir: 'memory' });
    const producer = await startContext(config, false);
    try {
      const queue = producer.get<JobQueue>(JOB_QUEUE_TOKEN);
      const id = await queue.enqueue(JobName.Ping, { message: 'nobody home' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await queue.getJob(id)).toMatchObject({ state: 'waiting', attemptsMade: 0 });

      const worker = await startContext(config, true);
      try {
        expect(await worker.get<JobQueue>(JOB_QUEUE_TOKEN).waitFor(id, { timeoutMs: 10_000 })).toMatchObject({ state: 'completed' });
        expect(await queue.getJob(id)).toMatchObject({ state: 'completed', result: { message: 'nobody home', attempt: 1 } });
      } finally {
        await worker.close();
      }
    } finally {
      await producer.close();
      await clearTestQueues(config);
    }
  });

  it('finishes the job in flight when the worker shuts down', async () => {
    const config = testConfig({ kind: 'pglite', dataDir: 'memory' });
    const worker = await startContext(config, true);
    const jobs = worker.get(RecordingJobs);
    const queue = worker.get<JobQueue>(JOB_QUEUE_TOKEN);
    const release = jobs.hold('in-flight');
    const id = await queue.enqueue(JobName.RetierCustomers, retier('in-flight'));
    await expect.poll(async () => (await queue.getJob(id))?.state, { timeout: 10_000, interval: 20 }).toBe('active');
    const closed = worker.close();
    setTimeout(release, 100);
    await closed;
    expect(jobs.finished).toEqual(['in-flight']);

    const reader = await startContext(config, false);
    try {
      expect(await reader.get<JobQueue>(JOB_QUEUE_TOKEN).getJob(id)).toMatchObject({ state: 'completed', result: { label: 'in-flight' } });
    } finally {
      await reader.close();
      await clearTestQueues(config);
    }
  });
});
