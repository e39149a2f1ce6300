import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule, type AppConfig, type DatabaseConfig } from '@banca/config';
import { JOB_QUEUE_TOKEN, JobName, QueueModule, type JobQueue } from '@banca/queue';
import {
  TEST_PSEUDONYM_KEY_HEX,
  buildWorker,
  clearTestQueues,
  createTestDatabaseConfig,
  dropTestDatabase,
  startWorker,
  testConfig,
  workerEnv,
  type BuiltWorker,
  type WorkerProcess,
} from '@banca/testing';

const onRedis = testConfig({ kind: 'pglite', dataDir: 'memory' }).queue.kind === 'bullmq';

describe('worker process start-up', () => {
  let built: BuiltWorker;
  beforeAll(() => {
    built = buildWorker();
  });
  afterAll(() => built?.dispose());

  it('refuses to start without REDIS_URL, saying why', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'banca-worker-data-'));
    try {
      const worker = startWorker(built.main, { BANCA_DATA_DIR: dataDir, NODE_ENV: 'test' });
      expect(await worker.exited).toEqual({ code: 1, signal: null });
      expect(worker.stderr()).toMatch(/The worker needs Redis: set REDIS_URL/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('prints a configuration error naming the variable and exits 1', async () => {
    const worker = startWorker(built.main, { REDIS_URL: 'http://not-redis', BANCA_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY_HEX });
    expect(await worker.exited).toEqual({ code: 1, signal: null });
    expect(worker.stderr()).toMatch(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
  });
});

describe.runIf(onRedis)('worker process on BullMQ', () => {
  let built: BuiltWorker;
  let database: DatabaseConfig;
  let config: AppConfig;
  let producer: INestApplicationContext;
  let queue: JobQueue;
  let worker: WorkerProcess;

  beforeAll(async () => {
    built = buildWorker();
    database = await createTestDatabaseConfig();
    // this process only produces: a job can only finish if the spawned worker runs it
    config = testConfig(database, { runJobsInApi: false });
    @Module({ imports: [ConfigModule.forRoot(config), QueueModule.forRoot(config, { runJobs: false })] })
    class ProducerModule {}
    producer = await NestFactory.createApplicationContext(ProducerModule, { logger: false, abortOnError: false });
    queue = producer.get<JobQueue>(JOB_QUEUE_TOKEN);
    worker = startWorker(built.main, workerEnv(config, database));
  });

  afterAll(async () => {
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await producer?.close();
    await clearTestQueues(config);
    await dropTestDatabase(database);
    built?.dispose();
  });

  /** The job's final status; fails at once, with the worker's output, if the worker process dies first. */
  async function finished(id: string) {
    const died = worker.exited.then((exit) => {
      throw new Error(`worker exited (${JSON.stringify(exit)}) before job ${id} finished\n${worker.stdout()}\n${worker.stderr()}`);
    });
    return Promise.race([queue.waitFor(id, { timeoutMs: 45_000 }), died]);
  }

  it('runs a job enqueued by this process, and its result is visible here', async () => {
    const id = await queue.enqueue(JobName.Ping, { message: 'sensitive-marker-7f3a' });
    const final = await finished(id);
    expect(final).toMatchObject({ id, state: 'completed', attemptsMade: 1, progress: 100, result: { message: 'sensitive-marker-7f3a', attempt: 1 } });

    const jobLines = worker.lines().filter((line) => line.jobId === id);
    expect(jobLines.map((line) => [line.msg, line.jobName])).toEqual([
      ['job started', JobName.Ping],
      ['job completed', JobName.Ping],
    ]);
    expect(jobLines.every((line) => line.pid === worker.child.pid)).toBe(true);
    // payload values never reach the logs
    expect(worker.stdout()).not.toContain('sensitive-marker-7f3a');
  });

  it('retries a failing job in the worker and records the failed attempt', async () => {
    const id = await queue.enqueue(JobName.Ping, { message: 'retry me', failTimes: 1 });
    const final = await finished(id);
    expect(final).toMatchObject({ state: 'completed', attemptsMade: 2, error: 'ping told to fail attempt 1 of the first 1' });
    const failed = worker.lines().find((line) => line.jobId === id && line.msg === 'job failed');
    expect(failed).toMatchObject({ level: 'warn', jobName: JobName.Ping, attempt: 1, willRetry: true });
  });

  it('stops on SIGTERM after closing its workers', async () => {
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    expect(worker.lines().some((line) => line.msg === 'workers stopped')).toBe(true);
  });
});
