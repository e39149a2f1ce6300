import type { NestExpressApplication } from '@nestjs/platform-express';
import { UserService } from '@banca/auth';
import type { AppConfig } from '@banca/config';
import { DATABASE_HANDLE, type DatabaseHandle } from '@banca/db';
import { SYSTEM_ACTOR, type Role } from '@banca/domain';
import { clearTestQueues, createTestDatabase, testConfig, type TestDatabase } from '@banca/testing';
import { createApiApp } from '../src/app.factory';

export interface TestApi {
  app: NestExpressApplication;
  config: AppConfig;
  /** The app's own database (on PGlite an in-memory database of its own). */
  handle: DatabaseHandle;
  baseUrl: string;
  fetch(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** The real app on a fresh database, listening on a random local port. */
export async function startTestApi(overrides: Partial<AppConfig> = {}): Promise<TestApi> {
  const db: TestDatabase = await createTestDatabase();
  const config = testConfig(db.config, overrides);
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  return {
    app,
    config,
    handle: app.get<DatabaseHandle>(DATABASE_HANDLE),
    baseUrl,
    fetch(path, init = {}) {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${baseUrl}${path}`, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
    async close() {
      await app.close();
      await db.dispose();
      await clearTestQueues(config);
    },
  };
}

let counter = 0;

/** A user created straight through the service (not the API under test), with a known password. */
export async function createTestUser(api: TestApi, role: Role, username = `${role}-${++counter}`) {
  const password = `correct horse ${username} staple`;
  const { user } = await api.app.get(UserService).create({ username, role, password }, SYSTEM_ACTOR);
  return { ...user, password };
}

/** Logs in through the API and returns the session token. */
export async function loginToken(api: TestApi, username: string, password: string): Promise<string> {
  const response = await api.fetch('/api/v1/auth/login', { method: 'POST', json: { username, password } });
  if (response.status !== 200) throw new Error(`login as ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
