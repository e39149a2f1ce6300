import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthService } from '@banca/auth';
import { ForbiddenError, UnauthenticatedError } from '@banca/domain';
import { bearerTokenOf, requestIdOf, type ApiRequest } from './api-request';
import { resolveRouteAccess } from './route-access';

/**
 * Global and deny-by-default: a route passes only with `@Public()`, or with `@Roles(...)` and a valid
 * bearer token (session or API token) of one of those roles. A route declaring neither is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      this.logger.error(`Refused a ${context.getType()} call: only HTTP routes have access rules`);
      return false;
    }
    const req = context.switchToHttp().getRequest<ApiRequest>();
    const access = resolveRouteAccess(this.reflector, context.getHandler(), context.getClass());
    if (access.kind === 'undeclared') {
      this.logger.error(
        `${req.method} ${req.path} (${context.getClass().name}.${context.getHandler().name}) declares ` +
          `${access.reason}; refused. Add @Roles(...) or @Public().`,
      );
      throw new ForbiddenError('This endpoint is not available');
    }
    if (access.kind === 'public') return true;
    const token = bearerTokenOf(req.headers.authorization);
    if (!token) throw new UnauthenticatedError('Sign in first: send Authorization: Bearer <token>');
    const actor = await this.auth.authenticate(token, { requestId: requestIdOf(req) });
    req.actor = actor;
    if (!access.roles.includes(actor.role)) {
      throw new ForbiddenError(`This endpoint requires the role ${access.roles.join(' or ') || '(none)'}`);
    }
    return true;
  }
}
