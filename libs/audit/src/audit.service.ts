import { Injectable } from '@nestjs/common';
import type { Transaction } from '@banca/db';
import { AuditRepository, type AppendAuditParams } from './audit.repository';
import { withoutSecrets } from './audit.sanitizer';
import type { AuditEntry, AuditRecord } from './audit.types';

/** Appends state changes to the audit log; secrets are stripped from before/after whatever the caller passes. */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /**
   * Records one state change. Pass the transaction that makes the change so both commit or neither does
   * (on PGlite, with its single connection, an entry written outside an open transaction would wait on it).
   */
  async record(entry: AuditEntry, within?: Transaction): Promise<AuditRecord> {
    return this.repository.append(toParams(entry), within);
  }

  /** Records several state changes in one statement (bulk decisions, a user's revoked tokens), in `within` when given. */
  async recordMany(entries: readonly AuditEntry[], within?: Transaction): Promise<void> {
    if (entries.length > 0) await this.repository.appendMany(entries.map(toParams), within);
  }

  /** The history of one entity, oldest first. */
  async history(entityType: string, entityId: string): Promise<AuditRecord[]> {
    return this.repository.listForEntity({ entityType, entityId });
  }
}

function toParams(entry: AuditEntry): AppendAuditParams {
  return {
    actorId: entry.actor.userId,
    actorRole: entry.actor.role,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ? withoutSecrets(entry.before) : null,
    after: entry.after ? withoutSecrets(entry.after) : null,
    requestId: entry.actor.requestId ?? null,
  };
}
