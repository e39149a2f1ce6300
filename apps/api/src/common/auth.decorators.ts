import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@banca/domain';

export const ROLES_METADATA = 'banca:roles';
export const PUBLIC_METADATA = 'banca:public';

/** The roles allowed on a handler or controller. Endpoints without @Roles or @Public are refused (deny by default). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_METADATA, roles);

/** An endpoint anyone may call (health, login). */
export const Public = () => SetMetadata(PUBLIC_METADATA, true);

/** The authenticated actor, set on the request by the auth guard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!request.actor) throw new Error('CurrentActor used on a route the auth guard did not authenticate');
  return request.actor;
});
