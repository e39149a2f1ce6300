export * from './database';
export * from './db.module';
export * as schema from './schema';
export * from './schema';
export * from './query-rows';
export * from './migration-status';
