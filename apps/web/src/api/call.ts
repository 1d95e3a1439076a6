import type { RouteAddress, RouteSpec } from '@portalflow/contract';
import type { z } from 'zod';
import { api } from './client.ts';

type Json<T> = T extends { content: { 'application/json': { schema: infer S extends z.ZodType } } }
  ? S
  : never;
type SuccessStatus = 200 | 201 | 202;

/** The schema of a route's success answer. */
type SuccessSchema<R extends RouteSpec> = Json<R['responses'][Extract<keyof R['responses'], SuccessStatus>]>;

/** What a route answers on success, as the contract declares it. */
export type Answer<R extends RouteSpec> = z.infer<SuccessSchema<R>>;

export type Part<R extends RouteSpec, K extends 'params' | 'query'> = R['request'] extends {
  [P in K]: infer S extends z.ZodType;
}
  ? { [P in K]: z.input<S> }
  : { [P in K]?: never };
type Body<R extends RouteSpec> = R['request'] extends {
  body: { required: false; content: { 'application/json': { schema: infer S extends z.ZodType } } };
}
  ? { body?: z.input<S> }
  : R['request'] extends { body: { content: { 'application/json': { schema: infer S extends z.ZodType } } } }
    ? { body: z.input<S> }
    : { body?: never };

/** What a call sends: path parameters, query and body typed from the route; patient data only in bodies. */
export type CallInput<R extends RouteSpec> = Part<R, 'params'> &
  Part<R, 'query'> &
  Body<R> & { idempotencyKey?: string };

/** `/api/tasks/{id}` with `{ id: 'a/b' }` → `/tasks/a%2Fb` (the client adds `/api`). */
export function pathOf(
  spec: RouteSpec | RouteAddress,
  params: Record<string, unknown> | undefined,
  query: unknown,
): string {
  const filled = spec.path
    .replace(/^\/api/, '')
    .replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
  const entries = Object.entries((query ?? {}) as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && v !== null,
  );
  return entries.length === 0
    ? filled
    : `${filled}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

/**
 * A download's text and the file name the server gave it (`Content-Disposition`), null when it gave
 * none: the server's name says when the file stands as of by its own clock, not the browser's.
 */
export async function callFile<R extends RouteSpec>(
  spec: R,
  input: CallInput<R>,
): Promise<{ text: string; name: string | null }> {
  const { params, query, body } = input as {
    params?: Record<string, unknown>;
    query?: unknown;
    body?: unknown;
  };
  let name: string | null = null;
  const payload = await api<unknown>(pathOf(spec, params, query), {
    method: spec.method.toUpperCase(),
    ...(body === undefined ? {} : { body }),
    onResponse: (response) => {
      name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null;
    },
  });
  if (typeof payload !== 'string') throw new Error(`${spec.path} answered JSON where text was expected`);
  return { text: payload, name };
}

/** A route's non-JSON answer (a CSV or Markdown download) as text, with the same typed input. */
export async function callText<R extends RouteSpec>(spec: R, input: CallInput<R>): Promise<string> {
  const { params, query, body } = input as {
    params?: Record<string, unknown>;
    query?: unknown;
    body?: unknown;
  };
  const payload = await api<unknown>(pathOf(spec, params, query), {
    method: spec.method.toUpperCase(),
    ...(body === undefined ? {} : { body }),
  });
  if (typeof payload !== 'string') throw new Error(`${spec.path} answered JSON where text was expected`);
  return payload;
}

/**
 * Calls a route the contract declares and parses its answer with the route's own success schema, so a
 * server that drifted from the contract fails loudly here instead of rendering wrong data. Called by
 * its address (`SIGN_IN_ROUTES`), as the sign-in page does to load without zod, the answer is taken
 * as the route types it: the server's tests check every answer it gives against the route.
 */
export async function call<R extends RouteSpec>(
  spec: R | RouteAddress<R>,
  input: CallInput<R>,
): Promise<Answer<R>> {
  const { params, query, body, idempotencyKey } = input as {
    params?: Record<string, unknown>;
    query?: unknown;
    body?: unknown;
    idempotencyKey?: string;
  };
  const payload = await api<unknown>(pathOf(spec, params, query), {
    method: spec.method.toUpperCase(),
    ...(body === undefined ? {} : { body }),
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
  return parseAnswer(spec, payload);
}

/** The answer checked against the route's success schema (routes answering JSON). */
export function parseAnswer<R extends RouteSpec>(spec: R | RouteAddress<R>, payload: unknown): Answer<R> {
  if (!('responses' in spec)) return payload as Answer<R>;
  const success = Object.entries(spec.responses).find(([status]) => Number(status) < 300)?.[1];
  const schema = success?.content?.['application/json']?.schema;
  return (schema ? schema.parse(payload) : payload) as Answer<R>;
}
