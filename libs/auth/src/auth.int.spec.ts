import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@banca/config';
import { DATABASE_HANDLE, DbModule, sql, type DatabaseHandle } from '@banca/db';
import { ConflictError, NotFoundError, ROLES, SYSTEM_ACTOR, UnauthenticatedError, ValidationError } from '@banca/domain';
import { createTestDatabase, testConfig, type TestDatabase } from '@banca/testing';
import { ApiTokenService } from './api-token.service';
import { AuthModule } from './auth.module';
import { AuthService } from './auth.service';
import { DemoUsersService } from './demo-users.service';
import { UserService } from './user.service';

describe('auth services', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let handle: DatabaseHandle;
  let users: UserService;
  let auth: AuthService;
  let tokens: ApiTokenService;

  beforeAll(async () => {
    db = await createTestDatabase();
    @Module({ imports: [ConfigModule.forRoot(testConfig(db.config, { sessionTtlHours: 2 })), DbModule, AuthModule] })
    class AuthTestModule {}
    app = await NestFactory.createApplicationContext(AuthTestModule, { logger: false, abortOnError: false });
    handle = app.get(DATABASE_HANDLE);
    users = app.get(UserService);
    auth = app.get(AuthService);
    tokens = app.get(ApiTokenService);
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  const auditActions = async (entityId: string) =>
    (
      await handle.rows<{ action: string }>(sql`select action from audit_log where entity_id = ${entityId} order by id`)
    ).map((r) => r.action);

  describe('demo users', () => {
    it('creates one user per role with random passwords on an empty database, and nothing afterwards', async () => {
      const demo = app.get(DemoUsersService);
      const first = await demo.ensureDemoUsers();
      expect(first.map((c) => c.role)).toEqual([...ROLES]);
      expect(first.map((c) => c.username)).toEqual([...ROLES]);
      expect(new Set(first.map((c) => c.password)).size).toBe(ROLES.length);
      for (const c of first) expect(c.password.length).toBeGreaterThanOrEqual(20);
      const session = await auth.login({ username: 'marketing', password: first[1]!.password });
      expect(session.user.role).toBe('marketing');
      expect(await demo.ensureDemoUsers()).toEqual([]);
    });
  });

  describe('users', () => {
    it('stores only an argon2id hash of the password', async () => {
      const password = 'a long enough passphrase 1';
      const { user, generatedPassword } = await users.create({ username: 'Hash.Check', role: 'manager', password }, SYSTEM_ACTOR);
      expect(generatedPassword).toBeUndefined();
      expect(user.username).toBe('hash.check');
      const [row] = await handle.rows<{ password_hash: string }>(sql`select password_hash from users where id = ${user.id}`);
      expect(row!.password_hash).toMatch(/^\$argon2id\$/);
      expect(row!.password_hash).not.toContain(password);
    });

    it('generates a strong password when none is given and returns it once', async () => {
      const { user, generatedPassword } = await users.create({ username: 'gen', role: 'compliance' }, SYSTEM_ACTOR);
      expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
      await expect(auth.login({ username: 'gen', password: generatedPassword })).resolves.toMatchObject({ user: { id: user.id } });
    });

    it('refuses a duplicate username with a conflict and a bad role with a validation error naming the field', async () => {
      await users.create({ username: 'dup', role: 'manager', password: 'another passphrase' }, SYSTEM_ACTOR);
      await expect(users.create({ username: 'DUP', role: 'manager', password: 'another passphrase' }, SYSTEM_ACTOR)).rejects.toBeInstanceOf(ConflictError);
      const error = await users.create({ username: 'x1', role: 'boss' }, SYSTEM_ACTOR).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).location.field).toBe('role');
    });

    it('disables without deleting, ends the sessions and refuses the last enabled admin', async () => {
      const { user } = await users.create({ username: 'leaver', role: 'marketing', password: 'leaver passphrase' }, SYSTEM_ACTOR);
      const { token } = await auth.login({ username: 'leaver', password: 'leaver passphrase' });
      const disabled = await users.disable(user.id, SYSTEM_ACTOR);
      expect(disabled.disabledAt).not.toBeNull();
      expect((await users.get(user.id)).username).toBe('leaver');
      await expect(auth.authenticate(token)).rejects.toBeInstanceOf(UnauthenticatedError);
      await expect(auth.login({ username: 'leaver', password: 'leaver passphrase' })).rejects.toBeInstanceOf(UnauthenticatedError);
      expect(await auditActions(user.id)).toEqual(['user.create', 'user.disable']);

      const admins = (await users.list()).filter((u) => u.role === 'admin' && !u.disabledAt);
      const { user: second } = await users.create({ username: 'admin2', role: 'admin', password: 'admin two passphrase' }, SYSTEM_ACTOR);
      for (const admin of admins) await users.disable(admin.id, SYSTEM_ACTOR);
      await expect(users.disable(second.id, SYSTEM_ACTOR)).rejects.toBeInstanceOf(ConflictError);
      await expect(users.disable('not-a-uuid', SYSTEM_ACTOR)).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('sessions', () => {
    it('gives the same refusal for an unknown user and a wrong password', async () => {
      await users.create({ username: 'alice', role: 'marketing', password: 'alice passphrase' }, SYSTEM_ACTOR);
      const unknown = await auth.login({ username: 'nobody', password: 'whatever' }).catch((e: unknown) => e);
      const wrong = await auth.login({ username: 'alice', password: 'not her passphrase' }).catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(UnauthenticatedError);
      expect(wrong).toBeInstanceOf(UnauthenticatedError);
      expect((unknown as Error).message).toBe((wrong as Error).message);
    });

    it('stores only the SHA-256 of the session token, expires it after the TTL and revokes it on logout', async () => {
      const before = Date.now();
      const session = await auth.login({ username: 'ALICE', password: 'alice passphrase' }, { requestId: 'req-1' });
      const expiresIn = new Date(session.expiresAt).getTime() - before;
      expect(expiresIn).toBeGreaterThan(2 * 3_600_000 - 60_000);
      expect(expiresIn).toBeLessThanOrEqual(2 * 3_600_000 + 1_000);
      const stored = await handle.rows<{ token_hash: string }>(sql`select token_hash from sessions`);
      expect(stored.map((s) => s.token_hash)).not.toContain(session.token);
      expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true);

      const actor = await auth.authenticate(session.token, { requestId: 'req-2' });
      expect(actor).toMatchObject({ userId: session.user.id, role: 'marketing', via: 'session', requestId: 'req-2' });

      await handle.rows(sql`update sessions set expires_at = now() - interval '1 second' where id = ${actor.credentialId!}`);
      await expect(auth.authenticate(session.token)).rejects.toBeInstanceOf(UnauthenticatedError);

      const next = await auth.login({ username: 'alice', password: 'alice passphrase' });
      const nextActor = await auth.authenticate(next.token);
      await auth.logout(nextActor);
      await expect(auth.authenticate(next.token)).rejects.toBeInstanceOf(UnauthenticatedError);
      expect(await auditActions(nextActor.credentialId!)).toEqual(['session.login', 'session.logout']);
      const [login] = await handle.rows<{ request_id: string | null; actor_id: string }>(
        sql`select request_id, actor_id from audit_log where entity_id = ${actor.credentialId!}`,
      );
      expect(login).toEqual({ request_id: 'req-1', actor_id: session.user.id });
    });

    it('refuses tokens of neither kind', async () => {
      await expect(auth.authenticate('garbage')).rejects.toBeInstanceOf(UnauthenticatedError);
      await expect(auth.authenticate('bis_' + 'A'.repeat(43))).rejects.toBeInstanceOf(UnauthenticatedError);
    });
  });

  describe('API tokens', () => {
    it('acts with its role, records last use, and is refused once revoked', async () => {
      const { user } = await users.create({ username: 'tokenadmin', role: 'admin', password: 'token admin passphrase' }, SYSTEM_ACTOR);
      const admin = { userId: user.id, role: 'admin' as const, via: 'session' as const };
      const created = await tokens.create({ name: 'partner feed', role: 'marketing' }, admin);
      expect(created.token.startsWith(created.apiToken.prefix)).toBe(true);
      expect(created.apiToken).toMatchObject({ name: 'partner feed', role: 'marketing', createdBy: user.id, lastUsedAt: null });
      const stored = await handle.rows<{ token_hash: string }>(sql`select token_hash from api_tokens where id = ${created.apiToken.id}`);
      expect(stored[0]!.token_hash).not.toBe(created.token);

      const actor = await auth.authenticate(created.token);
      expect(actor).toMatchObject({ userId: user.id, role: 'marketing', via: 'api-token', credentialId: created.apiToken.id });
      expect((await tokens.list()).find((t) => t.id === created.apiToken.id)?.lastUsedAt).not.toBeNull();
      await expect(auth.logout(actor)).rejects.toBeInstanceOf(ValidationError);

      const revoked = await tokens.revoke(created.apiToken.id, admin);
      expect(revoked.revokedAt).not.toBeNull();
      await expect(auth.authenticate(created.token)).rejects.toBeInstanceOf(UnauthenticatedError);
      expect(await auditActions(created.apiToken.id)).toEqual(['api-token.create', 'api-token.revoke']);
    });

    it('is refused once expired or once its creator is disabled', async () => {
      const { user } = await users.create({ username: 'creator', role: 'admin', password: 'creator passphrase' }, SYSTEM_ACTOR);
      const creator = { userId: user.id, role: 'admin' as const, via: 'session' as const };
      const expiring = await tokens.create({ name: 'short', role: 'manager', expiresAt: new Date(Date.now() + 60_000).toISOString() }, creator);
      await expect(auth.authenticate(expiring.token)).resolves.toMatchObject({ role: 'manager' });
      await handle.rows(sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${expiring.apiToken.id}`);
      await expect(auth.authenticate(expiring.token)).rejects.toBeInstanceOf(UnauthenticatedError);

      const owned = await tokens.create({ name: 'owned', role: 'compliance' }, creator);
      await users.disable(user.id, SYSTEM_ACTOR);
      await expect(auth.authenticate(owned.token)).rejects.toBeInstanceOf(UnauthenticatedError);
    });
  });

  describe('audit log', () => {
    it('records every change above and holds no password, hash or token value', async () => {
      const rows = await handle.rows<{ action: string; before: unknown; after: unknown }>(sql`select action, before, after from audit_log`);
      expect(new Set(rows.map((r) => r.action))).toEqual(
        new Set(['user.create', 'user.disable', 'session.login', 'session.logout', 'api-token.create', 'api-token.revoke']),
      );
      expect(JSON.stringify(rows)).not.toMatch(/passphrase|\$argon2|bis_|bit_[A-Za-z0-9_-]{20}|[0-9a-f]{64}/);
    });
  });
});
