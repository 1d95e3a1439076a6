import type { z } from 'zod';
import { ERRORS, ErrorBody, type ErrorStatus } from './errors.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Content {
  [mediaType: string]: { schema: z.ZodType };
}

export interface ResponseSpec {
  description: string;
  content?: Content;
}

/**
 * One HTTP route as data: path, method, what it reads, what it answers. The server registers it with
 * `@hono/zod-openapi` (validation, handler types and OpenAPI from this one object); the web's client
 * calls it and parses the answer with the same schemas. The shape is zod-to-openapi's `RouteConfig`
 * plus three `x-` fields the OpenAPI document carries as extensions.
 */
export interface RouteSpec {
  method: Method;
  /** OpenAPI form, e.g. `/api/tasks/{id}/claim`; every `{name}` has a `request.params` schema. */
  path: string;
  summary: string;
  tags: string[];
  /**
   * Whether the route returns or changes instance data (protected health information): such routes
   * write an access-log row for every request, allowed or refused, and answer `no-store`.
   */
  'x-instance-data': boolean;
  /** Answered without sign-in (public help, health). */
  'x-public'?: boolean;
  /** Accepts an `Idempotency-Key` header: the same key replays the first answer. */
  'x-idempotent'?: boolean;
  request?: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    body?: { required?: boolean; description?: string; content: Content };
  };
  responses: Record<number, ResponseSpec>;
}

/** Declares a route, keeping its literal types so handlers and the client are typed from it. */
export function route<const R extends RouteSpec>(spec: R): R {
  return spec;
}

/** A JSON answer with its schema. */
export function json<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** A required JSON body. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}

/** A JSON body that may be left out (an empty body counts as `{}`). */
export function optionalJsonBody<S extends z.ZodType>(schema: S) {
  return { required: false, content: { 'application/json': { schema } } } as const;
}

type ErrorResponses<K extends ErrorStatus> = {
  [S in K]: { description: string; content: { 'application/json': { schema: typeof ErrorBody } } };
};

/** Error answers a route documents, each with the one error body; descriptions name the codes. */
export function errors<const D extends Partial<Record<ErrorStatus, string>>>(
  described: D,
): ErrorResponses<Extract<keyof D, ErrorStatus>> {
  const out = {} as Record<number, ResponseSpec>;
  for (const [status, description] of Object.entries(described) as Array<[string, string]>) {
    out[Number(status)] = { description, content: { 'application/json': { schema: ErrorBody } } };
  }
  return out as ErrorResponses<Extract<keyof D, ErrorStatus>>;
}

/** The codes of the catalogue answered with a status, for documentation. */
export const codesWithStatus = (status: ErrorStatus): string[] =>
  Object.entries(ERRORS)
    .filter(([, e]) => e.status === status)
    .map(([code]) => code);
