import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterEach, describe, expect, it } from 'vitest';
import { DASHBOARDS_NOT_BUILT, serveDashboards } from '../src/common/dashboards.middleware';

@Module({})
class EmptyModule {}

describe('serving the built dashboards', () => {
  let app: NestExpressApplication | undefined;
  afterEach(async () => app?.close());

  async function serve(dir: string): Promise<string> {
    app = await NestFactory.create<NestExpressApplication>(EmptyModule, { logger: false });
    serveDashboards(app, dir);
    app.setGlobalPrefix('api/v1');
    await app.listen(0, '127.0.0.1');
    return app.getUrl();
  }

  it('says how to build them while they are missing, and leaves /api alone', async () => {
    const base = await serve(join(mkdtempSync(join(tmpdir(), 'banca-dash-')), 'missing'));
    const root = await fetch(`${base}/`);
    expect(root.status).toBe(503);
    expect(await root.text()).toBe(DASHBOARDS_NOT_BUILT);
    expect(DASHBOARDS_NOT_BUILT).toContain('npm run build');
    expect((await fetch(`${base}/api/v1/anything`)).status).toBe(404);
  });

  it('serves index.html at / and for client-side routes, and fingerprinted assets for good', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'banca-dash-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Banca Insight</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    const base = await serve(dir);
    for (const path of ['/', '/campaigns/42', '/compliance?tab=findings']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('Banca Insight');
    }
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(await asset.text()).toBe('console.log(1)');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const api = await fetch(`${base}/api/v1/missing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });
});
