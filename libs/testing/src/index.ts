export * from './test-database';
export * from './test-config';
export * from './test-queue';
export * from './feature-test-app';
export * from './worker-process';
export * from './compliance.factories';
