import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MatrixWorld, setupMatrix, TRIAGE } from './support/matrix-setup.ts';

/**
 * GET /api/openapi.json describes exactly the API the Hono app serves, in OpenAPI 3.1 shape, and
 * its request-body schemas are the ones the handlers enforce.
 */

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let w: MatrixWorld;
let doc: Json;
beforeAll(async () => {
  w = await setupMatrix();
  const res = await w.send('anonymous', { method: 'GET', path: '/api/openapi.json' });
  expect(res.status).toBe(200);
  doc = res.body;
}, 60_000);
afterAll(() => w?.close());

/** Every operation in the document as `METHOD /path`. */
function documented(): string[] {
  return Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    Object.keys(item as Json)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/** Resolves a local `$ref` (`#/components/schemas/Error`). */
function resolve(ref: string): unknown {
  expect(ref.startsWith('#/'), ref).toBe(true);
  return ref
    .slice(2)
    .split('/')
    .reduce<any>((node, key) => node?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
}

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refsIn(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('/api/openapi.json', () => {
  it('is served without sign-in as JSON', async () => {
    const res = await w.t.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('has the OpenAPI 3.1 document shape', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info?.title).toBe('string');
    expect(typeof doc.info?.version).toBe('string');
    expect(doc.paths && typeof doc.paths).toBe('object');
    // Top-level keys are only those the specification defines (or x- extensions).
    const allowed = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components'];
    for (const key of Object.keys(doc))
      expect(
        [...allowed, 'security', 'tags', 'externalDocs'].includes(key) || key.startsWith('x-'),
        key,
      ).toBe(true);
    const schemes = doc.components?.securitySchemes as Json;
    expect(Object.keys(schemes).length).toBeGreaterThan(0);
    for (const requirement of doc.security as Json[])
      for (const name of Object.keys(requirement))
        expect(schemes[name], `security scheme ${name}`).toBeDefined();
    for (const ref of refsIn(doc)) expect(resolve(ref), `unresolved ${ref}`).toBeDefined();
  });

  it('describes every operation completely', () => {
    const operations = documented();
    expect(operations.length).toBeGreaterThan(30);
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      expect(path.startsWith('/'), path).toBe(true);
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item as Json)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(METHODS, where).toContain(method);
        expect(typeof op.summary, where).toBe('string');
        expect(Array.isArray(op.tags) && op.tags.length > 0, where).toBe(true);
        // responses: at least one, keyed by status code, each with a description
        const responses = Object.entries(op.responses as Json);
        expect(responses.length, where).toBeGreaterThan(0);
        for (const [status, response] of responses) {
          expect(status, where).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
          expect(typeof (response as Json).description, `${where} ${status}`).toBe('string');
        }
        // parameters: valid locations; each path template variable declared once, required
        const params = (op.parameters ?? []) as Json[];
        for (const p of params) {
          expect(['path', 'query', 'header', 'cookie'], `${where} ${p.name}`).toContain(p.in);
          expect(typeof p.name, where).toBe('string');
          expect(p.schema ?? p.content, `${where} ${p.name}`).toBeDefined();
        }
        const pathParams = params.filter((p) => p.in === 'path');
        expect(pathParams.map((p) => p.name).sort(), where).toEqual([...templated].sort());
        for (const p of pathParams) expect(p.required, `${where} ${p.name}`).toBe(true);
        const keys = params.map((p) => `${p.in}:${p.name}`);
        expect(new Set(keys).size, `${where}: duplicate parameters`).toBe(keys.length);
        if (op.requestBody) {
          const schema = op.requestBody.content?.['application/json']?.schema;
          expect(schema && typeof schema, `${where} request body schema`).toBe('object');
        }
        // Open routes say so; every other route documents 401.
        if (Array.isArray(op.security) && op.security.length === 0)
          expect(
            [
              'GET /api/health',
              'GET /api/openapi.json',
              'POST /api/auth/login',
              'POST /api/auth/set-password',
              // The same answer for every name, signed in or not.
              'POST /api/auth/forgot-password',
              'GET /api/sign-in-page',
              // Whether this browser is signed in: "no one" is an answer, not a 401.
              'GET /api/session',
              'GET /api/auth/oidc',
              'GET /api/auth/oidc/start',
              'GET /api/auth/oidc/callback',
              'GET /api/public/help/{clinic}',
              'GET /api/public/help/{clinic}/search',
              'GET /api/public/help/{clinic}/hours',
              'GET /api/public/help/{clinic}/videos/{id}/{sha256}',
              'GET /api/public/help/{clinic}/videos/{id}/captions/{language}',
              // No sign-in: the Standard Webhooks signature is the credential (401 when it fails).
              'POST /api/intake/{workflowId}',
              // FHIR: the CapabilityStatement is public; a Communication is signed (or carries a token).
              'GET /fhir/metadata',
              'POST /fhir/Communication',
            ],
            where,
          ).toContain(where);
        else expect(op.responses['401'], `${where} documents 401`).toBeDefined();
      }
    }
  });

  it('documents exactly the routes the Hono app serves', () => {
    const served = [
      ...new Set(
        w.t.app.routes
          .filter((r) => r.method !== 'ALL' && /^\/(api|fhir)\//.test(r.path))
          .map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
      ),
    ];
    const docs = documented();
    expect(served.length).toBeGreaterThan(30);
    expect(
      served.filter((r) => !docs.includes(r)),
      'served but not documented',
    ).toEqual([]);
    expect(
      docs.filter((r) => !served.includes(r)),
      'documented but not served',
    ).toEqual([]);
    // Nothing outside /api and /fhir is routed by the API itself (the web app, when served, is middleware).
    expect(w.t.app.routes.filter((r) => r.method !== 'ALL' && !/^\/(api|fhir)\//.test(r.path))).toEqual([]);
  });

  it('answers an unknown route with the documented error shape', async () => {
    const res = await w.send('designer', { method: 'GET', path: '/api/no-such-route' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});

/**
 * A body the documented schema itself rules out, derived from the schema (not written by hand):
 * a property it does not allow, a required property left out, or a string shorter than its minLength.
 */
function violations(schema: Json, valid: Json): Array<{ why: string; body: Json }> {
  const out: Array<{ why: string; body: Json }> = [];
  const props = (schema.properties ?? {}) as Json;
  if (schema.additionalProperties === false) {
    const extra = 'notInSchema';
    expect(props[extra]).toBeUndefined();
    out.push({ why: `additionalProperties: false (${extra})`, body: { ...valid, [extra]: 1 } });
  }
  for (const name of (schema.required ?? []) as string[]) {
    const { [name]: _dropped, ...rest } = valid;
    out.push({ why: `required: ${name}`, body: rest });
  }
  for (const [name, p] of Object.entries(props)) {
    if (typeof (p as Json).minLength === 'number' && (p as Json).minLength > 0)
      out.push({ why: `${name}.minLength ${(p as Json).minLength}`, body: { ...valid, [name]: '' } });
    if ((p as Json).type === 'array' && typeof (p as Json).minItems === 'number' && (p as Json).minItems > 0)
      out.push({ why: `${name}.minItems`, body: { ...valid, [name]: [] } });
    if (Array.isArray((p as Json).enum))
      out.push({ why: `${name}.enum`, body: { ...valid, [name]: 'not-one-of-them' } });
  }
  return out;
}

describe('documented request bodies are enforced', () => {
  const bodyOf = (path: string, method: string) =>
    doc.paths[path][method].requestBody.content['application/json'].schema as Json;

  it('POST /api/users (admin): every violation of the documented schema is a 400', async () => {
    const schema = bodyOf('/api/users', 'post');
    const valid = {
      username: w.unique('schema-user'),
      password: 'a long enough password',
      roles: ['front-desk'],
    };
    const cases = violations(schema, valid);
    expect(cases.map((c) => c.why)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/additionalProperties/),
        'required: username',
        'required: roles',
      ]),
    );
    for (const c of cases) {
      const res = await w.send('admin', { method: 'POST', path: '/api/users', body: c.body });
      expect(res.status, `${c.why}: ${res.text}`).toBe(400);
    }
    // The documented pattern on username is enforced too.
    expect(schema.properties.username.pattern).toBeDefined();
    const upper = await w.send('admin', {
      method: 'POST',
      path: '/api/users',
      body: { ...valid, username: 'NOT ok' },
    });
    expect(new RegExp(schema.properties.username.pattern).test('NOT ok')).toBe(false);
    expect(upper.status).toBe(400);
    // And the valid body itself passes: the 400s were the violations, not something else.
    expect((await w.send('admin', { method: 'POST', path: '/api/users', body: valid })).status).toBe(201);
  });

  it('POST /api/tasks/{id}/complete (staff): every violation is a 400 and the task stays open', async () => {
    const schema = bodyOf('/api/tasks/{id}/complete', 'post');
    const { taskId } = await w.nurseTask('staffRole');
    const valid = { outcome: 'answered' };
    const cases = violations(schema, valid);
    expect(cases.map((c) => c.why)).toEqual(
      expect.arrayContaining([expect.stringMatching(/additionalProperties/), 'required: outcome']),
    );
    for (const c of cases) {
      const res = await w.send('staffRole', {
        method: 'POST',
        path: `/api/tasks/${taskId}/complete`,
        body: c.body,
      });
      expect(res.status, `${c.why}: ${res.text}`).toBe(400);
    }
    expect((await w.t.store.getTask(taskId))!.status).toBe('open');
    const done = await w.send('staffRole', {
      method: 'POST',
      path: `/api/tasks/${taskId}/complete`,
      body: valid,
    });
    expect(done.status, done.text).toBe(200);
  });

  it('POST /api/instances and /api/tasks/{id}/reassign: every violation is a 400', async () => {
    const start = bodyOf('/api/instances', 'post');
    const validStart = { definitionId: TRIAGE, data: {} };
    const startCases = violations(start, validStart);
    expect(startCases.map((c) => c.why)).toEqual(expect.arrayContaining(['required: definitionId']));
    for (const c of startCases) {
      const res = await w.send('designer', { method: 'POST', path: '/api/instances', body: c.body });
      expect(res.status, `${c.why}: ${res.text}`).toBe(400);
    }
    const reassign = bodyOf('/api/tasks/{id}/reassign', 'post');
    const { taskId } = await w.nurseTask();
    const validReassign = { priority: 'high' };
    const reassignCases = violations(reassign, validReassign);
    expect(reassignCases.map((c) => c.why)).toEqual(
      expect.arrayContaining([expect.stringMatching(/additionalProperties/), 'priority.enum']),
    );
    for (const c of reassignCases) {
      const res = await w.send('designer', {
        method: 'POST',
        path: `/api/tasks/${taskId}/reassign`,
        body: c.body,
      });
      expect(res.status, `${c.why}: ${res.text}`).toBe(400);
    }
    expect((await w.t.store.getTask(taskId))!.priority).toBe('normal');
  });

  it('documented query schemas are enforced too (unknown parameters, enums)', async () => {
    const tasks = doc.paths['/api/tasks'].get.parameters as Json[];
    const scope = tasks.find((p) => p.name === 'scope')!;
    expect(scope.schema.enum).toEqual(['mine', 'pool', 'all', 'done']);
    expect((await w.send('staffRole', { method: 'GET', path: '/api/tasks?scope=everything' })).status).toBe(
      400,
    );
    expect(tasks.some((p) => p.name === 'bogus')).toBe(false);
    expect((await w.send('staffRole', { method: 'GET', path: '/api/tasks?bogus=1' })).status).toBe(400);
  });
});
