import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@banca/config';
import { AppModule } from './app.module';
import { preRoutingErrorHandler } from './common/body-parsing.middleware';
import { serveDashboards } from './common/dashboards.middleware';
import { setupOpenApi } from './common/openapi.setup';
import { findRepoRoot } from './common/repo-root';
import { requestIdMiddleware } from './common/request-id.middleware';

export const API_PREFIX = 'api/v1';
/** JSON bodies up to this size; files are uploaded as multipart, not JSON. */
const JSON_BODY_LIMIT = '10mb';

/** The fully configured API application, not listening yet (main.ts and tests call `listen`). */
export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
    // Body parsing is registered below, after the request id, so its errors get the envelope too.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.use(requestIdMiddleware);
  app.use(helmet());
  serveDashboards(app, join(findRepoRoot(__dirname), 'dist', 'dashboards'));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });
  app.use(preRoutingErrorHandler);
  app.setGlobalPrefix(API_PREFIX);
  setupOpenApi(app);
  return app;
}
