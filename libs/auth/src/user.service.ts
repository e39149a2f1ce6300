import { Injectable } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import {
  createUserRequestSchema,
  parseInput,
  type CreateUserResponse,
  type UserRecordDto,
} from '@banca/contracts';
import { ConflictError, NotFoundError, type Actor } from '@banca/domain';
import { ApiTokenRepository } from './api-token.repository';
import { isUuid, type UserRow } from './auth.rows';
import { toApiTokenDto, toUserRecordDto } from './auth.mappers';
import { generatePassword } from './opaque-token.util';
import { PasswordService } from './password.service';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';

@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly apiTokens: ApiTokenRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates a user. Without a password one is generated and returned once (`generatedPassword`);
   * only the argon2id hash is stored.
   */
  async create(input: unknown, actor: Actor): Promise<CreateUserResponse> {
    const request = parseInput(createUserRequestSchema, input, 'user');
    const password = request.password ?? generatePassword();
    const generatedPassword = request.password === undefined ? password : undefined;
    const user = await this.users.insert({
      username: request.username,
      displayName: request.displayName ?? request.username,
      role: request.role,
      passwordHash: await this.passwords.hash(password),
    });
    const dto = toUserRecordDto(user);
    await this.audit.record({ actor, action: 'user.create', entityType: 'user', entityId: user.id, after: dto });
    return generatedPassword === undefined ? { user: dto } : { user: dto, generatedPassword };
  }

  async list(): Promise<UserRecordDto[]> {
    return (await this.users.list()).map(toUserRecordDto);
  }

  async get(id: string): Promise<UserRecordDto> {
    return toUserRecordDto(await this.require(id));
  }

  async getByUsername(username: string): Promise<UserRecordDto> {
    const user = await this.users.findByUsername(username.trim().toLowerCase());
    if (!user) throw new NotFoundError(`No user named "${username}"`);
    return toUserRecordDto(user);
  }

  /**
   * Disables a user: kept, never deleted, so their audit entries and their name in history stay. Their
   * login sessions end and the API tokens they created are revoked (each revocation audited); a disabled
   * user's login is refused with a message saying so.
   */
  async disable(id: string, actor: Actor): Promise<UserRecordDto> {
    const before = await this.require(id);
    if (before.disabledAt) return toUserRecordDto(before);
    if (before.role === 'admin' && (await this.users.countEnabled({ role: 'admin' })) <= 1) {
      throw new ConflictError('The last enabled admin cannot be disabled; create another admin first');
    }
    const at = new Date();
    const after = (await this.users.disable({ id, at })) ?? (await this.require(id));
    const sessionsRevoked = await this.sessions.revokeAllForUser({ userId: id, at });
    const tokens = await this.apiTokens.revokeAllCreatedBy({ userId: id, at });
    const dto = toUserRecordDto(after);
    await this.audit.record({
      actor,
      action: 'user.disable',
      entityType: 'user',
      entityId: id,
      before: toUserRecordDto(before),
      after: { ...dto, sessionsRevoked, apiTokensRevoked: tokens.length },
    });
    await this.audit.recordMany(
      tokens.map((token) => {
        const revoked = toApiTokenDto(token);
        return {
          actor,
          action: 'api-token.revoke',
          entityType: 'api-token',
          entityId: token.id,
          before: { ...revoked, revokedAt: null },
          after: { ...revoked, reason: 'its creator was disabled' },
        };
      }),
    );
    return dto;
  }

  /** Enables a disabled user again; they sign in anew (ended sessions and revoked tokens stay so). */
  async enable(id: string, actor: Actor): Promise<UserRecordDto> {
    const before = await this.require(id);
    if (!before.disabledAt) return toUserRecordDto(before);
    const after = (await this.users.enable({ id, at: new Date() })) ?? (await this.require(id));
    const dto = toUserRecordDto(after);
    await this.audit.record({ actor, action: 'user.enable', entityType: 'user', entityId: id, before: toUserRecordDto(before), after: dto });
    return dto;
  }

  private async require(id: string): Promise<UserRow> {
    const user = isUuid(id) ? await this.users.findById(id) : null;
    if (!user) throw new NotFoundError('No such user');
    return user;
  }
}
