import { OpenAPIHono } from '@hono/zod-openapi';
import { ERRORS, ErrorBody, type RouteSpec } from '@portalflow/contract';
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../deps.ts';
import type { ApiDocs } from './openapi.ts';
import { readJson, validationFailed } from './validate.ts';

/** A route file's app: routes declared from the contract, with full paths, mounted at `/`. */
export type ApiRoutes = OpenAPIHono<AppEnv>;

/** The schemas of the route being answered, so a refusal can name fields by their labels. */
const requestSchemas = new WeakMap<Request, RouteSpec['request']>();

function schemaOf(c: Context, target: string): z.core.$ZodType | undefined {
  const request = requestSchemas.get(c.req.raw);
  if (target === 'json') return request?.body?.content['application/json']?.schema;
  if (target === 'query') return request?.query;
  if (target === 'param') return request?.params;
  return undefined;
}

/** New route files start here: a failed parse of params, query or body is our 400, not the library's. */
export function apiRoutes(): ApiRoutes {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) throw validationFailed(result.error, schemaOf(c, result.target), result.target);
    },
  });
}

/** What @hono/zod-openapi's media-type gate and its JSON validator accept (their own pattern). */
const LIBRARY_JSON = /^application\/json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/**
 * Our JSON rules before the library's validator sees the body: exactly `application/json` (415), well
 * formed (MALFORMED_JSON) and not absurdly deep. The parsed body is cached by Hono, so the validator
 * reads the same value without parsing twice.
 */
function jsonChecks(required: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const length = c.req.header('content-length');
    const empty = length === '0' || (length === undefined && !c.req.header('content-type'));
    if (empty && !required) {
      // No body where one may be left out: the library is shown none, so it reads it as `{}`.
      c.req.raw.headers.delete('content-type');
    } else {
      await readJson(c);
      // Our reading accepts the media type in any letter case, with parameters and spaces; the library's
      // gate that runs next is stricter, so it is shown the plain type of the body just read. Only when
      // it would refuse it: touching the request's headers makes Node's adapter copy them all.
      if (!LIBRARY_JSON.test(c.req.header('content-type') ?? ''))
        c.req.raw.headers.set('content-type', 'application/json');
    }
    await next();
  };
}

/** Whether answers are checked against their schemas (on in the test suites: see vitest.config.ts). */
const checking = () => process.env.PORTALFLOW_CHECK_RESPONSES === '1';

/**
 * In tests, every answer of a contract route must match what the contract says: a declared status, a
 * body its schema accepts, and for errors a catalogued code with the catalogue's status. A mismatch
 * turns the answer into a 500 naming the problem, so whichever test made the request fails.
 */
function responseCheck(spec: RouteSpec): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!checking()) return;
    const status = c.res.status;
    // A live stream is written to the socket directly on Node; its frames have their own tests.
    if (status < 300 && spec.responses[status]?.content?.['text/event-stream']) return;
    const type = c.res.headers.get('content-type') ?? '';
    const problem = await (async (): Promise<string | null> => {
      if (!type.startsWith('application/json')) {
        const essence = type.split(';')[0]!.trim();
        const declared = spec.responses[status]?.content;
        return status < 300 && declared && !(essence in declared) ? `answered ${type || 'no body'}` : null;
      }
      const body = await c.res.clone().json();
      if (status >= 400) {
        const parsed = ErrorBody.safeParse(body);
        if (!parsed.success) return `error body does not match: ${parsed.error.message}`;
        const entry = (ERRORS as Record<string, { status: number }>)[parsed.data.error.code];
        if (!entry) return `error code ${parsed.data.error.code} is not in the catalogue`;
        if (entry.status !== status) {
          return `error code ${parsed.data.error.code} answered ${status}, catalogue says ${entry.status}`;
        }
        return null;
      }
      const declared = spec.responses[status];
      if (!declared) return `status ${status} is not declared`;
      const schema = declared.content?.['application/json']?.schema;
      if (!schema) return `status ${status} declares no JSON body`;
      const parsed = schema.safeParse(body);
      return parsed.success ? null : `body does not match: ${parsed.error.message}`;
    })();
    if (problem) {
      const message = `${spec.method.toUpperCase()} ${spec.path}: ${problem}`;
      console.error(`contract: ${message}`);
      c.res = c.json({ error: { code: 'INTERNAL', message: `Contract broken: ${message}` } }, 500);
    }
  };
}

/**
 * Declares a contract route on the app's route list (tests and the access log read it) and adds the
 * middleware every contract route gets. Pass the result to `app.openapi(…)`.
 */
export function declared<R extends RouteSpec>(docs: ApiDocs, spec: R): R {
  docs.declare(spec);
  const body = spec.request?.body;
  const remember: MiddlewareHandler<AppEnv> = async (c, next) => {
    requestSchemas.set(c.req.raw, spec.request);
    await next();
  };
  const middleware: MiddlewareHandler<AppEnv>[] = [remember, responseCheck(spec)];
  if (body?.content['application/json']) middleware.push(jsonChecks(body.required !== false));
  return { ...spec, middleware } as R;
}

/**
 * Authorization before parsing, for routes only some roles may use: a caller who may not use the
 * route learns that (403) rather than what its body should look like. Takes a `declared` route.
 */
export function authorizedFirst<R extends RouteSpec>(
  spec: R,
  authorize: (c: Context<AppEnv>) => void | Promise<void>,
): R {
  const middleware = (spec as { middleware?: MiddlewareHandler<AppEnv>[] }).middleware ?? [];
  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    await authorize(c);
    await next();
  };
  return { ...spec, middleware: [guard, ...middleware] } as R;
}
