import { Inject, Injectable } from '@nestjs/common';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, DATABASE, type Database } from '@banca/db';
import type { AuditRecord } from './audit.types';

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

/** Only inserts: the table is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async append(params: AppendAuditParams): Promise<AuditRecord> {
    const [row] = await this.db.insert(auditLog).values(params).returning(columns);
    if (!row) throw new Error('audit_log insert returned no row');
    return row;
  }

  async listForEntity(params: { entityType: string; entityId: string }): Promise<AuditRecord[]> {
    return this.db
      .select(columns)
      .from(auditLog)
      .where(and(eq(auditLog.entityType, params.entityType), eq(auditLog.entityId, params.entityId)))
      .orderBy(asc(auditLog.id));
  }
}
