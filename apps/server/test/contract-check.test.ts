import { OpenAPIHono } from '@hono/zod-openapi';
import { ERRORS, ErrorBody, errors, json, jsonBody, route } from '@portalflow/contract';
import { ErrorCode as EngineErrorCode, PortalflowError } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppEnv } from '../src/deps.ts';
import { apiRoutes, declared } from '../src/http/contract.ts';
import { ApiError, toApiError } from '../src/http/errors.ts';
import { ApiDocs } from '../src/http/openapi.ts';
import { documentedRoutes } from './support/matrix-setup.ts';

/**
 * The contract's own guarantees: a route answering outside its schema, or with an error code the
 * catalogue does not list at that status, fails the test that made the request (this suite runs with
 * PORTALFLOW_CHECK_RESPONSES=1, as every server suite does).
 */

const probe = route({
  method: 'post',
  path: '/api/probe/{id}',
  summary: 'A route for checking the checks',
  tags: ['test'],
  'x-instance-data': false,
  request: {
    params: z.object({ id: z.string() }),
    body: jsonBody(z.object({ answer: z.enum(['good', 'bad', 'uncatalogued', 'wrong-status']) }).strict()),
  },
  responses: {
    200: json(z.object({ ok: z.literal(true) }), 'Fine'),
    ...errors({ 404: 'Not there (NOT_FOUND)' }),
  },
});

function probeApp() {
  const docs = new ApiDocs();
  const root = new OpenAPIHono<AppEnv>();
  const app = apiRoutes();
  app.openapi(declared(docs, probe), async (c) => {
    const { answer } = c.req.valid('json');
    if (answer === 'uncatalogued') throw new ApiError(409, 'NOT_A_CODE', 'Made up');
    if (answer === 'wrong-status') throw new ApiError(409, 'NOT_FOUND', 'Wrong status');
    if (answer === 'bad') return c.json({ ok: 'yes' } as never, 200);
    return c.json({ ok: true as const }, 200);
  });
  root.route('/', app);
  root.onError((error, c) => {
    const api = toApiError(error);
    return c.json(api.body(), api.status);
  });
  return { root, docs };
}

const errorOf = async (res: Response) => ErrorBody.parse(await res.json());

const post = (body: string, type = 'application/json') =>
  probeApp().root.request('/api/probe/x', { method: 'POST', body, headers: { 'content-type': type } });

describe('contract checks', () => {
  it('passes an answer that matches its schema', async () => {
    const res = await post('{"answer":"good"}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('turns an answer outside its schema into a 500 naming the route', async () => {
    const res = await post('{"answer":"bad"}');
    expect(res.status).toBe(500);
    expect((await errorOf(res)).error.message).toContain('POST /api/probe/{id}: body does not match');
  });

  it('refuses an error code the catalogue does not list, or at another status', async () => {
    const made = await post('{"answer":"uncatalogued"}');
    expect(made.status).toBe(500);
    expect((await errorOf(made)).error.message).toContain('NOT_A_CODE is not in the catalogue');
    const wrong = await post('{"answer":"wrong-status"}');
    expect(wrong.status).toBe(500);
    expect((await errorOf(wrong)).error.message).toContain('catalogue says 404');
  });

  it('reads bodies by our rules: media type, malformed JSON and shape each get their code', async () => {
    const text = await post('{"answer":"good"}', 'text/plain; x=application/json');
    expect(text.status).toBe(415);
    expect((await errorOf(text)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const broken = await post('{"answer":');
    expect(broken.status).toBe(400);
    expect((await errorOf(broken)).error.code).toBe('MALFORMED_JSON');
    const extra = await post('{"answer":"good","more":1}');
    expect(extra.status).toBe(400);
    const body = await errorOf(extra);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect((body.error.details as { issues: Array<{ message: string }> }).issues[0]!.message).toMatch(/more/);
  });

  it('lists the route with the others, from the spec', () => {
    const { docs } = probeApp();
    expect(docs.routes).toHaveLength(1);
    expect(docs.routes[0]).toMatchObject({
      method: 'post',
      path: '/api/probe/{id}',
      auth: true,
      instanceData: false,
    });
  });

  it('maps every engine error code to the status the catalogue gives it', () => {
    for (const code of Object.values(EngineErrorCode)) {
      const api = toApiError(new PortalflowError(code, 'x'));
      expect([api.code, api.status]).toEqual([code, ERRORS[code].status]);
    }
  });
});

describe('every route is born from the contract', () => {
  it('the app declares each /api route from @portalflow/contract; only FHIR speaks its own resources', () => {
    const routes = documentedRoutes();
    expect(routes.length).toBeGreaterThan(100);
    const outside = routes.filter((r) => !r.contract).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    // FHIR R4 answers Resources and OperationOutcomes (application/fhir+json), defined by HL7, not by us.
    expect(outside.filter((key) => !key.includes(' /fhir/'))).toEqual([]);
  });
});
