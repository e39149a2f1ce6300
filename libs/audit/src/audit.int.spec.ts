import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigModule } from '@banca/config';
import { DATABASE_HANDLE, DbModule, sql, type DatabaseHandle } from '@banca/db';
import { createTestDatabase, testConfig, type TestDatabase } from '@banca/testing';
import { AuditModule } from './audit.module';
import { AuditService } from './audit.service';

/** The database error message, whichever driver (and drizzle's wrapping) raised it. */
async function failureOf(query: Promise<unknown>): Promise<string> {
  const error = await query.then(() => null, (e: unknown) => e);
  if (!(error instanceof Error)) return 'no error';
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : error.message;
}

describe('audit log', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let handle: DatabaseHandle;
  let audit: AuditService;

  beforeAll(async () => {
    db = await createTestDatabase();
    @Module({ imports: [ConfigModule.forRoot(testConfig(db.config)), DbModule, AuditModule] })
    class AuditTestModule {}
    app = await NestFactory.createApplicationContext(AuditTestModule, { logger: false, abortOnError: false });
    handle = app.get(DATABASE_HANDLE);
    audit = app.get(AuditService);
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it('appends who did what to which entity, with the request id, minus any secret a caller passed', async () => {
    const actor = { userId: '6f1c7f0e-8d7a-4d1e-9a55-2b0c1f3e4a5b', role: 'admin' as const, via: 'session' as const, requestId: 'r-42' };
    const record = await audit.record({
      actor,
      action: 'user.create',
      entityType: 'user',
      entityId: 'u-1',
      after: { username: 'carol', password: 'hunter2hunter2', passwordHash: '$argon2id$x', nested: { token: 'bit_secret', tokenId: 't-1' } },
    });
    expect(record).toMatchObject({ actorId: actor.userId, actorRole: 'admin', action: 'user.create', requestId: 'r-42', before: null });
    expect(record.after).toEqual({ username: 'carol', nested: { tokenId: 't-1' } });
    expect(await audit.history('user', 'u-1')).toHaveLength(1);
  });

  it('refuses to update, delete or truncate a record, on either database', async () => {
    await audit.record({ actor: { userId: null, role: 'admin', via: 'system' }, action: 'x.y', entityType: 'x', entityId: '1' });
    expect(await failureOf(handle.rows(sql`update audit_log set action = 'rewritten'`))).toMatch(/append-only: UPDATE/);
    expect(await failureOf(handle.rows(sql`delete from audit_log`))).toMatch(/append-only: DELETE/);
    expect(await failureOf(handle.rows(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE/);
    const [{ n }] = (await handle.rows<{ n: number }>(sql`select count(*)::int as n from audit_log`)) as [{ n: number }];
    expect(n).toBe(2);
  });
});
