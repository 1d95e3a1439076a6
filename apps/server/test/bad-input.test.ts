import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * Whatever a client sends, the answer is a 4xx with `{ error: { code, message } }` — never a 5xx,
 * never a stack trace — and nothing in the database moves.
 */

const TRIAGE = 'portal-message-triage';
const GOOD_FORM = { topic: 'medical-question', redFlags: false };
const MISSING = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
let sorter: AuthHeaders;
let lead: AuthHeaders;
let instanceId: string;
let taskId: string;

beforeAll(async () => {
  t = await makeApp();
  [sorter, lead] = await Promise.all([t.login('medical-assistant'), t.login('lead')]);
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: 'Is this rash serious?' } },
  });
  expect(started.status).toBe(201);
  instanceId = started.body.instance.id;
  taskId = started.body.instance.active[0].taskId;
});
afterAll(() => t?.close());

/** Everything a bad request could have touched. */
async function state() {
  const instance = (await t.store.getInstance(instanceId))!;
  return {
    revision: instance.revision,
    lastHash: instance.lastHash,
    snapshot: instance.snapshot,
    events: (await t.store.listEvents(instanceId)).length,
    tasks: await t.store.listInstanceTasks(instanceId),
    instances: (await t.store.listInstances({ limit: 500 })).items.map((i) => i.id),
    nextTimer: await t.store.nextTimerDue(),
    idempotency: await t.store.getIdempotency('bad-input-key', t.user('medical-assistant').id),
  };
}

function expectCleanError(res: ApiResponse, status: number, code?: string) {
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  expect(res.body).toEqual({
    error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
  });
  expect(Object.keys(res.body).sort()).toEqual(['error']);
  if (code) expect(res.body.error.code).toBe(code);
  // No stack trace, no source paths, no internals.
  expect(res.text).not.toMatch(/\bat .+:\d+:\d+|\.ts\b|node_modules|Error:|SQLITE|libsql/i);
}

const complete = () => `/api/tasks/${encodeURIComponent(taskId)}/complete`;
const json = { 'content-type': 'application/json' };
const tenMegabytes = () => JSON.stringify({ outcome: 'sorted', note: 'x'.repeat(10 * 1024 * 1024) });
const nested = (depth: number) =>
  `{"outcome":"sorted","data":{"topic":"other","redFlags":false,"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`;

interface Case {
  name: string;
  status: number;
  code?: string;
  send: () => Promise<ApiResponse>;
}

const raw = (method: string, path: string, body: string | undefined, headers: Record<string, string>) =>
  t.call(method, path, body === undefined ? { headers } : { headers, body });

const cases: Case[] = [
  // Malformed JSON
  {
    name: 'complete: truncated JSON',
    status: 400,
    code: 'MALFORMED_JSON',
    send: () => raw('POST', complete(), '{"outcome": "sorted"', { ...sorter, ...json }),
  },
  {
    name: 'complete: empty body',
    status: 400,
    code: 'MALFORMED_JSON',
    send: () => raw('POST', complete(), '', { ...sorter, ...json }),
  },
  {
    name: 'start: not JSON at all',
    status: 400,
    code: 'MALFORMED_JSON',
    send: () => raw('POST', '/api/instances', "definitionId='x'", { ...lead, ...json }),
  },
  {
    name: 'login: JSON with a trailing comma',
    status: 400,
    code: 'MALFORMED_JSON',
    send: () => raw('POST', '/api/auth/login', '{"username":"lead","password":"x",}', json),
  },
  // Wrong types
  {
    name: 'complete: outcome is a number',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('POST', complete(), { as: sorter, body: { outcome: 7 } }),
  },
  {
    name: 'complete: data is an array',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('POST', complete(), { as: sorter, body: { outcome: 'sorted', data: [1, 2] } }),
  },
  {
    name: 'complete: body is null',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => raw('POST', complete(), 'null', { ...sorter, ...json }),
  },
  {
    name: 'complete: body is an array',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('POST', complete(), { as: sorter, body: [{ outcome: 'sorted' }] }),
  },
  {
    name: 'start: data is a string',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('POST', '/api/instances', { as: lead, body: { definitionId: TRIAGE, data: 'x' } }),
  },
  {
    name: 'start: version is not an integer',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () =>
      t.call('POST', '/api/instances', { as: lead, body: { definitionId: TRIAGE, version: 1.5, data: {} } }),
  },
  {
    name: 'reassign: due is not a date',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () =>
      t.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/reassign`, {
        as: lead,
        body: { due: 'next tuesday' },
      }),
  },
  {
    name: 'reassign: unknown priority',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () =>
      t.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/reassign`, {
        as: lead,
        body: { priority: 'asap' },
      }),
  },
  {
    name: 'tasks: unknown scope',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('GET', '/api/tasks?scope=everything', { as: sorter }),
  },
  {
    name: 'tasks: limit is not a number',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('GET', '/api/tasks?limit=lots', { as: sorter }),
  },
  {
    name: 'replay: at is negative',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('GET', `/api/instances/${instanceId}/replay?at=-1`, { as: lead }),
  },
  // Missing fields
  {
    name: 'complete: no outcome',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('POST', complete(), { as: sorter, body: { data: GOOD_FORM } }),
  },
  {
    name: 'start: no definitionId',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('POST', '/api/instances', { as: lead, body: { data: {} } }),
  },
  {
    name: 'signal: no name',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('POST', `/api/instances/${instanceId}/signal`, { as: lead, body: {} }),
  },
  {
    name: 'reassign: nothing to change',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('POST', `/api/tasks/${encodeURIComponent(taskId)}/reassign`, { as: lead, body: {} }),
  },
  {
    name: 'login: no password',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('POST', '/api/auth/login', { body: { username: 'lead' } }),
  },
  // Unknown fields
  {
    name: 'complete: unknown field',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () =>
      t.call('POST', complete(), {
        as: sorter,
        body: { outcome: 'sorted', data: GOOD_FORM, assignee: 'me' },
      }),
  },
  {
    name: 'complete: __proto__ key',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () =>
      raw('POST', complete(), '{"outcome":"sorted","__proto__":{"isAdmin":true}}', { ...sorter, ...json }),
  },
  {
    name: 'start: unknown field',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () =>
      t.call('POST', '/api/instances', {
        as: lead,
        body: { definitionId: TRIAGE, data: exampleStart(TRIAGE), startedBy: 'x' },
      }),
  },
  {
    name: 'tasks: unknown query parameter',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => t.call('GET', '/api/tasks?scope=pool&sort=due', { as: sorter }),
  },
  // Too large or too deep
  {
    name: 'complete: a 10 MB body',
    status: 413,
    code: 'BODY_TOO_LARGE',
    send: () => raw('POST', complete(), tenMegabytes(), { ...sorter, ...json }),
  },
  {
    name: 'start: a 10 MB body',
    status: 413,
    code: 'BODY_TOO_LARGE',
    send: () => raw('POST', '/api/instances', tenMegabytes(), { ...lead, ...json }),
  },
  {
    name: 'complete: form data nested 5,000 deep (small body)',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () => raw('POST', complete(), nested(5000), { ...sorter, ...json }),
  },
  {
    name: 'complete: note longer than 8,000 characters',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () =>
      t.call('POST', complete(), { as: sorter, body: { outcome: 'sorted', note: 'n'.repeat(8001) } }),
  },
  {
    name: 'Idempotency-Key longer than 200 characters',
    status: 400,
    code: 'VALIDATION_FAILED',
    send: () =>
      t.call('POST', complete(), {
        as: sorter,
        headers: { 'idempotency-key': 'k'.repeat(201) },
        body: { outcome: 'sorted', data: GOOD_FORM },
      }),
  },
  // Unknown ids
  {
    name: 'instance: unknown id',
    status: 404,
    code: 'NOT_FOUND',
    send: () => t.call('GET', `/api/instances/${MISSING}`, { as: lead }),
  },
  {
    name: 'signal: unknown instance',
    status: 404,
    code: 'NOT_FOUND',
    send: () =>
      t.call('POST', `/api/instances/${MISSING}/signal`, { as: lead, body: { name: 'patient-replied' } }),
  },
  {
    name: 'cancel: unknown instance',
    status: 404,
    code: 'NOT_FOUND',
    send: () => t.call('POST', `/api/instances/${MISSING}/cancel`, { as: lead, body: {} }),
  },
  {
    name: 'history: unknown instance',
    status: 404,
    code: 'NOT_FOUND',
    send: () => t.call('GET', `/api/instances/${MISSING}/history`, { as: lead }),
  },
  {
    name: 'verify: unknown instance',
    status: 404,
    code: 'NOT_FOUND',
    send: () => t.call('GET', `/api/audit/verify?instanceId=${MISSING}`, { as: lead }),
  },
  {
    name: 'start: unknown workflow',
    status: 404,
    code: 'NOT_FOUND',
    send: () =>
      t.call('POST', '/api/instances', { as: lead, body: { definitionId: 'no-such-workflow', data: {} } }),
  },
  {
    name: 'start: unpublished version',
    status: 404,
    code: 'NOT_FOUND',
    send: () =>
      t.call('POST', '/api/instances', {
        as: lead,
        body: { definitionId: TRIAGE, version: 99, data: exampleStart(TRIAGE) },
      }),
  },
  {
    name: 'task: unknown id',
    status: 404,
    code: 'NOT_FOUND',
    send: () => t.call('GET', `/api/tasks/${MISSING}:1`, { as: sorter }),
  },
  {
    name: 'claim: task of an unknown instance',
    status: 404,
    code: 'NOT_FOUND',
    send: () => t.call('POST', `/api/tasks/${MISSING}:1/claim`, { as: sorter }),
  },
  {
    name: 'claim: a token the instance never had',
    status: 404,
    code: 'NOT_FOUND',
    send: () => t.call('POST', `/api/tasks/${encodeURIComponent(`${instanceId}:999`)}/claim`, { as: sorter }),
  },
  {
    name: 'complete: a task id without an instance part',
    status: 404,
    code: 'NOT_FOUND',
    send: () => t.call('POST', '/api/tasks/garbage/complete', { as: sorter, body: { outcome: 'sorted' } }),
  },
  {
    name: 'no such route',
    status: 404,
    code: 'NOT_FOUND',
    send: () => t.call('POST', '/api/tasks/x/explode', { as: sorter, body: {} }),
  },
  {
    name: 'tasks: a forged cursor',
    status: 400,
    send: () => t.call('GET', '/api/tasks?scope=pool&cursor=not-a-cursor', { as: sorter }),
  },
  {
    name: 'instances: a forged cursor',
    status: 400,
    send: () => t.call('GET', '/api/instances?cursor=WyJ4Il0', { as: lead }),
  },
  // The engine refuses
  {
    name: 'complete: unknown outcome',
    status: 422,
    code: 'UNKNOWN_OUTCOME',
    send: () => t.call('POST', complete(), { as: sorter, body: { outcome: 'shred-it', data: GOOD_FORM } }),
  },
  {
    name: 'complete: required form fields missing',
    status: 422,
    code: 'FORM_INVALID',
    send: () => t.call('POST', complete(), { as: sorter, body: { outcome: 'sorted' } }),
  },
  {
    name: 'complete: form fields of the wrong type and option',
    status: 422,
    code: 'FORM_INVALID',
    send: () =>
      t.call('POST', complete(), {
        as: sorter,
        body: { outcome: 'sorted', data: { topic: 'gossip', redFlags: 'no' } },
      }),
  },
  {
    name: 'signal: nothing waits for it',
    status: 409,
    code: 'SIGNAL_NOT_AWAITED',
    send: () =>
      t.call('POST', `/api/instances/${instanceId}/signal`, { as: lead, body: { name: 'patient-replied' } }),
  },
  // Wrong content type
  {
    name: 'complete: text/plain',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    send: () =>
      raw('POST', complete(), JSON.stringify({ outcome: 'sorted' }), {
        ...sorter,
        'content-type': 'text/plain',
      }),
  },
  {
    name: 'complete: form-encoded',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    send: () =>
      raw('POST', complete(), 'outcome=sorted', {
        ...sorter,
        'content-type': 'application/x-www-form-urlencoded',
      }),
  },
  // The media type is parsed, not searched: application/json hidden in a parameter, a suffix or a list is refused.
  ...[
    'text/plain; x=application/json',
    'text/plain;application/json',
    'multipart/form-data; boundary=application/json',
    'application/jsonx',
    'xapplication/json',
    'application/json, text/plain',
    'application/json-seq',
    'application/json/x',
    'application /json',
  ].map(
    (type): Case => ({
      name: `complete: content type "${type}"`,
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      send: () =>
        raw('POST', complete(), JSON.stringify({ outcome: 'sorted', data: GOOD_FORM }), {
          ...sorter,
          'content-type': type,
        }),
    }),
  ),
  {
    name: 'start: no content type',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    send: async () => {
      // Bytes, so not even the default text/plain is set.
      const res = await t.app.request('/api/instances', {
        method: 'POST',
        headers: lead,
        body: new TextEncoder().encode(JSON.stringify({ definitionId: TRIAGE, data: exampleStart(TRIAGE) })),
      });
      expect(res.headers.get('content-type')).toContain('application/json');
      const text = await res.text();
      return { status: res.status, body: JSON.parse(text), text, headers: res.headers };
    },
  },
];

describe('bad input never changes anything and never surfaces a server error', () => {
  it.each(cases)('$name → $status', async ({ status, code, send }) => {
    const before = await state();
    const res = await send();
    expectCleanError(res, status, code);
    expect(await state()).toEqual(before);
  });

  it('logged no internal errors and no request bodies', () => {
    expect(t.logs.filter((line) => line.startsWith('internal error') || / 5\d\d /.test(line))).toEqual([]);
    expect(t.logs.join('\n')).not.toContain('rash');
  });

  it('application/json in any letter case, with parameters, is read as JSON', async () => {
    for (const type of ['Application/JSON ; Charset=UTF-8', 'APPLICATION/json;charset="utf-8"']) {
      const started = await raw(
        'POST',
        '/api/instances',
        JSON.stringify({
          definitionId: TRIAGE,
          data: { ...exampleStart(TRIAGE), subject: 'Media type check' },
        }),
        { ...lead, 'content-type': type },
      );
      expect(started.status, `${type}: ${started.text}`).toBe(201);
    }
  });

  it('still works afterwards: the task completes normally', async () => {
    const done = await t.call('POST', complete(), {
      as: sorter,
      headers: { 'idempotency-key': 'bad-input-key' },
      body: { outcome: 'sorted', data: GOOD_FORM },
    });
    expect(done.status).toBe(200);
    expect((await state()).events).toBe(2);
  });
});

describe('POST /api/requests with bad input', () => {
  const REFILL = 'prescription-refill';
  const FORM = { patient: 'DEMO-5001', medication: 'lisinopril' };

  it.each<[string, unknown, number, string]>([
    [
      'an unknown start field',
      { definitionId: REFILL, data: { ...FORM, dob: '1970-01-01' } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a missing required field',
      { definitionId: REFILL, data: { patient: 'DEMO-5001' } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a number for a text field',
      { definitionId: REFILL, data: { ...FORM, pharmacy: 7 } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      "a patient's name typed as the patient reference",
      { definitionId: REFILL, data: { ...FORM, patient: 'Maria Lopez' } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a callback phone that is not a phone number',
      { definitionId: REFILL, data: { ...FORM, callbackPhone: 'ask at the desk' } },
      400,
      'VALIDATION_FAILED',
    ],
    ['data that is not an object', { definitionId: REFILL, data: ['DEMO-5001'] }, 400, 'VALIDATION_FAILED'],
    [
      'a body key the route does not know',
      { definitionId: REFILL, data: FORM, version: 1 },
      400,
      'VALIDATION_FAILED',
    ],
    ['a workflow that does not exist', { definitionId: 'no-such-workflow', data: FORM }, 404, 'NOT_FOUND'],
  ])('%s: a clean error, nothing stored', async (_what, body, status, code) => {
    const desk = await t.login('front-desk');
    const before = await state();
    const res = await t.call('POST', '/api/requests', {
      as: desk,
      body,
      headers: { 'idempotency-key': 'bad-input-key' },
    });
    expectCleanError(res, status, code);
    expect(await state()).toEqual(before);
  });

  it('names the unknown field', async () => {
    const desk = await t.login('front-desk');
    const res = await t.call('POST', '/api/requests', {
      as: desk,
      body: { definitionId: REFILL, data: { ...FORM, dob: '1970-01-01' } },
    });
    expect(res.body.error.message).toContain('"dob"');
    expect(res.body.error.details.fields).toEqual([
      { field: 'dob', message: '"dob" is not a field of this start form' },
    ]);
  });

  it('says what a patient reference looks like when a name is typed instead', async () => {
    const desk = await t.login('front-desk');
    const res = await t.call('POST', '/api/requests', {
      as: desk,
      body: { definitionId: REFILL, data: { ...FORM, patient: 'Maria Lopez' } },
    });
    expect(res.body.error.details.fields).toEqual([
      { field: 'patient', message: 'Patient reference must be a chart number such as DEMO-5001' },
    ]);
    // The refused answer is patient data: it is not repeated back.
    expect(res.text).not.toContain('Maria');
  });
});
