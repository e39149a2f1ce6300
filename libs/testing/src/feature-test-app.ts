import type { DynamicModule, INestApplicationContext, LoggerService, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule, type AppConfig } from '@banca/config';
import { DATABASE_HANDLE, DbModule, type DatabaseHandle } from '@banca/db';
import { JOB_QUEUE_TOKEN, QueueModule, type JobQueue } from '@banca/queue';
import { createTestDatabaseConfig, dropTestDatabase } from './test-database';
import { testConfig } from './test-config';
import { clearTestQueues } from './test-queue';

/** Every log line a feature test app wrote, to assert what never appears in logs. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private keep(level: string, message: unknown, params: unknown[]) {
    this.lines.push(`${level} ${JSON.stringify([message, ...params])}`);
  }
  log(message: unknown, ...params: unknown[]) {
    this.keep('log', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.keep('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.keep('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.keep('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.keep('verbose', message, params);
  }
}

export interface FeatureTestApp {
  app: INestApplicationContext;
  config: AppConfig;
  handle: DatabaseHandle;
  queue: JobQueue;
  logs: CapturingLogger;
  close(): Promise<void>;
}

/**
 * Feature modules on the real platform of the suite: a fresh database (PostgreSQL or PGlite), the
 * suite's queue (BullMQ with a unique prefix when REDIS_URL is set, else in-process), jobs run in this
 * process, logs captured.
 */
export async function createFeatureTestApp(params: {
  imports: (Type<unknown> | DynamicModule)[];
  config?: Partial<AppConfig>;
}): Promise<FeatureTestApp> {
  const database = await createTestDatabaseConfig();
  const config = testConfig(database, { runJobsInApi: true, ...params.config });
  const logs = new CapturingLogger();
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), DbModule, QueueModule.forRoot(config, { runJobs: true, backoffMs: 50 }), ...params.imports],
  })
    .setLogger(logs)
    .compile();
  const app = await moduleRef.init();
  return {
    app,
    config,
    handle: app.get<DatabaseHandle>(DATABASE_HANDLE),
    queue: app.get<JobQueue>(JOB_QUEUE_TOKEN),
    logs,
    async close() {
      await app.close();
      await clearTestQueues(config);
      await dropTestDatabase(database);
    },
  };
}
