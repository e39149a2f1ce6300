import { Injectable } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import {
  createApiTokenRequestSchema,
  parseInput,
  type ApiTokenDto,
  type CreateApiTokenResponse,
} from '@banca/contracts';
import { NotFoundError, ValidationError, type Actor } from '@banca/domain';
import { ApiTokenRepository } from './api-token.repository';
import { isUuid } from './auth.rows';
import { toApiTokenDto } from './auth.mappers';
import { API_TOKEN_PREFIX, generateOpaqueToken, hashToken } from './opaque-token.util';

/** Characters of the token kept in clear to tell tokens apart: the kind prefix and 4 random ones. */
const SHOWN_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 4;

@Injectable()
export class ApiTokenService {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly audit: AuditService,
  ) {}

  /** Creates a token acting with `role`; the value is returned this once, only its SHA-256 is stored. */
  async create(input: unknown, actor: Actor): Promise<CreateApiTokenResponse> {
    const request = parseInput(createApiTokenRequestSchema, input, 'API token');
    const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
    if (expiresAt && expiresAt <= new Date()) {
      throw new ValidationError('must be in the future', { field: 'expiresAt' });
    }
    const token = generateOpaqueToken(API_TOKEN_PREFIX);
    const row = await this.tokens.insert({
      name: request.name,
      role: request.role,
      tokenHash: hashToken(token),
      prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
      createdBy: actor.userId,
      expiresAt,
    });
    const apiToken = toApiTokenDto(row);
    await this.audit.record({ actor, action: 'api-token.create', entityType: 'api-token', entityId: row.id, after: apiToken });
    return { token, apiToken };
  }

  async list(): Promise<ApiTokenDto[]> {
    return (await this.tokens.list()).map(toApiTokenDto);
  }

  /** Revokes a token; revoking one that is revoked already changes nothing. */
  async revoke(id: string, actor: Actor): Promise<ApiTokenDto> {
    const before = isUuid(id) ? await this.tokens.findById(id) : null;
    if (!before) throw new NotFoundError('No such API token');
    if (before.revokedAt) return toApiTokenDto(before);
    const after = (await this.tokens.revoke({ id, at: new Date() })) ?? before;
    const dto = toApiTokenDto(after);
    await this.audit.record({
      actor,
      action: 'api-token.revoke',
      entityType: 'api-token',
      entityId: id,
      before: toApiTokenDto(before),
      after: dto,
    });
    return dto;
  }
}
