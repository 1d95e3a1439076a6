import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * FHIR R4 over a real socket: the CapabilityStatement, a Communication from the EHR starting the
 * portal-message workflow (signed with the Standard Webhooks reference library, or sent with an API
 * token), errors as OperationOutcomes, and human tasks read as FHIR Tasks.
 */

const TRIAGE = 'portal-message-triage';
const KIND = { system: 'https://clinic.example/fhir/CodeSystem/communication-kind', code: 'portal-message' };

let t: TestApp;
let listener: Listener;
let secret: string;

const communication = (text = 'My blood pressure readings are high this week', extra: object = {}) => ({
  resourceType: 'Communication',
  status: 'completed',
  category: [{ coding: [KIND] }],
  subject: { reference: 'Patient/DEMO-5001' },
  sender: { reference: 'RelatedPerson/DEMO-5001-mother' },
  sent: '2026-03-02T09:00:00-07:00',
  payload: [{ contentString: text }],
  ...extra,
});

function signedHeaders(body: string, options: { id?: string; key?: string } = {}) {
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  const at = new Date(t.clock.now());
  return {
    'content-type': 'application/fhir+json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(options.key ?? secret).sign(id, at, body),
  };
}

async function http(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const res = await fetch(`${listener.base}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const post = (resource: unknown, headers?: Record<string, string>) => {
  const body = JSON.stringify(resource);
  return http('POST', '/fhir/Communication', headers ?? signedHeaders(body), body);
};

const triageCount = async () => (await t.store.listInstances({ definitionId: TRIAGE })).items.length;

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  const admin = await t.login('admin');
  const key = await t.call('POST', '/api/intake/keys', { as: admin, body: { workflowId: TRIAGE } });
  expect(key.status, key.text).toBe(201);
  secret = key.body.secret;
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('GET /fhir/metadata', () => {
  it('is an R4 CapabilityStatement in application/fhir+json', async () => {
    const res = await http('GET', '/fhir/metadata');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    expect(res.body).toMatchObject({
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [{ mode: 'server' }],
    });
    // cpb-14: an instance statement describes its implementation.
    expect(res.body.implementation.description.length).toBeGreaterThan(10);
    expect(res.body.rest[0].resource.map((r: { type: string }) => r.type)).toEqual(['Communication', 'Task']);
  });
});

describe('POST /fhir/Communication', () => {
  it('starts the workflow mapped to its category with subject, sender and text; the first task lands in the medical-assistant pool', async () => {
    const res = await post(communication());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    expect(res.body).toMatchObject({
      resourceType: 'Communication',
      status: 'completed',
      meta: { versionId: '1' },
    });
    expect(res.headers.get('location')).toBe(`${listener.base}/fhir/Communication/${res.body.id}/_history/1`);
    const instance = await t.store.getInstance(res.body.id);
    expect(instance?.definitionId).toBe(TRIAGE);
    // The patient by the chart number staff know; who sent it as the EHR named them.
    expect(instance?.snapshot.context.data).toEqual({
      patient: 'DEMO-5001',
      sender: 'RelatedPerson/DEMO-5001-mother',
      message: 'My blood pressure readings are high this week',
    });
    const ma = await t.login('medical-assistant');
    const pool = await t.call('GET', `/api/tasks?scope=pool&definitionId=${TRIAGE}`, { as: ma });
    expect(pool.body.items.find((x: { instanceId: string }) => x.instanceId === res.body.id)).toMatchObject({
      role: 'medical-assistant',
      step: 'sort-message',
      status: 'open',
    });
  });

  it('starts one request for the same webhook-id, also in a burst released together', async () => {
    const before = await triageCount();
    const body = JSON.stringify(communication('Burst'));
    const headers = signedHeaders(body);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => http('POST', '/fhir/Communication', headers, body)),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(9);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await triageCount()).toBe(before + 1);
  });

  it('accepts an API token of someone who may start the workflow; one request per identifier', async () => {
    const token = await t.token('medical-assistant');
    const resource = communication('By token', {
      identifier: [{ system: 'urn:ehr:message', value: 'm-77' }],
    });
    const headers = { ...token, 'content-type': 'application/fhir+json' };
    const first = await post(resource, headers);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await post(resource, headers);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const log = await t.store.listAccess({ instanceId: first.body.id });
    expect(log.items.map((e) => [e.userId, e.outcome, e.detail])).toContainEqual([
      t.user('medical-assistant').id,
      'allow',
      'FHIR Communication with a token',
    ]);

    const other = await post(communication('Not mine'), {
      ...(await t.token('billing-specialist')),
      'content-type': 'application/fhir+json',
    });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'forbidden' }] });
    const denied = (await t.store.listAccess({ limit: 1000 })).items.filter(
      (e) => e.userId === t.user('billing-specialist').id && e.action === 'POST /fhir/Communication',
    );
    expect(denied.map((e) => [e.outcome, e.detail])).toEqual([
      ['deny', 'FHIR Communication refused (forbidden)'],
    ]);
  });

  it.each([
    ['no status', { status: undefined }, 'required', 'Communication.status'],
    ['an unknown status', { status: 'sent' }, 'code-invalid', 'Communication.status'],
    ['a payload without content', { payload: [{}] }, 'structure', 'Communication.payload[0]'],
    [
      'a payload with two contents',
      { payload: [{ contentString: 'a', contentReference: { reference: 'Binary/1' } }] },
      'structure',
      'Communication.payload[0].content[x]',
    ],
    [
      'a subject that is not a Patient or Group',
      { subject: { reference: 'Practitioner/1' } },
      'value',
      'Communication.subject.reference',
    ],
    ['an empty string', { sent: '' }, 'structure', 'Communication.sent'],
    ['a null', { priority: null }, 'structure', 'Communication.priority'],
    ['another resource type', { resourceType: 'Task' }, 'value', 'Communication.resourceType'],
  ])(
    'refuses %s with 400 and an OperationOutcome naming the element',
    async (_name, change, code, expression) => {
      const before = await triageCount();
      const res = await post({ ...communication(), ...change });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/fhir+json');
      expect(res.body).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code, expression: [expression] }],
      });
      expect(await triageCount()).toBe(before);
    },
  );

  it('answers a Communication that does not fit the start form with 422 naming the element', async () => {
    const res = await post({ ...communication(), payload: undefined });
    expect(res.status).toBe(422);
    expect(res.body.issue[0]).toMatchObject({
      code: 'business-rule',
      expression: ['Communication.payload[0].contentString'],
    });
    expect(res.body.issue[0].details.text).toMatch(/Message is required/);
  });

  it('refuses a category no workflow takes, a bad signature, and a body that is not FHIR JSON', async () => {
    const before = await triageCount();
    const unknown = await post({ ...communication(), category: [{ coding: [{ code: 'billing' }] }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.issue[0]).toMatchObject({
      code: 'business-rule',
      expression: ['Communication.category'],
    });

    const body = JSON.stringify(communication());
    const wrongKey = await http(
      'POST',
      '/fhir/Communication',
      signedHeaders(body, { key: `whsec_${Buffer.alloc(32, 3).toString('base64')}` }),
      body,
    );
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.issue[0].code).toBe('security');
    // It was signed: the sender is told no key matched, with the code the webhook route uses.
    expect(wrongKey.body.issue[0].details.text).toMatch(/no signature matches an intake key/i);
    expect(wrongKey.body.issue[0].details.text).toContain('WEBHOOK_SIGNATURE_INVALID');
    const unsigned = await http(
      'POST',
      '/fhir/Communication',
      { 'content-type': 'application/fhir+json' },
      body,
    );
    expect(unsigned.status).toBe(401);

    const xml = await http(
      'POST',
      '/fhir/Communication',
      { ...signedHeaders(body), 'content-type': 'application/fhir+xml' },
      body,
    );
    expect(xml.status).toBe(415);
    expect(xml.body.issue[0].code).toBe('not-supported');
    expect(await triageCount()).toBe(before);
  });
});

describe('the portal category of a Communication', () => {
  /** A portal category as the EHR codes it, beside the kind that routes the Communication here. */
  const categorized = (...portal: object[]) =>
    communication('About my results', { category: [{ coding: [KIND] }, ...portal] });
  const PORTAL = 'https://clinic.example/fhir/CodeSystem/portal-category';

  /** The request a Communication started: its category and the subject its task reads by in the pool. */
  async function startedBy(resource: unknown) {
    const res = await post(resource);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const instance = await t.store.getInstance(res.body.id);
    const ma = await t.login('medical-assistant');
    const pool = await t.call('GET', `/api/tasks?scope=pool&definitionId=${TRIAGE}`, { as: ma });
    const row = pool.body.items.find((x: { instanceId: string }) => x.instanceId === res.body.id);
    return { category: instance?.snapshot.context.data.category, subject: row?.subject };
  }

  it('names the request by the portal category, as a message from the portal is named', async () => {
    expect(
      await startedBy(
        categorized({ coding: [{ system: PORTAL, code: 'test-results', display: 'Test results' }] }),
      ),
    ).toEqual({ category: 'test-results', subject: 'DEMO-5001 · Message: Test results' });
  });

  it.each([
    ['its code in another case', { coding: [{ system: PORTAL, code: 'PRESCRIPTION' }] }, 'prescription'],
    ['its display alone', { coding: [{ display: 'forms and records' }] }, 'forms-and-records'],
    ['the concept’s text', { text: 'Medical Question' }, 'medical-question'],
    ['a second coding of the routing concept', undefined, 'billing'],
  ])('reads the category from %s, without case', async (_name, concept, expected) => {
    const resource =
      concept === undefined
        ? communication('About my bill', {
            category: [{ coding: [KIND, { system: PORTAL, code: 'billing', display: 'Billing' }] }],
          })
        : categorized(concept);
    expect((await startedBy(resource)).category).toBe(expected);
  });

  it('accepts a Communication with an unknown or no portal category, leaving the category empty', async () => {
    expect(await startedBy(categorized({ coding: [{ system: PORTAL, code: 'lab-stuff' }] }))).toEqual({
      category: undefined,
      subject: 'DEMO-5001 · Message',
    });
    expect(await startedBy(communication())).toEqual({
      category: undefined,
      subject: 'DEMO-5001 · Message',
    });
  });
});

describe('GET /fhir/Task/{id}', () => {
  let taskFhirId: string;
  let instanceId: string;
  let ma: AuthHeaders;

  beforeAll(async () => {
    const started = await post(communication('Please call me back'));
    instanceId = started.body.id;
    const [task] = await t.store.listInstanceTasks(instanceId);
    taskFhirId = task!.id.replace(':', '.');
    ma = await t.login('medical-assistant');
  });

  it('reads a human task as a FHIR Task with status, owner role, due date and focus; no instance data', async () => {
    const res = await http('GET', `/fhir/Task/${taskFhirId}`, ma);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [task] = await t.store.listInstanceTasks(instanceId);
    expect(res.body).toMatchObject({
      resourceType: 'Task',
      id: taskFhirId,
      status: 'ready',
      intent: 'order',
      description: 'Sort the portal message',
      owner: { identifier: { system: 'urn:portalflow:role', value: 'medical-assistant' } },
      restriction: { period: { end: task!.due } },
      focus: { identifier: { system: 'urn:portalflow:instance', value: instanceId } },
    });
    expect(task!.due).toBeTruthy();
    expect(JSON.stringify(res.body)).not.toContain('Please call me back');
    expect(JSON.stringify(res.body)).not.toContain('DEMO-5001');
    const log = await t.store.listAccess({ instanceId });
    expect(log.items.map((e) => [e.userId, e.action, e.outcome])).toContainEqual([
      t.user('medical-assistant').id,
      'GET /fhir/Task/:id',
      'allow',
    ]);
  });

  it('shows a claimed task as in-progress', async () => {
    const claimed = await t.call('POST', `/api/tasks/${taskFhirId.replace('.', ':')}/claim`, { as: ma });
    expect(claimed.status, claimed.text).toBe(200);
    expect((await http('GET', `/fhir/Task/${taskFhirId}`, ma)).body.status).toBe('in-progress');
  });

  it('is authorized like any task read: 401 signed out, 403 (logged) for another role, 404 unknown', async () => {
    const anonymous = await http('GET', `/fhir/Task/${taskFhirId}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.resourceType).toBe('OperationOutcome');
    const billing = await http('GET', `/fhir/Task/${taskFhirId}`, await t.login('billing-specialist'));
    expect(billing.status).toBe(403);
    expect(billing.body.issue[0].code).toBe('forbidden');
    const log = await t.store.listAccess({ instanceId });
    expect(log.items.map((e) => [e.userId, e.action, e.outcome])).toContainEqual([
      t.user('billing-specialist').id,
      'GET /fhir/Task/:id',
      'deny',
    ]);
    expect((await http('GET', '/fhir/Task/no-such.1', ma)).status).toBe(404);
    expect((await http('GET', '/fhir/Patient/1', ma)).body.issue[0].code).toBe('not-supported');
  });
});
