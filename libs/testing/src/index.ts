export * from './test-database';
export * from './test-config';
export * from './test-queue';
