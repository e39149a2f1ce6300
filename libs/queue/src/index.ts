export * from './job.types';
export * from './on-job.decorator';
