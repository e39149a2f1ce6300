import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@banca/config';
import { JOB_QUEUE_TOKEN, type JobQueue } from './job.types';
import { JobRegistry } from './job-registry.service';
import { JobExecutor } from './job.executor';
import { BullMqRunner } from './bullmq.runner';
import { InProcessRunner } from './in-process.runner';
import { QUEUE_MODULE_OPTIONS, resolveQueueOptions, type QueueModuleOptions, type ResolvedQueueOptions } from './queue.options';
import { SystemJobsService } from './system-jobs.service';

/**
 * Provides the JobQueue (`@Inject(JOB_QUEUE_TOKEN)`): BullMQ when REDIS_URL is set, the in-process runner
 * otherwise. Handlers (`@OnJob` methods of any provider) are discovered and checked at module init and
 * run from application bootstrap when this process runs jobs.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions = {}): DynamicModule {
    return {
      module: QueueModule,
      imports: [DiscoveryModule],
      providers: [
        {
          provide: QUEUE_MODULE_OPTIONS,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => resolveQueueOptions(config, options),
        },
        JobRegistry,
        JobExecutor,
        SystemJobsService,
        {
          provide: JOB_QUEUE_TOKEN,
          inject: [APP_CONFIG, QUEUE_MODULE_OPTIONS, JobExecutor],
          useFactory: (config: AppConfig, resolved: ResolvedQueueOptions, executor: JobExecutor): JobQueue =>
            config.queue.kind === 'bullmq'
              ? new BullMqRunner(config.queue, resolved, executor)
              : new InProcessRunner(resolved, executor),
        },
      ],
      exports: [JOB_QUEUE_TOKEN],
    };
  }
}
