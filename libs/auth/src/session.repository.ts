import { Inject, Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { DATABASE, sessions, users, type Database } from '@banca/db';
import type { Role } from '@banca/domain';
import { roleOf } from './auth.rows';

export interface SessionWithUser {
  sessionId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  userId: string;
  role: Role;
  userDisabledAt: Date | null;
}

@Injectable()
export class SessionRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(params: { userId: string; tokenHash: string; expiresAt: Date }): Promise<{ id: string }> {
    const [row] = await this.db.insert(sessions).values(params).returning({ id: sessions.id });
    if (!row) throw new Error('sessions insert returned no row');
    return row;
  }

  async findByTokenHash(tokenHash: string): Promise<SessionWithUser | null> {
    const [row] = await this.db
      .select({
        sessionId: sessions.id,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
        userId: users.id,
        role: users.role,
        userDisabledAt: users.disabledAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, tokenHash))
      .limit(1);
    return row ? { ...row, role: roleOf(row.role) } : null;
  }

  /** Returns whether a live session was revoked. */
  async revoke(params: { id: string; at: Date }): Promise<boolean> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: params.at })
      .where(and(eq(sessions.id, params.id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.length > 0;
  }

  async revokeAllForUser(params: { userId: string; at: Date }): Promise<number> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: params.at })
      .where(and(eq(sessions.userId, params.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.length;
  }
}
