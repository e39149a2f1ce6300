export * from './audit.module';
export * from './audit.service';
export * from './audit.types';
export * from './audit-log.service';
