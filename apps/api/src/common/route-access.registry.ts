import { Injectable, Logger, RequestMethod, type OnApplicationBootstrap } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { resolveRouteAccess, type RouteAccess, type RouteController, type RouteHandler } from './route-access';

export interface RouteDescription {
  controller: string;
  handler: string;
  method: string;
  /** Path below the global prefix, as declared. */
  path: string;
  /** The OpenAPI operation id @nestjs/swagger gives the route by default. */
  operationId: string;
  access: RouteAccess;
}

const joinPaths = (...parts: string[]): string =>
  '/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');

const firstPath = (value: unknown): string => (Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : '');

/**
 * Every routed handler with the access rule the auth guard applies to it. At boot it logs routes that
 * declare no rule (the guard refuses them); the OpenAPI document and the route-walk test read it.
 */
@Injectable()
export class RouteAccessRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger(RouteAccessRegistry.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  routes(): RouteDescription[] {
    const routes: RouteDescription[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as RouteController | null;
      if (!controller || typeof controller !== 'function') continue;
      const prototype = controller.prototype as Record<string, unknown>;
      const basePath = firstPath(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function') continue;
        const path: unknown = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
        routes.push({
          controller: controller.name,
          handler: name,
          method: typeof method === 'number' ? (RequestMethod[method] ?? 'GET') : 'GET',
          path: joinPaths(basePath, firstPath(path)),
          operationId: `${controller.name}_${name}`,
          access: resolveRouteAccess(this.reflector, handler as RouteHandler, controller),
        });
      }
    }
    return routes;
  }

  onApplicationBootstrap(): void {
    for (const route of this.routes()) {
      if (route.access.kind === 'undeclared') {
        this.logger.error(
          `${route.method} ${route.path} (${route.controller}.${route.handler}) declares ${route.access.reason}: ` +
            'every request to it is refused with 403. Add @Roles(...) or @Public().',
        );
      }
    }
  }
}
