export * from './error.contract';
export * from './auth.contract';
export * from './segments.contract';
export * from './health.contract';
export * from './parse-input';
export * from './ingestion.contract';
export * from './jobs.contract';
export * from './analytics.contract';
