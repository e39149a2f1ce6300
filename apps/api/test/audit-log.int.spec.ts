import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogListResponseSchema, userRecordSchema, type AuditLogEntryDto } from '@banca/contracts';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

describe('the audit log over HTTP', () => {
  let api: TestApi;
  const tokens = {} as Record<'admin' | 'compliance' | 'manager' | 'marketing', string>;
  let adminId: string;

  beforeAll(async () => {
    api = await startTestApi();
    for (const role of ['admin', 'compliance', 'manager', 'marketing'] as const) {
      const user = await createTestUser(api, role, `audit-${role}`);
      if (role === 'admin') adminId = user.id;
      tokens[role] = await loginToken(api, user.username, user.password);
    }
  });
  afterAll(async () => api?.close());

  const post = (path: string, token: string, json: unknown = {}, requestId?: string) =>
    api.fetch(path, { method: 'POST', token, json, headers: requestId ? { 'x-request-id': requestId } : {} });
  const login = (username: string, password: string) => api.fetch('/api/v1/auth/login', { method: 'POST', json: { username, password } });

  async function auditLog(query: string, token = tokens.compliance) {
    const response = await api.fetch(`/api/v1/audit?${query}`, { token });
    expect(response.status).toBe(200);
    return auditLogListResponseSchema.parse(await response.json());
  }

  it('shows who changed what, as which role, before → after and with the request id, newest first', async () => {
    const created = await post('/api/v1/users', tokens.admin, { username: 'dora', role: 'marketing', password: 'dora correct horse battery', displayName: 'Dora Lin' }, 'req-create-dora');
    const dora = userRecordSchema.parse(((await created.json()) as { user: unknown }).user);
    expect((await post(`/api/v1/users/${dora.id}/disable`, tokens.admin, {}, 'req-disable-dora')).status).toBe(200);

    const log = await auditLog(`entityType=user&entityId=${dora.id}`);
    expect(log.total).toBe(2);
    const [disable, create] = log.items as [AuditLogEntryDto, AuditLogEntryDto];
    expect(disable).toMatchObject({
      actorId: adminId,
      actorUsername: 'audit-admin',
      actorDisplayName: 'audit-admin',
      actorRole: 'admin',
      action: 'user.disable',
      entityType: 'user',
      entityId: dora.id,
      requestId: 'req-disable-dora',
      before: { username: 'dora', disabledAt: null },
      after: { username: 'dora', disabledAt: expect.any(String) },
    });
    expect(create).toMatchObject({ action: 'user.create', before: null, after: { displayName: 'Dora Lin', role: 'marketing' }, requestId: 'req-create-dora' });
    expect(new Date(disable.at).getTime()).toBeGreaterThanOrEqual(new Date(create.at).getTime());
  });

  it('filters by action prefix, actor, entity and day, and pages', async () => {
    for (const name of ['feed one', 'feed two', 'feed three']) {
      expect((await post('/api/v1/api-tokens', tokens.admin, { name, role: 'marketing' })).status).toBe(201);
    }
    const tokensCreated = await auditLog('action=api-token.&pageSize=2');
    expect(tokensCreated.total).toBe(3);
    expect(tokensCreated.items.map((e) => e.after?.name)).toEqual(['feed three', 'feed two']);
    expect((await auditLog('action=api-token.&pageSize=2&page=2')).items.map((e) => e.after?.name)).toEqual(['feed one']);

    // `_` and `%` in a prefix are literal, not LIKE wildcards
    expect((await auditLog('action=api_token')).total).toBe(0);
    expect((await auditLog(`actorId=${adminId}&action=user.`)).items.every((e) => e.actorId === adminId && e.action.startsWith('user.'))).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    expect((await auditLog(`from=${today}&to=${today}&action=api-token.create`)).total).toBe(3);
    expect((await auditLog(`to=2000-01-01`)).total).toBe(0);
    const backwards = await api.fetch('/api/v1/audit?from=2025-02-01&to=2025-01-01', { token: tokens.admin });
    expect(backwards.status).toBe(400);
  });

  it('is read by compliance and admin, and refused to managers and marketing', async () => {
    for (const role of ['compliance', 'admin'] as const) {
      expect((await api.fetch('/api/v1/audit', { token: tokens[role] })).status).toBe(200);
      expect((await api.fetch('/api/v1/audit/export?format=csv', { token: tokens[role] })).status).toBe(200);
    }
    for (const role of ['manager', 'marketing'] as const) {
      expect((await api.fetch('/api/v1/audit', { token: tokens[role] })).status).toBe(403);
      expect((await api.fetch('/api/v1/audit/export?format=arrow', { token: tokens[role] })).status).toBe(403);
    }
  });

  it('exports the same filters as CSV with formulas neutralised, and as Arrow', async () => {
    const password = 'formula correct horse staple';
    const created = await post('/api/v1/users', tokens.admin, { username: 'formula', role: 'manager', password, displayName: '=HYPERLINK("http://evil")' });
    expect(created.status).toBe(201);
    expect((await login('formula', password)).status).toBe(200);

    const csv = await api.fetch('/api/v1/audit/export?format=csv&action=session.login', { token: tokens.compliance });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('audit-log.csv');
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actor_id,actor_username,actor_display_name,actor_role,action,entity_type,entity_id,before,after,request_id');
    expect(lines).toHaveLength(1 + 5); // four test users' logins and the formula user's
    expect(lines[1]).toContain(`,formula,"'=HYPERLINK(""http://evil"")",manager,session.login,`);
    expect(text).not.toMatch(/,=HYPERLINK/);
    // before/after are JSON text cells
    expect(lines[1]).toMatch(/,"\{""userId"":""[0-9a-f-]+"",""expiresAt"":""[^"]+""\}",/);

    const arrow = await api.fetch('/api/v1/audit/export?format=arrow&action=session.login', { token: tokens.admin });
    const table = tableFromIPC(new Uint8Array(await arrow.arrayBuffer()));
    expect(table.numRows).toBe(5);
    expect(table.get(0)?.toJSON()).toMatchObject({ actor_username: 'formula', action: 'session.login' });
  });

  it('keeps a disabled user’s entries and name, ends their sessions and tokens, refuses their login by saying why, and lets an admin enable them', async () => {
    const password = 'erin correct horse staple';
    const createdErin = await post('/api/v1/users', tokens.admin, { username: 'erin', role: 'admin', password, displayName: 'Erin Zhao' });
    const erin = userRecordSchema.parse(((await createdErin.json()) as { user: unknown }).user);
    const erinToken = ((await (await login('erin', password)).json()) as { token: string }).token;
    const feed = await post('/api/v1/api-tokens', erinToken, { name: 'erin feed', role: 'marketing' });
    const { token: feedToken, apiToken } = (await feed.json()) as { token: string; apiToken: { id: string } };
    expect((await api.fetch('/api/v1/auth/me', { token: feedToken })).status).toBe(200);

    expect((await post(`/api/v1/users/${erin.id}/disable`, tokens.admin)).status).toBe(200);
    expect((await api.fetch('/api/v1/auth/me', { token: erinToken })).status).toBe(401);
    expect((await api.fetch('/api/v1/auth/me', { token: feedToken })).status).toBe(401);
    const refused = await login('erin', password);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringMatching(/disabled/) } });
    // a wrong password says nothing about the account
    expect(await (await login('erin', 'wrong password entirely')).json()).toMatchObject({ error: { message: 'Unknown username or wrong password' } });
    const tokenList = (await (await api.fetch('/api/v1/api-tokens', { token: tokens.admin })).json()) as { id: string; revokedAt: string | null }[];
    expect(tokenList.find((t) => t.id === apiToken.id)?.revokedAt).not.toBeNull();

    // Her history stays, with her name, after she is disabled.
    const hers = await auditLog(`actorId=${erin.id}`);
    expect(hers.items.map((e) => [e.action, e.actorUsername, e.actorDisplayName, e.actorRole])).toEqual([
      ['api-token.create', 'erin', 'Erin Zhao', 'admin'],
      ['session.login', 'erin', 'Erin Zhao', 'admin'],
    ]);
    const revocation = await auditLog(`entityType=api-token&entityId=${apiToken.id}&action=api-token.revoke`);
    expect(revocation.items[0]).toMatchObject({ actorRole: 'admin', before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    expect((await auditLog(`entityId=${erin.id}&action=user.disable`)).items[0]?.after).toMatchObject({ sessionsRevoked: 1, apiTokensRevoked: 1 });

    expect((await post(`/api/v1/users/${erin.id}/enable`, tokens.marketing)).status).toBe(403);
    const enabled = await post(`/api/v1/users/${erin.id}/enable`, tokens.admin, {}, 'req-enable-erin');
    expect(enabled.status).toBe(200);
    expect(userRecordSchema.parse(await enabled.json()).disabledAt).toBeNull();
    expect((await login('erin', password)).status).toBe(200);
    // ended sessions and revoked tokens stay so
    expect((await api.fetch('/api/v1/auth/me', { token: erinToken })).status).toBe(401);
    expect((await api.fetch('/api/v1/auth/me', { token: feedToken })).status).toBe(401);
    expect((await auditLog(`entityId=${erin.id}&action=user.enable`)).items[0]).toMatchObject({
      actorUsername: 'audit-admin',
      requestId: 'req-enable-erin',
      before: { disabledAt: expect.any(String) },
      after: { disabledAt: null },
    });
  });
});
