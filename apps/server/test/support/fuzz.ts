import { createHash } from 'node:crypto';
import { type Client, createClient } from '@libsql/client';
import fc from 'fast-check';
import { z } from 'zod';
import type { RouteDoc } from '../../src/http/openapi.ts';

/** How many generated requests a fuzz run sends: a few thousand in CI, `FUZZ_RUNS` on demand. */
export const fuzzRuns = (fallback: number) => {
  const runs = Number(process.env.FUZZ_RUNS ?? fallback);
  return Number.isInteger(runs) && runs > 0 ? runs : fallback;
};
export const fuzzSeed = () => (process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31);

/**
 * The state a request could change, read through a second connection: every table except the ones
 * that change by design on any request (the access log records refusals; sessions and devices
 * record when they were last used).
 */
const DIGEST_QUERIES = [
  'SELECT id, revision, status, last_hash FROM instances ORDER BY id',
  'SELECT count(*), max(seq), max(instance_id) FROM events',
  'SELECT id, status, role, assignee, due, priority FROM tasks ORDER BY id',
  'SELECT id, due FROM timers ORDER BY id',
  'SELECT id, username, password_hash, display_name, disabled FROM users ORDER BY id',
  'SELECT user_id, role FROM user_roles ORDER BY user_id, role',
  'SELECT id, revision FROM definitions ORDER BY id',
  'SELECT definition_id, version FROM definition_versions ORDER BY definition_id, version',
  'SELECT id, revoked FROM api_tokens ORDER BY id',
  'SELECT id, read_at FROM notifications ORDER BY id',
  'SELECT count(*) FROM task_comments',
  'SELECT count(*) FROM idempotency',
  'SELECT user_id, secret, confirmed_at, last_step FROM totp_secrets ORDER BY user_id',
  'SELECT user_id, code_hash, used_at FROM recovery_codes ORDER BY user_id, code_hash',
  'SELECT id, expires_at, ended_at FROM emergency_access ORDER BY id',
];

export class StateDigest {
  private readonly client: Client;
  constructor(url: string) {
    this.client = createClient({ url });
  }
  async digest(): Promise<string> {
    const hash = createHash('sha256');
    const results = await this.client.batch(DIGEST_QUERIES, 'read');
    for (const rs of results) hash.update(JSON.stringify(rs.rows.map((r) => Array.from(r))));
    return hash.digest('hex');
  }
  close(): void {
    this.client.close();
  }
}

/** Strings that break naive code: control characters, path tricks, SQL and markup, huge and empty. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '../../etc/passwd',
    '%2e%2e%2f',
    "'; DROP TABLE users; --",
    '<script>alert(1)</script>',
    '\u0000',
    '\uFFFF\uD800',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    '-1',
    '1e309',
    'NaN',
    '2026-02-30T25:61:00Z',
    'x'.repeat(5000),
  ),
);

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: nastyString },
  {
    weight: 1,
    arbitrary: fc.constantFrom({ __proto__: { admin: true } }, { constructor: { prototype: {} } }),
  },
);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
};

/** Values shaped like the route's own JSON Schema, so requests get past parsing to the handler logic. */
function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return anyJson;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => fromSchema(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (props.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 });
      return fc.record(Object.fromEntries(props.map(([k, s]) => [k, fromSchema(s, depth + 1)])), {
        requiredKeys: (schema.required ?? []).filter((k) => schema.properties?.[k]),
      });
    }
    case 'array':
      return fc.array(fromSchema(schema.items, depth + 1), { maxLength: 4 });
    case 'string':
      return fc.oneof(
        fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) }),
        nastyString,
      );
    case 'integer':
      return fc.oneof(fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 1000 }), fc.integer());
    case 'number':
      return fc.double();
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return anyJson;
  }
}

const jsonSchemaOf = (s: z.ZodType | undefined): JsonSchema | undefined =>
  s ? (z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : undefined;

export interface FuzzRequest {
  route: string;
  method: string;
  path: string;
  /** A JSON value, raw text (sent as is), or nothing. */
  body?: { json: unknown } | { raw: string; type: string };
  caller: string;
  /** Send the caller's CSRF token (true), a wrong one (false). */
  csrf: boolean;
  idempotencyKey?: string;
}

/** Ids worth trying in paths: real ones the world made, and garbage. */
export interface Ids {
  instances: string[];
  tasks: string[];
  definitions: string[];
  users: string[];
}

/** Any generated value as query text (some have no prototype, so String() would throw). */
const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

const deepNesting = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

/** A request for one documented route: schema-shaped or random body, query and path values. */
export function requestFor(route: RouteDoc, ids: Ids, callers: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const idFor = (name: string, path: string): fc.Arbitrary<string> => {
    const known = path.startsWith('/api/tasks/')
      ? ids.tasks
      : path.startsWith('/api/definitions/')
        ? name === 'v'
          ? ['1', '2', '0', '-1', '999999999999']
          : ids.definitions
        : path.startsWith('/api/users/')
          ? ids.users
          : ids.instances;
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...(known.length ? known : ['none'])) },
      {
        weight: 1,
        arbitrary: nastyString
          .filter((s) => s.length > 0)
          .map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ''))),
      },
      // Broken percent-encoding, sent as is.
      { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '..%2F..%2F', '%C0%AE') },
    );
  };
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const path = fc
    .tuple(...params.map((p) => idFor(p, route.path)))
    .map((values) => params.reduce((acc, p, i) => acc.replace(`{${p}}`, values[i]!), route.path));
  const querySchema = jsonSchemaOf(route.query);
  const query = fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    {
      weight: 3,
      arbitrary: fromSchema(querySchema).map((q) =>
        q && typeof q === 'object' && !Array.isArray(q)
          ? new URLSearchParams(
              Object.entries(q).map(([k, v]): [string, string] => [k, asText(v)]),
            ).toString()
          : '',
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(nastyString, nastyString, { maxKeys: 3 })
        .map((q) => new URLSearchParams(q).toString()),
    },
  );
  const bodySchema = jsonSchemaOf(route.body);
  const body: fc.Arbitrary<FuzzRequest['body']> = fc.oneof(
    { weight: 5, arbitrary: fromSchema(bodySchema).map((json) => ({ json })) },
    { weight: 2, arbitrary: anyJson.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { raw: '{"a":', type: 'application/json' },
        { raw: deepNesting(5000), type: 'application/json' },
        { raw: 'username=admin', type: 'application/x-www-form-urlencoded' },
        { raw: '{}', type: 'text/plain' },
        { raw: '\u0000\u0001', type: 'application/json' },
        { raw: `{"x":"${'y'.repeat(2 * 1024 * 1024)}"}`, type: 'application/json' },
      ),
    },
  );
  return fc.record({
    route: fc.constant(`${route.method.toUpperCase()} ${route.path}`),
    method: fc.constant(route.method.toUpperCase()),
    path: fc.tuple(path, query).map(([p, q]) => (q ? `${p}?${q}` : p)),
    body: route.method === 'get' ? fc.constant(undefined) : body,
    caller: fc.constantFrom(...callers),
    csrf: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    // Header values are bytes: printable ASCII only (anything else cannot be sent at all).
    idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.string({ unit: 'grapheme-ascii', maxLength: 300 })), {
      nil: undefined,
    }),
  }) as fc.Arbitrary<FuzzRequest>;
}

/** Signs of a leaked stack trace or source path in a response. */
export const STACK_TRACE =
  /\n\s+at\s|\bat\s+\S+\s+\(|node:internal|node_modules|\/src\/[\w/-]+\.ts|\.ts:\d+:\d+/;
