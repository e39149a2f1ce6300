import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig, type AppConfig } from '@banca/config';
import { createWorkerLogger } from './worker.logger';
import { WorkerModule } from './worker.module';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

async function bootstrap(): Promise<void> {
  const config = readConfig();
  if (config.queue.kind !== 'bullmq') {
    fail(
      'The worker needs Redis: set REDIS_URL (for example redis://127.0.0.1:6379).\n' +
        'Without REDIS_URL jobs run inside the api process (npm start), so a worker has nothing to work on.',
    );
  }
  const logger = createWorkerLogger(config);
  try {
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), {
      bufferLogs: true,
      abortOnError: false,
    });
    app.useLogger(app.get(Logger));
    // SIGTERM/SIGINT: stop taking jobs, finish the ones in flight, close Redis and the database; then
    // exit (not re-raise the signal) so pino flushes its last lines, "workers stopped" among them
    app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
    logger.info({ prefix: config.queue.prefix }, 'worker ready');
  } catch (error) {
    logger.fatal({ err: error }, 'worker failed to start');
    process.exit(1);
  }
}

void bootstrap();
