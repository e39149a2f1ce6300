import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import type { QueueConfig } from '@banca/config';
import { JOB_QUEUE_TOKEN, QueueName } from './job.types';
import { JobRegistry } from './job-registry.service';
import { JobExecutor } from './job.executor';
import { BullMqRunner } from './bullmq.runner';
import { QUEUE_PROCESSORS, QUEUE_WORKERS, type QueueProcessor } from './bullmq.processors';
import { InProcessRunner } from './in-process.runner';
import {
  QUEUE_MODULE_OPTIONS,
  resolveQueueOptions,
  type QueueAppConfig,
  type QueueModuleOptions,
  type ResolvedQueueOptions,
} from './queue.options';
import { SystemJobsService } from './system-jobs.service';

type BullMqConfig = Extract<QueueConfig, { kind: 'bullmq' }>;

/**
 * Provides the JobQueue (`@Inject(JOB_QUEUE_TOKEN)`): BullMQ through `@nestjs/bullmq` when REDIS_URL is
 * set, the in-process runner otherwise (without BullModule, so no Redis connection is attempted).
 * Handlers (`@OnJob` methods of any provider) are discovered and checked at module init and run from
 * application bootstrap when this process runs jobs.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: QueueAppConfig, options: QueueModuleOptions = {}): DynamicModule {
    const resolved = resolveQueueOptions(config, options);
    const backend = config.queue.kind === 'bullmq' ? bullMqBackend(config.queue, resolved) : inProcessBackend();
    return {
      module: QueueModule,
      imports: [DiscoveryModule, ...backend.imports],
      providers: [{ provide: QUEUE_MODULE_OPTIONS, useValue: resolved }, JobRegistry, JobExecutor, SystemJobsService, ...backend.providers],
      exports: [JOB_QUEUE_TOKEN],
    };
  }
}

interface Backend {
  imports: DynamicModule[];
  providers: Provider[];
}

function inProcessBackend(): Backend {
  return {
    imports: [],
    providers: [
      {
        provide: JOB_QUEUE_TOKEN,
        inject: [QUEUE_MODULE_OPTIONS, JobExecutor],
        useFactory: (resolved: ResolvedQueueOptions, executor: JobExecutor) => new InProcessRunner(resolved, executor),
      },
    ],
  };
}

/** Queues for every QueueName; a processor (BullMQ worker) only for the queues this process runs. */
function bullMqBackend(queue: BullMqConfig, resolved: ResolvedQueueOptions): Backend {
  const processors = resolved.runJobs ? resolved.queues.map((name) => QUEUE_PROCESSORS[name]) : [];
  return {
    imports: [
      BullModule.forRoot({
        // a process that runs jobs waits out a Redis restart (BullMQ requires it of workers); one that
        // only produces fails the command instead of hanging a request
        connection: { url: queue.redisUrl, maxRetriesPerRequest: resolved.runJobs ? null : 3 },
        prefix: queue.prefix,
        defaultJobOptions: {
          attempts: resolved.defaultAttempts,
          backoff: { type: 'exponential', delay: resolved.backoffMs },
          removeOnComplete: { count: resolved.keepCompleted },
          // failed jobs stay in the failed set with their error until an operator looks
          removeOnFail: { count: resolved.keepFailed },
        },
      }),
      BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
    ],
    providers: [
      ...processors,
      { provide: QUEUE_WORKERS, inject: processors, useFactory: (...hosts: QueueProcessor[]) => hosts },
      BullMqRunner,
      { provide: JOB_QUEUE_TOKEN, useExisting: BullMqRunner },
    ],
  };
}
