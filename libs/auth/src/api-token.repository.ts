import { Inject, Injectable } from '@nestjs/common';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { apiTokens, DATABASE, users, type Database } from '@banca/db';
import type { Role } from '@banca/domain';
import { roleOf, type ApiTokenRow } from './auth.rows';

const columns = {
  id: apiTokens.id,
  name: apiTokens.name,
  role: apiTokens.role,
  prefix: apiTokens.prefix,
  createdBy: apiTokens.createdBy,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

type SelectedToken = Omit<ApiTokenRow, 'role'> & { role: string };
const toToken = (row: SelectedToken): ApiTokenRow => ({ ...row, role: roleOf(row.role) });

/** last_used_at is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface InsertApiTokenParams {
  name: string;
  role: Role;
  tokenHash: string;
  prefix: string;
  createdBy: string | null;
  expiresAt: Date | null;
}

@Injectable()
export class ApiTokenRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(params: InsertApiTokenParams): Promise<ApiTokenRow> {
    const [row] = await this.db.insert(apiTokens).values(params).returning(columns);
    if (!row) throw new Error('api_tokens insert returned no row');
    return toToken(row);
  }

  async list(): Promise<ApiTokenRow[]> {
    const rows = await this.db.select(columns).from(apiTokens).orderBy(desc(apiTokens.createdAt));
    return rows.map(toToken);
  }

  async findById(id: string): Promise<ApiTokenRow | null> {
    const [row] = await this.db.select(columns).from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
    return row ? toToken(row) : null;
  }

  /** The token with whether the user who created it is disabled (null owner: created by the system). */
  async findByTokenHash(tokenHash: string): Promise<(ApiTokenRow & { ownerDisabledAt: Date | null }) | null> {
    const [row] = await this.db
      .select({ ...columns, ownerDisabledAt: users.disabledAt })
      .from(apiTokens)
      .leftJoin(users, eq(users.id, apiTokens.createdBy))
      .where(eq(apiTokens.tokenHash, tokenHash))
      .limit(1);
    return row ? { ...toToken(row), ownerDisabledAt: row.ownerDisabledAt } : null;
  }

  /** Returns null when the token does not exist or is revoked already. */
  async revoke(params: { id: string; at: Date }): Promise<ApiTokenRow | null> {
    const [row] = await this.db
      .update(apiTokens)
      .set({ revokedAt: params.at })
      .where(and(eq(apiTokens.id, params.id), isNull(apiTokens.revokedAt)))
      .returning(columns);
    return row ? toToken(row) : null;
  }

  /** Revokes every live token `userId` created; returns them as they are now. */
  async revokeAllCreatedBy(params: { userId: string; at: Date }): Promise<ApiTokenRow[]> {
    const rows = await this.db
      .update(apiTokens)
      .set({ revokedAt: params.at })
      .where(and(eq(apiTokens.createdBy, params.userId), isNull(apiTokens.revokedAt)))
      .returning(columns);
    return rows.map(toToken);
  }

  async touchLastUsed(params: { id: string; at: Date }): Promise<void> {
    const stale = new Date(params.at.getTime() - LAST_USED_RESOLUTION_MS);
    await this.db
      .update(apiTokens)
      .set({ lastUsedAt: params.at })
      .where(and(eq(apiTokens.id, params.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
  }
}
