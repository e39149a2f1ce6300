export * from './job.types';
export * from './on-job.decorator';
export * from './queue.errors';
export * from './job-id.util';
export { type QueueAppConfig, type QueueModuleOptions } from './queue.options';
export { QueueModule } from './queue.module';
export { SystemJobsService, type PingResult } from './system-jobs.service';
