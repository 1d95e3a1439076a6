import { fieldProblems, issueWords, refusalMessage } from '@portalflow/contract';
import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError } from './errors.ts';
import { isJsonMediaType } from './media-type.ts';

/**
 * Deepest JSON nesting accepted in a body: far more than any definition, layout or form needs, and far
 * less than what recursive code (hashing, canonical JSON) can walk without overflowing the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Measured with an explicit stack, so the check itself cannot overflow. */
export function deeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [next, depth] = pending.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(next)) pending.push([child, depth + 1]);
  }
  return false;
}

// Every parse in the server words its problems for people (zod's own English says "expected string,
// received number"); set once here because the route library parses bodies and queries itself.
z.config({ customError: issueWords });

/** What a refused part of a request is called when the problem is the whole of it. */
const WHOLE: Record<string, string> = {
  json: 'Request body',
  body: 'Request body',
  query: 'Query',
  param: 'Address',
  form: 'Form',
  header: 'Headers',
};

/**
 * The one 400 for a refused body, query or path: VALIDATION_FAILED, the first problem in words as the
 * message, every field's problem in `fields` (and, as before, in `details.issues`).
 */
export function validationFailed(error: z.core.$ZodError, root: z.core.$ZodType | undefined, where: string) {
  const fields = fieldProblems(error, root, WHOLE[where] ?? 'Request');
  const issues = fields.map(({ path, message }) => ({ path, message }));
  return new ApiError(
    400,
    'VALIDATION_FAILED',
    refusalMessage(fields, WHOLE[where] ?? 'Request'),
    { issues },
    fields,
  );
}

/**
 * Reads a JSON body by our rules: exactly `application/json` (415), well formed (MALFORMED_JSON), not
 * nested absurdly deep. Hono caches the parsed body, so a validator reading it later gets the same value.
 */
export async function readJson(c: Context): Promise<unknown> {
  if (!isJsonMediaType(c.req.header('content-type'))) {
    throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
  }
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    throw new ApiError(400, 'MALFORMED_JSON', 'The request body is not valid JSON');
  }
  if (deeperThan(value, MAX_JSON_DEPTH)) {
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      `JSON nested deeper than ${MAX_JSON_DEPTH} levels is not accepted`,
    );
  }
  return value;
}

/** Reads and validates a JSON body. Malformed JSON and wrong shapes are 400s that name the field. */
export async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const value = await readJson(c);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationFailed(parsed.error, schema, 'body');
  return parsed.data;
}

/** An optional JSON body: an empty body counts as `{}`. */
export async function optionalBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const length = c.req.header('content-length');
  if (length === '0' || (length === undefined && !c.req.header('content-type'))) {
    const parsed = schema.safeParse({});
    if (parsed.success) return parsed.data;
  }
  return body(c, schema);
}

export function query<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationFailed(parsed.error, schema, 'query');
  return parsed.data;
}
