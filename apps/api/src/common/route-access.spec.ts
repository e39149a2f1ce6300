import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import type { AuthService } from '@banca/auth';
import { ForbiddenError, UnauthenticatedError, type Actor } from '@banca/domain';
import { Public, Roles } from './auth.decorators';
import { AuthGuard } from './auth.guard';
import { resolveRouteAccess } from './route-access';

@Roles('admin')
@Controller('admin-things')
class AdminController {
  @Get()
  list() {}
  @Public()
  @Get('open')
  open() {}
  @Roles('admin', 'compliance')
  @Get('shared')
  shared() {}
}

@Controller('forgotten')
class ForgottenController {
  @Get()
  list() {}
  @Public()
  @Roles('admin')
  @Get('both')
  both() {}
}

const reflector = new Reflector();

describe('resolveRouteAccess', () => {
  it('takes the handler rule over the controller rule', () => {
    expect(resolveRouteAccess(reflector, AdminController.prototype.list, AdminController)).toEqual({ kind: 'roles', roles: ['admin'] });
    expect(resolveRouteAccess(reflector, AdminController.prototype.open, AdminController)).toEqual({ kind: 'public' });
    expect(resolveRouteAccess(reflector, AdminController.prototype.shared, AdminController)).toEqual({
      kind: 'roles',
      roles: ['admin', 'compliance'],
    });
  });

  it('calls a route with no rule, or with both rules on one target, undeclared', () => {
    expect(resolveRouteAccess(reflector, ForgottenController.prototype.list, ForgottenController).kind).toBe('undeclared');
    expect(resolveRouteAccess(reflector, ForgottenController.prototype.both, ForgottenController).kind).toBe('undeclared');
  });
});

describe('AuthGuard', () => {
  const actors: Record<string, Actor> = {
    'admin-token': { userId: 'u1', role: 'admin', via: 'session' },
    'marketing-token': { userId: 'u2', role: 'marketing', via: 'session' },
  };
  // The guard's collaborator: resolves the two tokens above, refuses anything else.
  const auth = {
    authenticate: async (token: string, context: { requestId?: string }) => {
      const actor = actors[token];
      if (!actor) throw new UnauthenticatedError('bad token');
      return { ...actor, ...context };
    },
  } as unknown as AuthService;
  const guard = new AuthGuard(reflector, auth);

  function contextFor(controller: abstract new () => object, handler: () => void, authorization?: string) {
    const request: { headers: Record<string, string>; method: string; path: string; id: string; actor?: Actor } = {
      headers: authorization ? { authorization } : {},
      method: 'GET',
      path: '/x',
      id: 'req-9',
    };
    const context = {
      getType: () => 'http',
      getHandler: () => handler,
      getClass: () => controller,
      switchToHttp: () => ({ getRequest: () => request }),
    } as unknown as ExecutionContext;
    return { context, request };
  }

  it('refuses a route that declares no rule with 403, even with a valid admin token', async () => {
    const { context } = contextFor(ForgottenController, ForgottenController.prototype.list, 'Bearer admin-token');
    await expect(guard.canActivate(context)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('lets anyone through a public route', async () => {
    await expect(guard.canActivate(contextFor(AdminController, AdminController.prototype.open).context)).resolves.toBe(true);
  });

  it('answers 401 without or with an unknown token, 403 for another role, and sets the actor for an allowed one', async () => {
    await expect(guard.canActivate(contextFor(AdminController, AdminController.prototype.list).context)).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(
      guard.canActivate(contextFor(AdminController, AdminController.prototype.list, 'Bearer nope').context),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(
      guard.canActivate(contextFor(AdminController, AdminController.prototype.list, 'Bearer marketing-token').context),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const { context, request } = contextFor(AdminController, AdminController.prototype.list, 'bearer admin-token');
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.actor).toEqual({ userId: 'u1', role: 'admin', via: 'session', requestId: 'req-9' });
  });
});
