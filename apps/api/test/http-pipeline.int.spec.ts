import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserService } from '@banca/auth';
import { errorEnvelopeSchema } from '@banca/contracts';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

describe('HTTP pipeline: errors, request ids, headers, docs', () => {
  let api: TestApi;
  let adminToken: string;

  beforeAll(async () => {
    api = await startTestApi();
    const admin = await createTestUser(api, 'admin');
    adminToken = await loginToken(api, admin.username, admin.password);
  });
  afterAll(async () => api?.close());

  it('answers an unknown API route with a 404 envelope', async () => {
    const response = await api.fetch('/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    const body = errorEnvelopeSchema.parse(await response.json());
    expect(body.error).toMatchObject({ code: 'NOT_FOUND', requestId: response.headers.get('x-request-id') });
  });

  it('names the offending field of an invalid body', async () => {
    const response = await api.fetch('/api/v1/users', { method: 'POST', token: adminToken, json: { username: 'valid-name', role: 'boss' } });
    expect(response.status).toBe(400);
    const { error } = errorEnvelopeSchema.parse(await response.json());
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ field: 'role' });
    expect(error.message).toContain('role');
  });

  it('answers malformed JSON with 400 and without echoing the body', async () => {
    const response = await api.fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": "x", "password": "hunter2hunter2',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(errorEnvelopeSchema.parse(JSON.parse(text)).error.message).toBe('Request body is not valid JSON');
  });

  it('answers an unexpected failure with 500 and an error id, never the message or a stack', async () => {
    const list = vi.spyOn(api.app.get(UserService), 'list').mockRejectedValue(new Error('connection to 10.1.2.3 failed: secret-detail'));
    try {
      const response = await api.fetch('/api/v1/users', { token: adminToken });
      expect(response.status).toBe(500);
      const text = await response.text();
      const { error } = errorEnvelopeSchema.parse(JSON.parse(text));
      expect(error.code).toBe('INTERNAL');
      expect(error.errorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.message).toContain(error.errorId);
      expect(text).not.toMatch(/secret-detail|10\.1\.2\.3|\.ts:\d+|at /);
    } finally {
      list.mockRestore();
    }
  });

  it('keeps a sane x-request-id, replaces an unsafe one, and echoes it', async () => {
    const kept = await api.fetch('/api/v1/health/live', { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(kept.headers.get('x-request-id')).toBe('trace-abc.123');
    const replaced = await api.fetch('/api/v1/no-such-thing', { headers: { 'x-request-id': 'bad id with spaces' } });
    const id = replaced.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await replaced.json()) as { error: { requestId: string } }).error.requestId).toBe(id);
  });

  it('sends security headers', async () => {
    const response = await api.fetch('/api/v1/health/live');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('serves the OpenAPI document with bearer auth and the zod schemas', async () => {
    const ui = await api.fetch('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toContain('text/html');
    const doc = (await (await api.fetch('/api/docs-json')).json()) as {
      components: { securitySchemes: Record<string, { scheme: string }>; schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.components.securitySchemes.bearer?.scheme).toBe('bearer');
    expect(Object.keys(doc.components.schemas.CreateUserRequestDto?.properties ?? {}).sort()).toEqual(
      ['displayName', 'password', 'role', 'username'],
    );
  });
});
