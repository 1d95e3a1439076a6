import type { RouteSpec } from '@portalflow/contract';
import { z } from 'zod';

/** One documented route; the same zod schemas validate the request in the handler. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. `/api/tasks/{id}/claim`. */
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** False for the few routes that need no sign-in. */
  auth?: boolean;
  /** Mutating routes accept an `Idempotency-Key` header. */
  idempotent?: boolean;
  /**
   * Whether the route returns or changes instance data (protected health information). Such routes
   * write an access-log row for every request, allowed or refused, and answer with `no-store`; the
   * access-log test requires every documented route to say, and checks each one that says true.
   */
  instanceData?: boolean;
  responses?: Record<string, string>;
  /** Set for routes declared from `@portalflow/contract`: their OpenAPI comes from the spec itself. */
  contract?: RouteSpec;
}

export class ApiDocs {
  readonly routes: RouteDoc[] = [];

  add(doc: RouteDoc): void {
    this.routes.push(doc);
  }

  /** Lists a contract route with the others (tests and the access log walk this one list). */
  declare(spec: RouteSpec): void {
    const body = spec.request?.body?.content['application/json']?.schema;
    this.routes.push({
      method: spec.method,
      path: spec.path,
      summary: spec.summary,
      tag: spec.tags[0] ?? 'api',
      ...(body ? { body } : {}),
      ...(spec.request?.query ? { query: spec.request.query } : {}),
      auth: spec['x-public'] !== true,
      idempotent: spec['x-idempotent'] === true,
      instanceData: spec['x-instance-data'],
      contract: spec,
    });
  }

  /**
   * The whole document: the contract routes' operations as `@hono/zod-openapi` generated them, and the
   * routes not yet declared from the contract as before.
   */
  document(generated: { paths?: Record<string, Record<string, unknown>> } = {}): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const [path, operations] of Object.entries(generated.paths ?? {})) {
      for (const [method, operation] of Object.entries(operations)) {
        const spec = this.routes.find((r) => r.contract && r.path === path && r.method === method);
        paths[path] ??= {};
        paths[path]![method] = spec?.auth === false ? { ...(operation as object), security: [] } : operation;
      }
    }
    const errorRef = { $ref: '#/components/schemas/Error' };
    for (const r of this.routes) {
      if (r.contract) continue;
      const parameters: unknown[] = [];
      for (const m of r.path.matchAll(/\{(\w+)\}/g)) {
        parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
      }
      if (r.query) {
        const schema = z.toJSONSchema(r.query, { io: 'input', unrepresentable: 'any' }) as {
          properties?: Record<string, unknown>;
          required?: string[];
        };
        for (const [name, s] of Object.entries(schema.properties ?? {})) {
          parameters.push({
            name,
            in: 'query',
            required: schema.required?.includes(name) ?? false,
            schema: s,
          });
        }
      }
      if (r.idempotent) {
        parameters.push({
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', maxLength: 200 },
        });
      }
      const responses: Record<string, unknown> = {};
      for (const [status, description] of Object.entries(r.responses ?? { 200: 'OK' })) {
        responses[status] =
          Number(status) < 400
            ? { description }
            : { description, content: { 'application/json': { schema: errorRef } } };
      }
      responses['400'] ??= {
        description: 'Malformed or invalid request',
        content: { 'application/json': { schema: errorRef } },
      };
      if (r.auth !== false)
        responses['401'] ??= {
          description: 'Not signed in',
          content: { 'application/json': { schema: errorRef } },
        };
      const operation: Record<string, unknown> = { summary: r.summary, tags: [r.tag], parameters, responses };
      if (r.body) {
        operation.requestBody = {
          required: true,
          content: {
            'application/json': { schema: z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) },
          },
        };
      }
      if (r.auth === false) operation.security = [];
      if (r.instanceData !== undefined) operation['x-instance-data'] = r.instanceData;
      paths[r.path] ??= {};
      paths[r.path]![r.method] = operation;
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'portalflow API',
        version: '0.1.0',
        description:
          'Run, work and audit patient-portal workflows. Errors are { error: { code, message, details? } }.',
      },
      security: [{ session: [] }, { token: [] }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pf_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
        schemas: {
          Error: {
            type: 'object',
            required: ['error'],
            properties: {
              error: {
                type: 'object',
                required: ['code', 'message'],
                properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
              },
            },
          },
        },
      },
      paths,
    };
  }
}
