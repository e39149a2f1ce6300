import type { ApiTokenDto, UserDto, UserRecordDto } from '@banca/contracts';
import type { ApiTokenRow, UserRow } from './auth.rows';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const toUserDto = (u: UserRow): UserDto => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
});

export const toUserRecordDto = (u: UserRow): UserRecordDto => ({
  ...toUserDto(u),
  disabledAt: iso(u.disabledAt),
  lastLoginAt: iso(u.lastLoginAt),
  createdAt: u.createdAt.toISOString(),
});

export const toApiTokenDto = (t: ApiTokenRow): ApiTokenDto => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  createdBy: t.createdBy,
  createdAt: t.createdAt.toISOString(),
  expiresAt: iso(t.expiresAt),
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});
