import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Role } from '@banca/domain';
import { PUBLIC_METADATA, ROLES_METADATA } from './auth.decorators';

export type RouteHandler = ReturnType<ExecutionContext['getHandler']>;
export type RouteController = ReturnType<ExecutionContext['getClass']>;

/** Who may call a route: decided by `@Public()` / `@Roles(...)`, the handler's over its controller's. */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'roles'; roles: readonly Role[] }
  | { kind: 'undeclared'; reason: string };

export function resolveRouteAccess(reflector: Reflector, handler: RouteHandler, controller: RouteController): RouteAccess {
  for (const target of [handler, controller]) {
    const isPublic = reflector.get<boolean | undefined>(PUBLIC_METADATA, target) === true;
    const roles = reflector.get<Role[] | undefined>(ROLES_METADATA, target);
    if (isPublic && roles) return { kind: 'undeclared', reason: 'both @Public and @Roles on the same target' };
    if (isPublic) return { kind: 'public' };
    if (roles) return { kind: 'roles', roles };
  }
  return { kind: 'undeclared', reason: 'neither @Public nor @Roles' };
}
