import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { workflows } from '@portalflow/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';
import { openSse } from './support/sse.ts';

/**
 * Starting a request where work begins (the front desk on a refill call) over a real listener, and
 * the subject every queue row then carries: who may start, bad input, double submits, search, the
 * access log, and live updates that never carry the subject.
 */

const REFILL = 'prescription-refill';
const FORM = {
  patient: 'DEMO-5001',
  medication: 'lisinopril',
  pharmacy: 'Main St',
  callbackPhone: '555-0101',
};

let t: TestApp;
let server: ServerType;
let base: string;
let frontDesk: AuthHeaders;
let coordinator: AuthHeaders;
let nurse: AuthHeaders;
let auditor: AuthHeaders;
let lead: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  frontDesk = await t.login('front-desk');
  coordinator = await t.login('refill-coordinator');
  nurse = await t.login('triage-nurse');
  auditor = await t.login('auditor');
  lead = await t.login('lead');
});
afterAll(async () => {
  if (server) {
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await t?.close();
});

async function send(
  as: AuthHeaders,
  method: string,
  path: string,
  body?: unknown,
  headers = {},
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of every route
): Promise<{ status: number; body: any }> {
  const init: RequestInit = { method, headers: { ...as, ...headers } };
  if (body !== undefined) {
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const start = (as: AuthHeaders, data: Record<string, unknown>, key?: string, definitionId = REFILL) =>
  send(as, 'POST', '/api/requests', { definitionId, data }, key ? { 'idempotency-key': key } : {});

const instanceCount = async () => (await t.store.listInstances({ limit: 500 })).items.length;

describe('GET /api/requests/startable', () => {
  it('lists the workflows whose start form names one of my roles, with the form; leads see all', async () => {
    const mine = await send(frontDesk, 'GET', '/api/requests/startable');
    expect(mine.status).toBe(200);
    const refill = mine.body.workflows.find((w: { definitionId: string }) => w.definitionId === REFILL);
    expect(refill.form.map((f: { id: string }) => f.id)).toEqual([
      'patient',
      'medication',
      'pharmacy',
      'callbackPhone',
      'source',
    ]);
    expect(refill.hasSubject).toBe(true);
    // The front desk takes appointment requests, billing questions, sign-in calls, enrollment at
    // check-in and proxy forms as well as refill calls.
    expect(mine.body.workflows.map((w: { definitionId: string }) => w.definitionId).sort()).toEqual([
      'appointment-request',
      'billing-question',
      'enrollment-activation',
      'password-reset',
      'prescription-refill',
      'proxy-access',
    ]);

    const nurses = await send(nurse, 'GET', '/api/requests/startable');
    expect(nurses.body.workflows.map((w: { definitionId: string }) => w.definitionId)).not.toContain(REFILL);
    const leads = await send(lead, 'GET', '/api/requests/startable');
    expect(leads.body.workflows.map((w: { definitionId: string }) => w.definitionId)).toContain(REFILL);
    expect((await send(auditor, 'GET', '/api/requests/startable')).body.workflows).toEqual([]);
  });
});

describe('POST /api/requests', () => {
  it("starts the request: its first task is in the coordinators' pool at once, with its subject", async () => {
    const started = await start(frontDesk, FORM, 'fd-call-1');
    expect(started.status).toBe(201);
    expect(started.body.subject).toBe('DEMO-5001 · Refill: lisinopril');
    const instanceId: string = started.body.instance.id;
    const stored = await t.store.getInstance(instanceId);
    expect(stored?.practice).toBe(false);
    expect(stored?.snapshot.context.data).toEqual(FORM);

    const pool = await send(coordinator, 'GET', '/api/tasks?scope=pool');
    const row = pool.body.items.find((i: { instanceId: string }) => i.instanceId === instanceId);
    expect(row).toMatchObject({ step: 'review-request', subject: 'DEMO-5001 · Refill: lisinopril' });
    expect(row.requestStartedAt).toBe(stored?.startedAt);

    // The same submit again (a retry after a dropped connection): the first answer, no second request.
    const again = await start(frontDesk, FORM, 'fd-call-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(started.body);

    const log = await t.store.listAccess({ instanceId, limit: 10 });
    expect(log.items.map((e) => e.detail)).toContain('start request (replayed)');
    expect(log.items.map((e) => [e.action, e.detail, e.outcome])).toContainEqual([
      'POST /api/requests',
      'start request',
      'allow',
    ]);
  });

  it('refuses a role the start form does not name, and an auditor, with a code; nothing is stored', async () => {
    const before = await instanceCount();
    for (const as of [nurse, auditor]) {
      const refused = await start(as, FORM);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('REQUEST_START_FORBIDDEN');
    }
    expect(await instanceCount()).toBe(before);
    const denied = await t.store.listAccess({ outcome: 'deny', limit: 50 });
    expect(
      denied.items.some((e) => e.action === 'POST /api/requests' && e.detail === `start request ${REFILL}`),
    ).toBe(true);
    // A lead may start any workflow that has a start form.
    expect((await start(lead, { ...FORM, patient: 'DEMO-5009' })).status).toBe(201);
  });

  it.each([
    ['an unknown field', { ...FORM, ssn: '123' }, 'ssn'],
    ['a missing required field', { patient: 'DEMO-5001' }, 'Medication'],
    ['a field of the wrong kind', { ...FORM, medication: 42 }, 'Medication'],
  ])('refuses %s with 400 naming it, storing nothing', async (_what, data, named) => {
    const before = await instanceCount();
    const bad = await start(frontDesk, data);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.message).toContain(named);
    expect(await instanceCount()).toBe(before);
  });

  it('refuses a practice flag (practice has its own page) and a workflow without a start form', async () => {
    const practice = await send(frontDesk, 'POST', '/api/requests', {
      definitionId: REFILL,
      data: FORM,
      practice: true,
    });
    expect(practice.status).toBe(400);
    // A copy of the billing question without its start form.
    const definition = structuredClone(
      workflows.find((w) => w.id === 'billing-question')!.definition,
    ) as Record<string, unknown>;
    definition.id = 'billing-without-start-form';
    delete definition.intake;
    // Its subject names start-form fields, which are gone with the form.
    delete definition.subject;
    expect((await send(lead, 'POST', '/api/definitions', { definition })).status).toBe(201);
    const published = await send(lead, 'POST', '/api/definitions/billing-without-start-form/publish', {
      revision: 1,
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const noForm = await start(lead, {}, undefined, 'billing-without-start-form');
    expect(noForm.status).toBe(404);
  });

  it('ten identical submits released together make one request', async () => {
    const before = await instanceCount();
    const data = { ...FORM, patient: 'DEMO-5100' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => start(frontDesk, data, 'double-click-5100')),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    for (const r of responses) expect(r.body).toEqual(responses[0]!.body);
    expect(await instanceCount()).toBe(before + 1);
    const pool = await send(coordinator, 'GET', '/api/tasks?scope=pool&limit=500');
    expect(pool.body.items.filter((i: { subject: string }) => i.subject.includes('DEMO-5100'))).toHaveLength(
      1,
    );
  });
});

describe('subjects in lists', () => {
  it('the pool names each request by its subject, and the read logs the instances it showed', async () => {
    const a = await start(frontDesk, { ...FORM, patient: 'DEMO-6001', medication: 'metformin' });
    const b = await start(frontDesk, { ...FORM, patient: 'DEMO-6002', medication: 'atorvastatin' });
    const all = await send(coordinator, 'GET', '/api/tasks?scope=pool&limit=500');
    const log = await t.store.listAccess({ userId: t.user('refill-coordinator').id, limit: 1000 });
    const lists = log.items.filter((e) => e.action === 'GET /api/tasks' && e.detail?.startsWith('pool: '));
    const ids: string[] = all.body.items.map((i: { instanceId: string }) => i.instanceId);
    expect(ids).toContain(b.body.instance.id);
    expect(
      all.body.items.find((i: { instanceId: string }) => i.instanceId === a.body.instance.id).subject,
    ).toBe('DEMO-6001 · Refill: metformin');
    // One row for the whole list, naming every instance it showed.
    expect(lists.some((e) => ids.every((id) => e.detail!.includes(id)))).toBe(true);
  });

  it('a patient reference or medication in the query string is refused, in every folder: URLs end up in logs', async () => {
    await start(frontDesk, { ...FORM, patient: 'DEMO-6003', medication: 'metformin' });
    for (const scope of ['pool', 'mine', 'done', 'all']) {
      const as = scope === 'all' ? auditor : coordinator;
      const r = await send(
        as,
        'GET',
        `/api/tasks?scope=${scope}&q=${encodeURIComponent('DEMO-6003 metformin')}`,
      );
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.message).toMatch(/never goes in a URL/);
    }
  });

  it('notifications and audit search carry the subject; a change to the data changes it', async () => {
    const started = await start(frontDesk, { ...FORM, patient: 'DEMO-6100', medication: 'amlodipine' });
    const instanceId: string = started.body.instance.id;
    const search = await send(auditor, 'GET', '/api/instances?limit=500');
    expect(search.body.items.find((i: { id: string }) => i.id === instanceId).subject).toBe(
      'DEMO-6100 · Refill: amlodipine',
    );
    const taskId: string = started.body.instance.active[0].taskId;
    await t.store.addNotification({
      kind: 'escalated',
      role: 'refill-coordinator',
      taskId,
      instanceId,
      createdAt: t.clock.now(),
    });
    const bell = await send(coordinator, 'GET', '/api/notifications');
    expect(
      bell.body.notifications.find((n: { instanceId: string }) => n.instanceId === instanceId).subject,
    ).toBe('DEMO-6100 · Refill: amlodipine');

    // The coordinator corrects the medication while preparing: every list shows the new subject.
    expect((await send(coordinator, 'POST', `/api/tasks/${taskId}/claim`)).status).toBe(200);
    const done = await send(coordinator, 'POST', `/api/tasks/${taskId}/complete`, {
      outcome: 'prepared',
      data: {
        medication: 'amlodipine 10 mg',
        controlledSubstance: false,
        lastVisitDate: '2025-11-03',
        labsCurrent: true,
        exactRefill: false,
        onStandingOrder: false,
        needsPriorAuth: false,
      },
    });
    expect(done.status).toBe(200);
    const after = await send(auditor, 'GET', '/api/instances?limit=500');
    expect(after.body.items.find((i: { id: string }) => i.id === instanceId).subject).toBe(
      'DEMO-6100 · Refill: amlodipine 10 mg',
    );
  });

  it('a workflow without a subject still gives each row its request start time', async () => {
    // Every bundled workflow names its requests: a copy of the triage without its subject.
    const definition = structuredClone(
      workflows.find((w) => w.id === 'portal-message-triage')!.definition,
    ) as Record<string, unknown>;
    definition.id = 'triage-without-subject';
    delete definition.subject;
    expect((await send(lead, 'POST', '/api/definitions', { definition })).status).toBe(201);
    const published = await send(lead, 'POST', '/api/definitions/triage-without-subject/publish', {
      revision: 1,
    });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const started = await send(lead, 'POST', '/api/instances', {
      definitionId: 'triage-without-subject',
      data: exampleStart('portal-message-triage'),
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const pool = await send(await t.login('medical-assistant'), 'GET', '/api/tasks?scope=pool');
    const row = pool.body.items.find(
      (i: { instanceId: string }) => i.instanceId === started.body.instance.id,
    );
    expect(row.subject).toBeNull();
    expect(row.requestStartedAt).toBe(started.body.instance.startedAt);
  });

  it('live updates about a started request carry no subject', async () => {
    const stream = await openSse(`${base}/api/events`, { cookie: coordinator.cookie! });
    try {
      await stream.next((e) => e.event === 'ready');
      const started = await start(frontDesk, { ...FORM, patient: 'DEMO-7300', medication: 'levothyroxine' });
      const heard = await stream.next(
        (e) => e.event === 'instance.changed' && JSON.parse(e.data).instanceId === started.body.instance.id,
      );
      expect(heard.data).not.toContain('DEMO-7300');
      expect(heard.data).not.toContain('levothyroxine');
      expect(heard.data).not.toContain('subject');
    } finally {
      stream.close();
    }
  });
});
