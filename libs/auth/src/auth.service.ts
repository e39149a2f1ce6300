import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import { APP_CONFIG, type AppConfig } from '@banca/config';
import { loginRequestSchema, parseInput, type LoginResponse, type UserDto } from '@banca/contracts';
import { NotFoundError, UnauthenticatedError, ValidationError, type Actor } from '@banca/domain';
import { ApiTokenRepository } from './api-token.repository';
import { toUserDto } from './auth.mappers';
import { API_TOKEN_PREFIX, generateOpaqueToken, hashToken, SESSION_TOKEN_PREFIX } from './opaque-token.util';
import { PasswordService } from './password.service';
import { SessionRepository } from './session.repository';
import { UserRepository } from './user.repository';

export interface RequestContext {
  requestId?: string;
}

/** One message for every refused login, so it does not reveal which usernames exist. */
const LOGIN_REFUSED = 'Unknown username or wrong password';
const LOGIN_DISABLED = 'This account is disabled; ask an administrator to enable it';
const TOKEN_REFUSED = 'Invalid, expired or revoked token';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly apiTokens: ApiTokenRepository,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
  ) {}

  /** Checks the password and opens a session; the token is returned once, only its SHA-256 is stored. */
  async login(input: unknown, context: RequestContext = {}): Promise<LoginResponse> {
    const { username, password } = parseInput(loginRequestSchema, input, 'login');
    const user = await this.users.findCredentials(username.toLowerCase());
    const ok = user ? await this.passwords.verify(user.passwordHash, password) : await this.passwords.verifyAgainstNothing(password);
    if (!user || !ok) {
      this.logger.warn({ userId: user?.id ?? null, requestId: context.requestId }, 'login refused');
      throw new UnauthenticatedError(LOGIN_REFUSED);
    }
    // Said only after the right password, so it reveals nothing to someone guessing usernames.
    if (user.disabledAt) {
      this.logger.warn({ userId: user.id, requestId: context.requestId }, 'login refused: user disabled');
      throw new UnauthenticatedError(LOGIN_DISABLED);
    }
    const now = new Date();
    const token = generateOpaqueToken(SESSION_TOKEN_PREFIX);
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlHours * 3_600_000);
    const session = await this.sessions.insert({ userId: user.id, tokenHash: hashToken(token), expiresAt });
    await this.users.recordLogin({ id: user.id, at: now });
    await this.audit.record({
      actor: { userId: user.id, role: user.role, via: 'session', ...context },
      action: 'session.login',
      entityType: 'session',
      entityId: session.id,
      after: { userId: user.id, expiresAt },
    });
    return { token, expiresAt: expiresAt.toISOString(), user: toUserDto(user) };
  }

  /** Revokes the session the actor authenticated with. API tokens are revoked by an admin instead. */
  async logout(actor: Actor): Promise<void> {
    if (actor.via !== 'session' || !actor.credentialId) {
      throw new ValidationError('Only login sessions log out; API tokens are revoked by an admin');
    }
    const revoked = await this.sessions.revoke({ id: actor.credentialId, at: new Date() });
    if (revoked) {
      await this.audit.record({ actor, action: 'session.logout', entityType: 'session', entityId: actor.credentialId });
    }
  }

  /** The actor behind a bearer token (session or API token); refuses anything expired, revoked or disabled. */
  async authenticate(bearerToken: string, context: RequestContext = {}): Promise<Actor> {
    const now = new Date();
    if (bearerToken.startsWith(SESSION_TOKEN_PREFIX)) {
      const session = await this.sessions.findByTokenHash(hashToken(bearerToken));
      if (!session || session.revokedAt || session.expiresAt <= now || session.userDisabledAt) {
        throw new UnauthenticatedError(TOKEN_REFUSED);
      }
      return { userId: session.userId, role: session.role, via: 'session', credentialId: session.sessionId, ...context };
    }
    if (bearerToken.startsWith(API_TOKEN_PREFIX)) {
      const token = await this.apiTokens.findByTokenHash(hashToken(bearerToken));
      if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now) || token.ownerDisabledAt) {
        throw new UnauthenticatedError(TOKEN_REFUSED);
      }
      await this.apiTokens.touchLastUsed({ id: token.id, at: now });
      return { userId: token.createdBy, role: token.role, via: 'api-token', credentialId: token.id, ...context };
    }
    throw new UnauthenticatedError(TOKEN_REFUSED);
  }

  /** The person behind a session (API tokens have no person of their own: their creator). */
  async me(actor: Actor): Promise<UserDto> {
    const user = actor.userId ? await this.users.findById(actor.userId) : null;
    if (!user) throw new NotFoundError('This credential has no user; it was created by the system');
    return { ...toUserDto(user), role: actor.role };
  }
}
