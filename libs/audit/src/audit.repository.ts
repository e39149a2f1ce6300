import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import { auditLog, DATABASE, users, type Database, type Transaction } from '@banca/db';
import type { AuditLogFilter, AuditLogRow, AuditRecord } from './audit.types';

export interface AppendAuditParams {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  actorId: auditLog.actorId,
  actorRole: auditLog.actorRole,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
  requestId: auditLog.requestId,
};

const withActor = {
  ...columns,
  actorUsername: users.username,
  actorDisplayName: users.displayName,
};

/** `prefix` as a LIKE pattern matching itself literally, then anything. */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const dayAfter = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

function conditions(filter: AuditLogFilter): SQL | undefined {
  return and(
    filter.from ? gte(auditLog.at, dayStart(filter.from)) : undefined,
    filter.to ? lt(auditLog.at, dayAfter(filter.to)) : undefined,
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    filter.action ? like(auditLog.action, likePrefix(filter.action)) : undefined,
    filter.entityType ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
  );
}

/** Only inserts: the table is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Appends one entry; inside the caller's transaction when given one, so the change and its entry commit together. */
  async append(params: AppendAuditParams, executor: Database | Transaction = this.db): Promise<AuditRecord> {
    const [row] = await executor.insert(auditLog).values(params).returning(columns);
    if (!row) throw new Error('audit_log insert returned no row');
    return row;
  }

  /** Appends many entries in one statement, in the caller's transaction when given one. */
  async appendMany(params: readonly AppendAuditParams[], executor: Database | Transaction = this.db): Promise<void> {
    await executor.insert(auditLog).values([...params]);
  }

  async listForEntity(params: { entityType: string; entityId: string }): Promise<AuditRecord[]> {
    return this.db
      .select(columns)
      .from(auditLog)
      .where(and(eq(auditLog.entityType, params.entityType), eq(auditLog.entityId, params.entityId)))
      .orderBy(asc(auditLog.id));
  }

  /** One page of the filtered log, newest first, each entry with the actor's name (users are never deleted). */
  async list(params: { filter: AuditLogFilter; limit: number; offset: number }): Promise<AuditLogRow[]> {
    return this.db
      .select(withActor)
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(conditions(params.filter))
      .orderBy(desc(auditLog.id))
      .limit(params.limit)
      .offset(params.offset);
  }

  async count(filter: AuditLogFilter): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(auditLog).where(conditions(filter));
    return row?.n ?? 0;
  }

  /** The next page after `beforeId` (keyset: exports walk the whole log without OFFSET), newest first. */
  async listBefore(params: { filter: AuditLogFilter; beforeId: number | null; limit: number }): Promise<AuditLogRow[]> {
    return this.db
      .select(withActor)
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(and(conditions(params.filter), params.beforeId === null ? undefined : lt(auditLog.id, params.beforeId)))
      .orderBy(desc(auditLog.id))
      .limit(params.limit);
  }
}
