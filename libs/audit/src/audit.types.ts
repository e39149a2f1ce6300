import type { Actor } from '@banca/domain';

/** One state change: who did what to which entity, with the entity before and after. */
export interface AuditEntry {
  actor: Actor;
  /** `<entity>.<verb>`, e.g. `user.create`, `api-token.revoke`, `session.login`. */
  action: string;
  entityType: string;
  entityId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditRecord {
  id: number;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

/** Filters of the audit log viewer and export; days are UTC, both inclusive; `action` is a prefix. */
export interface AuditLogFilter {
  from?: string;
  to?: string;
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
}

/** An entry with its actor's name as stored in users (null for the platform itself). */
export interface AuditLogRow extends AuditRecord {
  actorUsername: string | null;
  actorDisplayName: string | null;
}
