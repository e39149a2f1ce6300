import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

export const DASHBOARDS_NOT_BUILT =
  'The dashboards are not built. Run `npm run build` (or `npm run build:dashboards`), then reload this page. ' +
  'The JSON API is available under /api/v1 and its documentation at /api/docs.';

/**
 * Serves the built dashboards (Vite output) at `/`, with index.html for any other non-API GET (client-side
 * routes). Until they are built, those requests get a 503 saying how to build them.
 */
export function serveDashboards(app: NestExpressApplication, dashboardsDir: string): void {
  const indexHtml = join(dashboardsDir, 'index.html');
  app.useStaticAssets(dashboardsDir, {
    index: false,
    setHeaders: (res, path) => {
      // Vite fingerprints everything under assets/, so those can be cached for good.
      res.setHeader('Cache-Control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/')) {
      next();
      return;
    }
    if (!existsSync(indexHtml)) {
      res.status(503).type('text/plain; charset=utf-8').send(DASHBOARDS_NOT_BUILT);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });
}
