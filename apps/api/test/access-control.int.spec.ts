import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@banca/domain';
import { ACCESS_MATRIX, accessMatrixMarkdown, READS_SENT_BY_POST, type OperationAccess } from '../src/common/access-matrix';
import { findRepoRoot } from '../src/common/repo-root';
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

/** What an operation declares, in the matrix's terms. */
const declared = (op: Operation): OperationAccess | 'nothing' =>
  op['x-banca-public'] ? 'public' : op['x-banca-roles'] ? [...op['x-banca-roles']].sort() : 'nothing';
const sortedAccess = (access: OperationAccess): OperationAccess => (access === 'public' ? access : [...access].sort());
const rolesOf = (access: OperationAccess): readonly Role[] => (access === 'public' ? ROLES : access);
const MATRIX_FILE = 'apps/api/src/common/access-matrix.ts';

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

  it('declares for every documented operation exactly the roles of the permission matrix', () => {
    const problems = operations.flatMap((op) => {
      const expected = ACCESS_MATRIX[label(op)];
      if (expected === undefined) {
        return [`${label(op)} is not in the permission matrix: add it to ACCESS_MATRIX in ${MATRIX_FILE} with the roles the README policy gives it`];
      }
      const actual = declared(op);
      return JSON.stringify(actual) === JSON.stringify(sortedAccess(expected))
        ? []
        : [`${label(op)} declares ${JSON.stringify(actual)} but the matrix says ${JSON.stringify(sortedAccess(expected))}`];
    });
    expect(problems).toEqual([]);
  });

  it('lists no operation in the matrix that the API does not document', () => {
    const documented = new Set(operations.map(label));
    const stale = Object.keys(ACCESS_MATRIX).filter((key) => !documented.has(key));
    expect(stale.map((key) => `${key} is in ${MATRIX_FILE} but not in /api/docs-json`)).toEqual([]);
  });

  it('follows the role policy: managers change nothing, marketing stays out of compliance and audit, reviews are compliance work', () => {
    const entries = Object.entries(ACCESS_MATRIX);
    const isRead = (key: string) => key.startsWith('GET ') || READS_SENT_BY_POST.includes(key);
    const may = (role: Role) => entries.filter(([, access]) => access !== 'public' && access.includes(role)).map(([key]) => key);
    expect(may('manager').filter((key) => !isRead(key))).toEqual(['POST /api/v1/auth/logout']);
    expect(may('marketing').filter((key) => /^\w+ \/api\/v1\/(compliance|audit)\b/.test(key))).toEqual([]);
    for (const [key, access] of entries.filter(([k]) => k.includes('/api/v1/compliance/'))) {
      const expected = key.startsWith('GET ')
        ? ['admin', 'compliance', 'manager']
        : /\/(rule-sets|scans)$/.test(key)
          ? ['admin', 'compliance']
          : ['compliance'];
      expect({ key, roles: [...rolesOf(access)].sort() }).toEqual({ key, roles: expected });
    }
    for (const [key, access] of entries.filter(([k]) => /\/api\/v1\/audit\b/.test(k))) {
      expect({ key, roles: [...rolesOf(access)].sort() }).toEqual({ key, roles: ['admin', 'compliance'] });
    }
    for (const [key, access] of entries.filter(([k]) => /\/api\/v1\/(users|api-tokens)\b|tier-rules$/.test(k) && !k.startsWith('GET /api/v1/segments'))) {
      expect({ key, roles: rolesOf(access) }).toEqual({ key, roles: ['admin'] });
    }
  });

  it('is the matrix the README documents', () => {
    const readme = readFileSync(join(findRepoRoot(__dirname), 'README.md'), 'utf8');
    const table = accessMatrixMarkdown();
    expect(
      readme.includes(table),
      `The README "Access matrix" table is out of date: replace it with accessMatrixMarkdown() of ${MATRIX_FILE}:\n${table}`,
    ).toBe(true);
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

  it('answers 403 to each role the matrix does not allow and lets each allowed role through', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o['x-banca-roles'])) {
      const inMatrix = ACCESS_MATRIX[label(op)];
      const allowed = inMatrix && inMatrix !== 'public' ? inMatrix : (op['x-banca-roles'] ?? []);
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
