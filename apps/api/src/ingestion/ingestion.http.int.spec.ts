import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenService, UserService } from '@banca/auth';
import type { AppConfig } from '@banca/config';
import {
  ingestionRejectListSchema,
  ingestionRunListSchema,
  ingestionRunSchema,
  tierCountsResponseSchema,
  type IngestionRunDto,
} from '@banca/contracts';
import { SYSTEM_ACTOR, type Role } from '@banca/domain';
import { clearTestQueues, createTestDatabase, testConfig, type TestDatabase } from '@banca/testing';
import { AppModule } from '../app.module';
import { SegmentsHttpModule } from '../segments/segments.http.module';
import { IngestionHttpModule } from './ingestion.http.module';

const CSV = [
  'customer_id,region,branch_code,household_annual_income,investable_assets',
  '13700000001,Beijing,BJ1,100000,6000000',
  '13700000002,Beijing,BJ1,300000,100',
  '13700000003,Shanghai,SH1,1000,1000',
  '13700000004,Shanghai,SH1,oops,1000',
].join('\n');

describe('ingestion and segments over HTTP', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let app: NestExpressApplication;
  let baseUrl: string;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = testConfig(db.config, { runJobsInApi: true });
    @Module({ imports: [AppModule.forRoot(config), IngestionHttpModule, SegmentsHttpModule] })
    class TestApp {}
    app = await NestFactory.create<NestExpressApplication>(TestApp, { logger: false, abortOnError: false, bodyParser: false });
    app.useBodyParser('json');
    app.setGlobalPrefix('api/v1');
    await app.listen(0, '127.0.0.1');
    baseUrl = `${await app.getUrl()}/api/v1`;
    for (const role of ['admin', 'marketing', 'manager', 'compliance'] as const) {
      const password = `correct horse ${role} staple`;
      await app.get(UserService).create({ username: `http-${role}`, role, password }, SYSTEM_ACTOR);
      const login = await fetch(`${baseUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `http-${role}`, password }),
      });
      tokens[role] = ((await login.json()) as { token: string }).token;
    }
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
    if (config) await clearTestQueues(config);
  });

  const get = (path: string, role: Role) => fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens[role]}` } });
  function upload(
    role: Role,
    fields: Record<string, string>,
    file?: { content: string | Uint8Array; name: string },
    mappingFile?: string,
    token = tokens[role],
  ) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (mappingFile !== undefined) form.append('mapping', new Blob([mappingFile], { type: 'application/json' }), 'mapping.json');
    if (file) form.set('file', new Blob([typeof file.content === 'string' ? file.content : Buffer.from(file.content)]), file.name);
    return fetch(`${baseUrl}/ingestions`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  }

  async function finished(id: string, role: Role): Promise<IngestionRunDto> {
    let run: IngestionRunDto | undefined;
    await expect
      .poll(async () => {
        run = ingestionRunSchema.parse(await (await get(`/ingestions/${id}`, role)).json());
        return run.status;
      }, { timeout: 30_000, interval: 50 })
      .toMatch(/^(completed|failed)$/);
    return run!;
  }

  it('takes a multipart upload from marketing, loads it in a job, and shows the run, its rejects and the tiers', async () => {
    const response = await upload('marketing', { entity: 'customers' }, { content: CSV, name: 'partner-a.csv' });
    expect(response.status).toBe(202);
    const queued = ingestionRunSchema.parse(await response.json());
    expect(queued).toMatchObject({ entity: 'customers', fileName: 'partner-a.csv', pseudonymized: false });

    const run = await finished(queued.id, 'manager');
    expect(run).toMatchObject({ status: 'completed', counts: { read: 4, inserted: 3, rejected: 1 } });
    const rejects = ingestionRejectListSchema.parse(await (await get(`/ingestions/${run.id}/rejects`, 'marketing')).json());
    expect(rejects).toEqual({
      runId: run.id,
      position: 'line',
      total: 1,
      rejects: [{ line: 5, field: 'household_annual_income', value: 'oops', reason: 'not a decimal number' }],
    });
    const list = ingestionRunListSchema.parse(await (await get('/ingestions?limit=5', 'admin')).json());
    expect(list.runs.map((r) => r.id)).toContain(run.id);
    expect(readdirSync(join(config.spoolDir, 'incoming'))).toEqual([]);
    expect(existsSync(join(config.spoolDir, run.id))).toBe(false);

    await expect
      .poll(async () => tierCountsResponseSchema.parse(await (await get('/segments/tiers', 'compliance')).json()).total, { timeout: 30_000 })
      .toBe(3);
    const beijing = tierCountsResponseSchema.parse(await (await get('/segments/tiers?region=Beijing&branchCode=BJ1', 'manager')).json());
    expect(beijing.tiers).toEqual([
      { tier: 'hnw', customers: 1 },
      { tier: 'middle', customers: 1 },
      { tier: 'basic', customers: 0 },
    ]);
    expect(beijing.regions).toEqual(['Beijing', 'Shanghai']);
  });

  it('answers 400 with the field for a missing file or an unknown entity, 404 for an unknown run', async () => {
    const noFile = await upload('admin', { entity: 'customers' });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as { error: { message: string } }).error.message).toMatch(/file is required/);
    const badEntity = await upload('admin', { entity: 'planets' }, { content: CSV, name: 'x.csv' });
    expect(badEntity.status).toBe(400);
    expect(readdirSync(join(config.spoolDir, 'incoming'))).toEqual([]);
    expect((await get('/ingestions/00000000-0000-4000-8000-000000000000', 'admin')).status).toBe(404);
    expect((await get('/ingestions/not-a-uuid', 'admin')).status).toBe(400);
  });

  it('lets only admin and marketing upload, and keeps compliance out of ingestion runs', async () => {
    expect((await upload('manager', { entity: 'customers' }, { content: CSV, name: 'x.csv' })).status).toBe(403);
    expect((await upload('compliance', { entity: 'customers' }, { content: CSV, name: 'x.csv' })).status).toBe(403);
    expect((await get('/ingestions', 'compliance')).status).toBe(403);
    expect((await fetch(`${baseUrl}/segments/tiers`)).status).toBe(401);
  });

  it('accepts uploads from a machine client with a marketing API token', async () => {
    const { token } = await app.get(ApiTokenService).create({ name: 'partner A nightly', role: 'marketing' }, SYSTEM_ACTOR);
    const form = new FormData();
    form.set('entity', 'customers');
    form.set('file', new Blob([CSV.replace(/1370000000/g, '1370000010')]), 'nightly.csv');
    const response = await fetch(`${baseUrl}/ingestions`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(response.status).toBe(202);
    const run = await finished(ingestionRunSchema.parse(await response.json()).id, 'admin');
    expect(run.counts).toMatchObject({ inserted: 3, rejected: 1 });
  });

  it('takes NDJSON with a mapping file from a machine client, and serves the rejects as spreadsheet-safe CSV', async () => {
    const { token } = await app.get(ApiTokenService).create({ name: 'insurer nightly', role: 'marketing' }, SYSTEM_ACTOR);
    const ndjson = [
      '{"policy":"POL-9","client":"13700000001","product":"P1","date":"2025-03-01","premium":1200,"via":"cellular"}',
      '{"policy":"POL-10","client":"13700000002","product":"P1","date":"2025-03-02","premium":"=HYPERLINK(1)","via":"app"}',
      '{"policy":"POL-11","client":"13700000003","product":"P1","date":"2025-03-03","premium":"-7","via":"app"}',
      '{"policy":"POL-12","client":"13700000004","product":"P1","date":"2025-03-04","premium":99,"via":"branch"}',
    ].join('\n');
    const mapping = JSON.stringify({
      entity: 'sales',
      columns: { policy: 'sale_id', client: 'customer_id', product: 'product_code', date: 'sold_at', premium: 'amount', via: 'channel' },
      values: { channel: { cellular: 'phone' } },
    });
    const response = await upload('marketing', { entity: 'sales' }, { content: ndjson, name: 'policies.ndjson' }, mapping, token);
    expect(response.status).toBe(202);
    const run = await finished(ingestionRunSchema.parse(await response.json()).id, 'marketing');
    expect(run).toMatchObject({ status: 'completed', format: 'ndjson', counts: { read: 4, inserted: 2, rejected: 2 } });
    expect(run.mapping).toMatchObject({ entity: 'sales', values: { channel: { cellular: 'phone' } } });

    const csv = await get(`/ingestions/${run.id}/rejects.csv`, 'manager');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="rejects-${run.id}.csv"`);
    expect(Buffer.from(await csv.arrayBuffer()).toString('utf8')).toBe(
      "\uFEFFline,field,value,reason\r\n2,amount,'=HYPERLINK(1),not a decimal number\r\n3,amount,'-7,must be at least 0\r\n",
    );
    expect((await get(`/ingestions/${run.id}/rejects.csv`, 'compliance')).status).toBe(403);
    expect((await get('/ingestions/00000000-0000-4000-8000-000000000000/rejects.csv', 'admin')).status).toBe(404);
  });

  it('takes an Arrow file with the mapping as a JSON field, and refuses bad mappings with 400 before queuing', async () => {
    const arrow = tableToIPC(
      new Table({ code: vectorFromArray(['BJ9', 'SH9'], new Utf8()), label: vectorFromArray(['北京西城支行', '上海静安支行'], new Utf8()) }),
      'stream',
    );
    const mapping = JSON.stringify({ columns: { code: 'branch_code', label: 'name' }, constants: { region: '华北' } });
    const response = await upload('admin', { entity: 'branches', format: 'arrow', mapping }, { content: arrow, name: 'branches.bin' });
    expect(response.status).toBe(202);
    const run = await finished(ingestionRunSchema.parse(await response.json()).id, 'admin');
    expect(run).toMatchObject({ status: 'completed', format: 'arrow', encoding: 'utf-8', counts: { inserted: 2 } });

    const refused: [Record<string, string>, string | undefined, RegExp][] = [
      [{ entity: 'branches', mapping: '{not json' }, undefined, /the mapping is not valid JSON/],
      [{ entity: 'branches', mapping: '{"columns":{"code":"branch_id"}}' }, undefined, /names "branch_id", which is not a branches field/],
      [{ entity: 'branches', mapping: '{}' }, '{}', /send the mapping as a file or as a text field, not both/],
      [{ entity: 'branches', encoding: 'latin1' }, undefined, /encoding/],
    ];
    for (const [fields, mappingFile, message] of refused) {
      const bad = await upload('admin', fields, { content: arrow, name: 'branches.arrow' }, mappingFile);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    expect(readdirSync(join(config.spoolDir, 'incoming'))).toEqual([]);
  });
});
