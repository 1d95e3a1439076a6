import type { RouteSpec } from '@portalflow/contract';
import { type Answer, type Part, parseAnswer, pathOf } from './call.ts';
import { send } from './client.ts';

/**
 * What a multipart call sends: the route's path parameters, typed from the contract, and its parts.
 * A part left `null` or `undefined` is not sent, so an optional field needs no special case.
 */
export type MultipartInput<R extends RouteSpec> = Part<R, 'params'> & {
  parts: Record<string, string | File | null | undefined>;
  idempotencyKey?: string;
};

/**
 * Calls a route that takes a file (multipart/form-data) and parses its answer with the route's own
 * success schema, like `call`. A file's name travels inside its part, never in the path or a query.
 */
export async function callMultipart<R extends RouteSpec>(
  spec: R,
  input: MultipartInput<R>,
): Promise<Answer<R>> {
  const { params, parts, idempotencyKey } = input as {
    params?: Record<string, unknown>;
    parts: Record<string, string | File | null | undefined>;
    idempotencyKey?: string;
  };
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, value.name);
  }
  const payload = await send<unknown>(pathOf(spec, params, undefined), {
    method: spec.method.toUpperCase(),
    body: form,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
  return parseAnswer(spec, payload);
}
