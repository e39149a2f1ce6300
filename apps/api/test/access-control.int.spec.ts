import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@banca/domain';
import { RouteAccessRegistry, type RouteDescription } from '../src/common/route-access.registry';
import { createTestUser, loginToken, startTestApi, type TestApi } from './api-test.harness';

interface Operation {
  method: string;
  path: string;
  operationId?: string;
  'x-banca-public'?: boolean;
  'x-banca-roles'?: Role[];
}

/** The only operations anyone may call without signing in. */
const PUBLIC_OPERATIONS = ['GET /api/v1/health/live', 'GET /api/v1/health/ready', 'POST /api/v1/auth/login'];

const label = (op: Operation) => `${op.method} ${op.path}`;

describe('access control: a walk over every documented route', () => {
  let api: TestApi;
  let operations: Operation[];
  let routes: RouteDescription[];
  const users = {} as Record<Role, { username: string; password: string }>;
  const tokens = {} as Record<Role, string>;

  beforeAll(async () => {
    api = await startTestApi();
    for (const role of ROLES) {
      users[role] = await createTestUser(api, role);
      tokens[role] = await loginToken(api, users[role].username, users[role].password);
    }
    const doc = (await (await api.fetch('/api/docs-json')).json()) as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
    );
    routes = api.app.get(RouteAccessRegistry).routes();
  });
  afterAll(async () => api?.close());

  /** Calls an operation as given: path parameters filled with fresh ids, an empty JSON body for writes. */
  function call(op: Operation, token?: string) {
    const path = op.path.replace(/\{[^}]+\}/g, () => randomUUID());
    const writes = !['GET', 'HEAD', 'DELETE'].includes(op.method);
    return api.fetch(path, { method: op.method, token, ...(writes ? { json: {} } : {}) });
  }

  it('finds every routed handler in the documentation, each declaring @Roles or @Public', () => {
    expect(routes.length).toBeGreaterThan(0);
    const documented = new Set(operations.map((op) => op.operationId));
    const problems = routes.flatMap((r) => [
      ...(r.access.kind === 'undeclared' ? [`${r.method} ${r.path} (${r.controller}.${r.handler}): ${r.access.reason}`] : []),
      ...(documented.has(r.operationId) ? [] : [`${r.method} ${r.path} (${r.controller}.${r.handler}) is not in /api/docs-json`]),
    ]);
    expect(problems).toEqual([]);
    const undeclaredOps = operations.filter((op) => !op['x-banca-public'] && !op['x-banca-roles']).map(label);
    expect(undeclaredOps).toEqual([]);
  });

  it('exposes only health and login without a token', () => {
    expect(operations.filter((op) => op['x-banca-public']).map(label).sort()).toEqual([...PUBLIC_OPERATIONS].sort());
  });

  it('answers 401 without a token on every other operation', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const status = (await call(op)).status;
      if (op['x-banca-public'] ? status === 401 || status === 403 : status !== 401) failures.push(`${label(op)}: ${status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to each role not allowed and lets each allowed role through', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o['x-banca-roles'])) {
      const allowed = op['x-banca-roles'] ?? [];
      for (const role of ROLES) {
        // Logging out revokes the session it is called with: give it one of its own.
        const token = op.path.endsWith('/auth/logout') ? await loginToken(api, users[role].username, users[role].password) : tokens[role];
        const status = (await call(op, token)).status;
        const expected = allowed.includes(role) ? 'not 401/403' : '403';
        if (allowed.includes(role) ? status === 401 || status === 403 : status !== 403) {
          failures.push(`${label(op)} as ${role}: ${status}, expected ${expected}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses an invalid token with 401 in the error envelope', async () => {
    const response = await api.fetch('/api/v1/auth/me', { token: 'bis_forged' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', requestId: expect.any(String) } });
  });
});
