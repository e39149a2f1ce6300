import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { cleanupOpenApiDoc, createZodDto } from 'nestjs-zod';
import { errorEnvelopeSchema } from '@banca/contracts';
import type { Role } from '@banca/domain';
import { RouteAccessRegistry, type RouteDescription } from './route-access.registry';

/** Swagger UI here, the JSON document at `${DOCS_PATH}-json`. */
export const DOCS_PATH = 'api/docs';
export const BEARER_SCHEME = 'bearer';

class ErrorEnvelopeDto extends createZodDto(errorEnvelopeSchema) {}

/** Extensions the route-walk test and API clients read: who may call each operation. */
export type AnnotatedOperation = OperationObject & { 'x-banca-public'?: true; 'x-banca-roles'?: readonly Role[] };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

const errorResponse = (description: string): ResponseObject => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${ErrorEnvelopeDto.name}` } } },
});

/** Marks every operation with the access rule the auth guard applies, from the same route metadata. */
export function annotateAccess(doc: OpenAPIObject, routes: readonly RouteDescription[]): void {
  const byOperationId = new Map(routes.map((r) => [r.operationId, r]));
  for (const item of Object.values(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as AnnotatedOperation | undefined;
      const access = operation?.operationId ? byOperationId.get(operation.operationId)?.access : undefined;
      if (!operation || !access) continue;
      operation.responses.default ??= errorResponse('Error envelope');
      if (access.kind === 'public') {
        operation['x-banca-public'] = true;
        operation.security = [];
      } else if (access.kind === 'roles') {
        operation['x-banca-roles'] = access.roles;
        operation.security = [{ [BEARER_SCHEME]: [] }];
        operation.responses['401'] ??= errorResponse('No valid bearer token');
        operation.responses['403'] ??= errorResponse(`Requires the role ${access.roles.join(' or ')}`);
      }
    }
  }
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Banca Insight API')
    .setDescription('Bancassurance campaign analytics. Errors answer with one envelope: { error: { code, message, requestId } }.')
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A session token from POST /api/v1/auth/login, or an API token' },
      BEARER_SCHEME,
    )
    .build();
  const doc = cleanupOpenApiDoc(SwaggerModule.createDocument(app, config, { extraModels: [ErrorEnvelopeDto] }));
  annotateAccess(doc, app.get(RouteAccessRegistry).routes());
  return doc;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    swaggerOptions: { persistAuthorization: true },
  });
}
