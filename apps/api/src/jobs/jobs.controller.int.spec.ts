import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule, type AppConfig } from '@banca/config';
import { jobStatusResponseSchema, type PingJobRequest } from '@banca/contracts';
import { NotFoundError, ValidationError } from '@banca/domain';
import { QueueModule, QueueName } from '@banca/queue';
import { clearTestQueues, testConfig } from '@banca/testing';
import { ROLES_METADATA } from '../common/auth.decorators';
import { JobsController } from './jobs.controller';
import { JobsHttpModule } from './jobs.http.module';

describe('jobs HTTP endpoints', () => {
  let app: INestApplication;
  let baseUrl: string;
  let config: AppConfig;

  beforeAll(async () => {
    // BullMQ with a worker in this process on the services run, in-process otherwise
    config = testConfig({ kind: 'pglite', dataDir: 'memory' }, { runJobsInApi: true });
    @Module({ imports: [ConfigModule.forRoot(config), QueueModule.forRoot(config, { queues: [QueueName.System], backoffMs: 50 }), JobsHttpModule] })
    class JobsTestApp {}
    app = await NestFactory.create(JobsTestApp, { logger: false, abortOnError: false });
    app.setGlobalPrefix('api/v1');
    await app.listen(0, '127.0.0.1');
    baseUrl = `${await app.getUrl()}/api/v1/jobs`;
  });
  afterAll(async () => {
    await app?.close();
    await clearTestQueues(config);
  });

  const post = (body: PingJobRequest) =>
    fetch(`${baseUrl}/ping`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function statusWhenFinished(jobId: string) {
    let body: unknown;
    await expect
      .poll(
        async () => {
          const response = await fetch(`${baseUrl}/${encodeURIComponent(jobId)}`);
          expect(response.status).toBe(200);
          body = await response.json();
          return jobStatusResponseSchema.parse(body).state;
        },
        { timeout: 10_000, interval: 50 },
      )
      .toMatch(/^(completed|failed)$/);
    return jobStatusResponseSchema.parse(body);
  }

  it('enqueues a ping and reports it completed with its result', async () => {
    const response = await post({ message: 'are you there' });
    expect(response.status).toBe(202);
    const { jobId } = (await response.json()) as { jobId: string };
    expect(jobId).toMatch(/^system:/);
    expect(await statusWhenFinished(jobId)).toMatchObject({
      id: jobId,
      name: 'ping',
      state: 'completed',
      progress: 100,
      attemptsMade: 1,
      result: { message: 'are you there', attempt: 1 },
    });
  });

  it('reports a ping that fails every attempt as failed, with attempts and the error', async () => {
    const { jobId } = (await (await post({ message: 'doomed', failTimes: 5 })).json()) as { jobId: string };
    expect(await statusWhenFinished(jobId)).toMatchObject({
      state: 'failed',
      attemptsMade: 3,
      maxAttempts: 3,
      error: 'ping told to fail attempt 3 of the first 5',
    });
  });

  it('throws domain errors for an unknown job and invalid input (mapped to HTTP by the global filter)', async () => {
    const controller = app.get(JobsController);
    await expect(controller.status('system:no-such-job')).rejects.toBeInstanceOf(NotFoundError);
    await expect(controller.status('no-queue')).rejects.toBeInstanceOf(ValidationError);
    await expect(controller.ping({ message: '' })).rejects.toBeInstanceOf(ValidationError);
    await expect(controller.ping({ message: 'x', failTimes: -1 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('is for admins only', () => {
    expect(Reflect.getMetadata(ROLES_METADATA, JobsController.prototype.ping)).toEqual(['admin']);
    expect(Reflect.getMetadata(ROLES_METADATA, JobsController.prototype.status)).toEqual(['admin']);
  });
});
