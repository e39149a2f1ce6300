import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginResponseSchema, userRecordSchema } from '@banca/contracts';
import { sql } from '@banca/db';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

describe('signing in over HTTP', () => {
  let api: TestApi;
  let admin: { id: string; username: string; password: string };
  let adminToken: string;

  beforeAll(async () => {
    api = await startTestApi();
    admin = await createTestUser(api, 'admin', 'root-admin');
    adminToken = await loginToken(api, admin.username, admin.password);
  });
  afterAll(async () => api?.close());

  const login = (username: string, password: string) => api.fetch('/api/v1/auth/login', { method: 'POST', json: { username, password } });
  const me = (token: string) => api.fetch('/api/v1/auth/me', { token });

  it('logs in, answers /me, logs out, and refuses the token afterwards', async () => {
    const user = await createTestUser(api, 'marketing', 'mia');
    const response = await login('MIA', user.password);
    expect(response.status).toBe(200);
    const session = loginResponseSchema.parse(await response.json());
    expect(session.user).toEqual({ id: user.id, username: 'mia', displayName: 'mia', role: 'marketing' });
    expect((await (await me(session.token)).json())).toEqual(session.user);
    const logout = await api.fetch('/api/v1/auth/logout', { method: 'POST', token: session.token });
    expect(logout.status).toBe(204);
    const after = await me(session.token);
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('gives one answer for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody-here', 'whatever it is');
    const wrong = await login(admin.username, 'not the password');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    const [a, b] = [(await unknown.json()) as { error: { message: string } }, (await wrong.json()) as { error: { message: string } }];
    expect(a.error.message).toBe(b.error.message);
  });

  it('refuses an expired session', async () => {
    const user = await createTestUser(api, 'manager', 'max');
    const token = await loginToken(api, user.username, user.password);
    expect((await me(token)).status).toBe(200);
    await api.handle.rows(sql`update sessions set expires_at = now() - interval '1 minute' where user_id = ${user.id}`);
    expect((await me(token)).status).toBe(401);
  });

  it('lets an admin create a user whose password is stored as an argon2id hash only, then disable them', async () => {
    const password = 'a perfectly long passphrase';
    const created = await api.fetch('/api/v1/users', {
      method: 'POST',
      token: adminToken,
      json: { username: 'Carla', displayName: 'Carla Chen', role: 'compliance', password },
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { user: unknown; generatedPassword?: string };
    const user = userRecordSchema.parse(body.user);
    expect(body.generatedPassword).toBeUndefined();
    const [row] = await api.handle.rows<{ password_hash: string }>(sql`select password_hash from users where id = ${user.id}`);
    expect(row!.password_hash.startsWith('$argon2id$')).toBe(true);

    const token = await loginToken(api, 'carla', password);
    const disabled = await api.fetch(`/api/v1/users/${user.id}/disable`, { method: 'POST', token: adminToken });
    expect(disabled.status).toBe(200);
    expect(userRecordSchema.parse(await disabled.json()).disabledAt).not.toBeNull();
    expect((await me(token)).status).toBe(401);
    expect((await login('carla', password)).status).toBe(401);
    const list = (await (await api.fetch('/api/v1/users', { token: adminToken })).json()) as { username: string }[];
    expect(list.map((u) => u.username)).toContain('carla');

    const everything = await api.handle.rows<{ dump: string }>(sql`
      select string_agg(t, ' ') as dump from (
        select row_to_json(u)::text as t from users u union all
        select row_to_json(s)::text from sessions s union all
        select row_to_json(a)::text from api_tokens a union all
        select row_to_json(l)::text from audit_log l) rows`);
    expect(everything[0]!.dump).not.toContain(password);
    expect(everything[0]!.dump).not.toContain(token);
  });

  it('generates a password when none is given and shows it once', async () => {
    const created = await api.fetch('/api/v1/users', { method: 'POST', token: adminToken, json: { username: 'gen-user', role: 'manager' } });
    const { generatedPassword } = (await created.json()) as { generatedPassword: string };
    expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await login('gen-user', generatedPassword)).status).toBe(200);
  });

  it('lets an admin create an API token that works until revoked, showing its value once', async () => {
    const created = await api.fetch('/api/v1/api-tokens', { method: 'POST', token: adminToken, json: { name: 'partner A', role: 'marketing' } });
    expect(created.status).toBe(201);
    const { token, apiToken } = (await created.json()) as { token: string; apiToken: { id: string; prefix: string } };
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    const asToken = await me(token);
    expect(asToken.status).toBe(200);
    expect(await asToken.json()).toMatchObject({ username: admin.username, role: 'marketing' });
    const listed = (await (await api.fetch('/api/v1/api-tokens', { token: adminToken })).json()) as object[];
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(listed).toContainEqual(expect.objectContaining({ id: apiToken.id, lastUsedAt: expect.any(String) }));
    const revoked = await api.fetch(`/api/v1/api-tokens/${apiToken.id}/revoke`, { method: 'POST', token: adminToken });
    expect(revoked.status).toBe(200);
    expect((await me(token)).status).toBe(401);
  });

  it('rate-limits logins per address and username with 429 in the envelope', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await login('spray-target', `guess ${i}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await login('spray-target', 'guess 11');
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect((await login(admin.username, admin.password)).status).toBe(200);
  });
});
