import { Inject, Injectable } from '@nestjs/common';
import { and, asc, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { DATABASE, users, type Database } from '@banca/db';
import { ConflictError, type Role } from '@banca/domain';
import { isUniqueViolation, roleOf, type UserRow } from './auth.rows';

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  disabledAt: users.disabledAt,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

type SelectedUser = Omit<UserRow, 'role'> & { role: string };
const toUser = (row: SelectedUser): UserRow => ({ ...row, role: roleOf(row.role) });

export interface InsertUserParams {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

@Injectable()
export class UserRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(params: InsertUserParams): Promise<UserRow> {
    try {
      const [row] = await this.db.insert(users).values(params).returning(columns);
      if (!row) throw new Error('users insert returned no row');
      return toUser(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A user named "${params.username}" exists already`);
      throw error;
    }
  }

  async findById(id: string): Promise<UserRow | null> {
    const [row] = await this.db.select(columns).from(users).where(eq(users.id, id)).limit(1);
    return row ? toUser(row) : null;
  }

  async findByUsername(username: string): Promise<UserRow | null> {
    const [row] = await this.db.select(columns).from(users).where(eq(users.username, username)).limit(1);
    return row ? toUser(row) : null;
  }

  /** The only read of the password hash: for checking a login. */
  async findCredentials(username: string): Promise<(UserRow & { passwordHash: string }) | null> {
    const [row] = await this.db
      .select({ ...columns, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.username, username))
      .limit(1);
    return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
  }

  async list(): Promise<UserRow[]> {
    const rows = await this.db.select(columns).from(users).orderBy(asc(users.username));
    return rows.map(toUser);
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(users);
    return row?.n ?? 0;
  }

  async countEnabled(params: { role: Role }): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, params.role), isNull(users.disabledAt)));
    return row?.n ?? 0;
  }

  /** Sets disabled_at once; returns null when the user does not exist or is disabled already. */
  async disable(params: { id: string; at: Date }): Promise<UserRow | null> {
    const [row] = await this.db
      .update(users)
      .set({ disabledAt: params.at, updatedAt: params.at })
      .where(and(eq(users.id, params.id), isNull(users.disabledAt)))
      .returning(columns);
    return row ? toUser(row) : null;
  }

  /** Clears disabled_at; returns null when the user does not exist or is enabled already. */
  async enable(params: { id: string; at: Date }): Promise<UserRow | null> {
    const [row] = await this.db
      .update(users)
      .set({ disabledAt: null, updatedAt: params.at })
      .where(and(eq(users.id, params.id), isNotNull(users.disabledAt)))
      .returning(columns);
    return row ? toUser(row) : null;
  }

  async recordLogin(params: { id: string; at: Date }): Promise<void> {
    await this.db.update(users).set({ lastLoginAt: params.at }).where(eq(users.id, params.id));
  }
}
