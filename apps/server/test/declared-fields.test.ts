import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type Client, createClient } from '@libsql/client';
import { workflows } from '@portalflow/examples';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed/demo.ts';
import {
  type ApiResponse,
  type AuthHeaders,
  type CallOptions,
  makeApp,
  type TestApp,
} from './support/app.ts';

/**
 * A task completion or a signal writes only the data fields its step declares (finding 1 of the
 * outside security test), and start data only the fields of the workflow's start form: anything
 * else is refused with 400 UNDECLARED_FIELD naming the key, and nothing in the store changes. Every
 * data change the engine does accept shows old → new in the history timeline and both exports.
 * Every request goes over a real loopback listener, as the outside test's did.
 */

const REFILL = 'prescription-refill';

/** What the refill coordinator records: a standing-order refill that needs prior authorisation. */
const PREPARED = {
  medication: 'Lisinopril',
  dose: '10 mg',
  pharmacy: 'Main Street Pharmacy',
  controlledSubstance: false,
  lastVisitDate: '2025-11-03',
  labsCurrent: true,
  exactRefill: true,
  onStandingOrder: true,
  needsPriorAuth: true,
};

let t: TestApp;
let server: ServerType;
let base: string;
let db: Client;
let lead: AuthHeaders;
let coordinator: AuthHeaders;
let nurse: AuthHeaders;
let auditor: AuthHeaders;

const taskPath = (taskId: string) => `/api/tasks/${encodeURIComponent(taskId)}`;

/** Every row the refused request could have touched, read through a second connection. */
async function rowsOf(instanceId: string): Promise<unknown> {
  const results = await db.batch(
    [
      { sql: 'SELECT * FROM instances WHERE id = ?', args: [instanceId] },
      { sql: 'SELECT * FROM events WHERE instance_id = ? ORDER BY seq', args: [instanceId] },
      { sql: 'SELECT * FROM tasks WHERE instance_id = ? ORDER BY id', args: [instanceId] },
      { sql: 'SELECT * FROM timers WHERE instance_id = ? ORDER BY id', args: [instanceId] },
      'SELECT count(*) FROM notifications',
      'SELECT count(*) FROM idempotency',
    ],
    'read',
  );
  return results.map((rs) => rs.rows.map((r) => Array.from(r)));
}

/** A refill whose coordinator recorded the request, now open at the nurse's standing-order check. */
async function refillAtStandingOrder(): Promise<{ instanceId: string; taskId: string }> {
  const started = await call('POST', '/api/instances', {
    as: lead,
    body: { definitionId: REFILL, data: { patient: 'DEMO-3001', medication: 'Lisinopril' } },
  });
  expect(started.status, started.text).toBe(201);
  const review = started.body.instance.active[0];
  t.clock.advance('PT5M');
  const prepared = await call('POST', `${taskPath(review.taskId)}/complete`, {
    as: coordinator,
    body: { outcome: 'prepared', data: PREPARED },
  });
  expect(prepared.status, prepared.text).toBe(200);
  const check = prepared.body.instance.active.find(
    (a: { step: string }) => a.step === 'standing-order-refill',
  );
  expect(check).toBeTruthy();
  t.clock.advance('PT5M');
  return { instanceId: started.body.instance.id, taskId: check.taskId };
}

/** Sessions end after idle time on the test clock: each test signs in afresh. */
async function signIn(): Promise<void> {
  [lead, coordinator, nurse] = await Promise.all([
    t.login('lead'),
    t.login('refill-coordinator'),
    t.login('triage-nurse'),
  ]);
}

/** One request over HTTP to the listening server. */
async function call(method: string, path: string, { as, body }: CallOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...as };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('application/json') && text !== '';
  return { status: res.status, body: json ? JSON.parse(text) : null, text, headers: res.headers };
}

beforeAll(async () => {
  t = await makeApp();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  db = createClient({ url: t.dbUrl });
});
beforeEach(signIn);
afterAll(async () => {
  db?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await t?.close();
});

describe('a completion writes only the fields its step declares', () => {
  it('refuses the outside test’s request to a step with no form: 400 naming the keys, nothing changed', async () => {
    const { instanceId, taskId } = await refillAtStandingOrder();
    const before = await rowsOf(instanceId);

    const res = await call('POST', `${taskPath(taskId)}/complete`, {
      as: nurse,
      body: {
        outcome: 'approved',
        data: { needsPriorAuth: false, dose: '100 mg', patient: 'DEMO-9999' },
      },
    });

    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('UNDECLARED_FIELD');
    for (const key of ['needsPriorAuth', 'dose', 'patient']) expect(res.body.error.message).toContain(key);
    expect(res.body.error.details.fields).toEqual(['dose', 'needsPriorAuth', 'patient']);
    expect(res.body.error.details.step).toBe('standing-order-refill');
    expect(res.body.error.details.allowed).toEqual([]);
    expect(await rowsOf(instanceId)).toEqual(before);

    // The task is still open and the recorded values stand; approving it now takes the prior-auth branch.
    const approved = await call('POST', `${taskPath(taskId)}/complete`, {
      as: nurse,
      body: { outcome: 'approved' },
    });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.instance.data).toMatchObject({
      needsPriorAuth: true,
      dose: '10 mg',
      patient: 'DEMO-3001',
    });
    expect(approved.body.instance.active.map((a: { step: string }) => a.step)).toEqual(['submit-prior-auth']);
  });

  it('refuses one undeclared key beside declared ones, and a burst of them sent at once', async () => {
    const started = await call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: REFILL, data: { patient: 'DEMO-3002', medication: 'Lisinopril' } },
    });
    const review = started.body.instance.active[0];
    const instanceId = started.body.instance.id;
    const before = await rowsOf(instanceId);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call('POST', `${taskPath(review.taskId)}/complete`, {
          as: coordinator,
          body: { outcome: 'prepared', data: { ...PREPARED, [`extra${i}`]: 'x' } },
        }),
      ),
    );
    for (const [i, res] of attempts.entries()) {
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe('UNDECLARED_FIELD');
      expect(res.body.error.details.fields).toEqual([`extra${i}`]);
      expect(res.body.error.message).toContain(`extra${i}`);
    }
    expect(await rowsOf(instanceId)).toEqual(before);
  });

  it('a declared completion racing undeclared ones: only declared data ever lands', async () => {
    const started = await call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: REFILL, data: { patient: 'DEMO-3005', medication: 'Lisinopril' } },
    });
    const review = started.body.instance.active[0];
    const instanceId = started.body.instance.id;
    const complete = (data: Record<string, unknown>) =>
      call('POST', `${taskPath(review.taskId)}/complete`, {
        as: coordinator,
        body: { outcome: 'prepared', data },
      });
    // Released together: the legitimate request sits in the middle of the burst.
    const burst = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => complete({ ...PREPARED, patient: `DEMO-66${i}` })),
      complete(PREPARED),
      ...Array.from({ length: 6 }, () => complete({ ...PREPARED, needsPriorAuth: false, route: 'skip' })),
    ]);
    expect(burst.filter((r) => r.status === 200)).toHaveLength(1);
    expect(burst[6]!.status, burst[6]!.text).toBe(200);
    for (const res of burst.filter((r) => r.status !== 200)) {
      // Refused for its keys, or (once the task closed) because the task has moved on: never applied.
      expect([400, 409], res.text).toContain(res.status);
      if (res.status === 400) expect(res.body.error.code).toBe('UNDECLARED_FIELD');
    }
    const instance = await call('GET', `/api/instances/${instanceId}`, { as: lead });
    // The months since the last visit are worked out from its date (3 November to 2 March: 3 whole months).
    expect(instance.body.instance.data).toEqual({
      patient: 'DEMO-3005',
      ...PREPARED,
      monthsSinceLastVisit: 3,
    });
    expect(instance.body.instance.data.medication).toBe(PREPARED.medication);
    const events = await db.execute({
      sql: 'SELECT type FROM events WHERE instance_id = ? ORDER BY seq',
      args: [instanceId],
    });
    expect(events.rows.map((r) => r.type)).toEqual(['start', 'complete']);
  });
});

const instanceCount = async () =>
  Number((await db.execute('SELECT count(*) AS n FROM instances')).rows[0]!.n);

describe('start data writes only the fields its start form declares', () => {
  it('refuses an undeclared start key: 400 naming it and what the form takes, no instance created', async () => {
    const before = await instanceCount();
    const res = await call('POST', '/api/instances', {
      as: lead,
      body: {
        definitionId: REFILL,
        data: { patient: 'DEMO-3010', medication: 'Lisinopril', patientName: 'Jane Q. Patient' },
      },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('UNDECLARED_FIELD');
    expect(res.body.error.message).toBe(
      "The start form of 'Prescription refill request' does not declare the field 'patientName'; it takes only 'patient', 'medication', 'pharmacy', 'callbackPhone', 'source'",
    );
    expect(res.body.error.details).toEqual({
      step: null,
      fields: ['patientName'],
      allowed: ['patient', 'medication', 'pharmacy', 'callbackPhone', 'source'],
    });
    expect(await instanceCount()).toBe(before);
    // The value sent was never stored anywhere.
    const stored = await db.execute({
      sql: "SELECT count(*) AS n FROM events WHERE payload LIKE '%Jane Q. Patient%'",
      args: [],
    });
    expect(Number(stored.rows[0]!.n)).toBe(0);
  });

  it('a burst of undeclared starts released beside one valid start: only the valid one creates an instance', async () => {
    const before = await instanceCount();
    const start = (data: Record<string, unknown>) =>
      call('POST', '/api/instances', { as: lead, body: { definitionId: REFILL, data } });
    const valid = { patient: 'DEMO-3011', source: 'phone', medication: 'Metformin 500 mg' };
    const burst = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) => start({ ...valid, [`extra${i}`]: 'x' })),
      start(valid),
      ...Array.from({ length: 6 }, () => start({ ...valid, subject: 'Refill', phone: '555-0100' })),
    ]);
    expect(burst[6]!.status, burst[6]!.text).toBe(201);
    expect(burst.filter((r) => r.status === 201)).toHaveLength(1);
    for (const [i, res] of burst.entries()) {
      if (i === 6) continue;
      expect(res.status, res.text).toBe(400);
      expect(res.body.error.code).toBe('UNDECLARED_FIELD');
      expect(res.body.error.details.fields).toEqual(i < 6 ? [`extra${i}`] : ['phone', 'subject']);
    }
    expect(await instanceCount()).toBe(before + 1);
    const created = await call('GET', `/api/instances/${burst[6]!.body.instance.id}`, { as: lead });
    expect(created.body.instance.data).toEqual(valid);
  });

  it('holds start data to the start form’s types and required fields: 400 VALIDATION_FAILED, no instance', async () => {
    const before = await instanceCount();
    const missing = await call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: REFILL, data: { patient: 'DEMO-3012' } },
    });
    expect(missing.status, missing.text).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    expect(missing.body.error.details.fields).toEqual([
      { field: 'medication', message: 'Medication is required' },
    ]);
    const wrong = await call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: REFILL, data: { patient: 'DEMO-3012', medication: 'Lisinopril', source: 'fax' } },
    });
    expect(wrong.status, wrong.text).toBe(400);
    expect(wrong.body.error.code).toBe('VALIDATION_FAILED');
    expect(wrong.body.error.details.fields).toEqual([
      { field: 'source', message: 'Received from must be one of: portal, pharmacy, phone' },
    ]);
    expect(await instanceCount()).toBe(before);
  });
});

describe('the demo seed', () => {
  it('still starts its instances: every story it starts with fills its start form', async () => {
    const demo = await makeApp({ publish: false, users: [] });
    try {
      const seeded = await seedDemo(demo.store, demo.instances, demo.clock.now);
      // Two stories of each bundled workflow.
      expect(seeded.instances).toBe(workflows.length * 2);
      // Today's open ones; the past week's finished ones are the demo history's (demo-history.test.ts).
      const open = (await demo.store.listInstances({ limit: 200 })).items.filter(
        (i) => i.status === 'active',
      );
      expect(open).toHaveLength(workflows.length * 2 + seeded.history!.inProgress);
      expect(new Set(open.map((i) => i.definitionId))).toEqual(new Set(workflows.map((w) => w.id)));
    } finally {
      await demo.close();
    }
  }, 60_000);
});

describe('a field a step owns', () => {
  it('start data cannot preset it: the start form does not declare it, 400, no instance created', async () => {
    const before = await instanceCount();
    const res = await call('POST', '/api/instances', {
      as: lead,
      body: {
        definitionId: REFILL,
        data: { patient: 'DEMO-3004', medication: 'Lisinopril', needsPriorAuth: false },
      },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('UNDECLARED_FIELD');
    expect(res.body.error.message).toContain('needsPriorAuth');
    expect(res.body.error.details.fields).toEqual(['needsPriorAuth']);
    expect(await instanceCount()).toBe(before);
  });
});

describe('a signal writes only the fields its wait step declares', () => {
  it('refuses data on a signal whose wait declares none, and changes nothing', async () => {
    const { taskId } = await refillAtStandingOrder();
    const approved = await call('POST', `${taskPath(taskId)}/complete`, {
      as: nurse,
      body: { outcome: 'approved' },
    });
    const submit = approved.body.instance.active[0];
    t.clock.advance('PT5M');
    const submitted = await call('POST', `${taskPath(submit.taskId)}/complete`, {
      as: coordinator,
      body: { outcome: 'submitted' },
    });
    expect(submitted.status, submitted.text).toBe(200);
    const instanceId = submitted.body.instance.id;
    expect(submitted.body.instance.active.map((a: { step: string }) => a.step)).toEqual(['await-payer']);
    const before = await rowsOf(instanceId);

    const res = await call('POST', `/api/instances/${instanceId}/signal`, {
      as: coordinator,
      body: { name: 'payer-decision', data: { needsPriorAuth: false } },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe('UNDECLARED_FIELD');
    expect(res.body.error.message).toContain('needsPriorAuth');
    expect(res.body.error.details).toMatchObject({ step: 'await-payer', fields: ['needsPriorAuth'] });
    expect(await rowsOf(instanceId)).toEqual(before);

    const delivered = await call('POST', `/api/instances/${instanceId}/signal`, {
      as: coordinator,
      body: { name: 'payer-decision' },
    });
    expect(delivered.status, delivered.text).toBe(200);
  });
});

describe('every data change shows old → new', () => {
  it('in the history timeline, the JSON export and the CSV export', async () => {
    const { instanceId } = await refillAtStandingOrder();
    auditor = await t.login('auditor');
    const history = await call('GET', `/api/instances/${instanceId}/history?values=true`, { as: auditor });
    expect(history.status, history.text).toBe(200);
    const rows = history.body.timeline as Array<{
      type: string;
      summary: string;
      changes: Array<{ field: string; step?: string; from: unknown; to: unknown }>;
    }>;
    const started = rows.find((r) => r.type === 'start')!;
    expect(started.changes).toContainEqual({ field: 'data.patient', from: null, to: 'DEMO-3001' });
    const prepared = rows.find(
      (r) => r.summary === 'completed “Prepare the refill request for review” → Prepared',
    )!;
    expect(prepared.changes).toContainEqual(
      expect.objectContaining({
        field: 'data.needsPriorAuth',
        step: 'review-request',
        from: null,
        to: true,
      }),
    );
    expect(prepared.changes).toContainEqual(
      expect.objectContaining({
        field: 'data.dose',
        step: 'review-request',
        from: null,
        to: '10 mg',
      }),
    );

    const json = await call('GET', `/api/instances/${instanceId}/export?format=json`, { as: auditor });
    expect(json.status, json.text).toBe(200);
    expect(json.body.timeline).toEqual(history.body.timeline);

    const csv = await call('GET', `/api/instances/${instanceId}/export?format=csv`, { as: auditor });
    expect(csv.status, csv.text).toBe(200);
    // Fields by their labels, on the row of the step that recorded them.
    expect(csv.text).toContain('Pharmacy says prior authorization is required: (none) → Yes');
    expect(csv.text).toContain('Dose and directions: (none) → 10 mg');
    // Start data has no step: the change reads on its own.
    expect(csv.text).toContain('Medication: (none) → Lisinopril; Patient reference: (none) → DEMO-3001;');
  });

  it('a value replaced by a later step shows the old and the new value', async () => {
    const started = await call('POST', '/api/instances', {
      as: lead,
      body: { definitionId: REFILL, data: { patient: 'DEMO-3003', medication: 'Lisinopril' } },
    });
    const instanceId = started.body.instance.id;
    t.clock.advance('PT5M');
    const prepared = await call('POST', `${taskPath(started.body.instance.active[0].taskId)}/complete`, {
      as: coordinator,
      body: { outcome: 'prepared', data: { ...PREPARED, lastVisitDate: '2024-12-20' } },
    });
    const overdue = prepared.body.instance.active[0];
    expect(overdue.step).toBe('overdue-visit');
    t.clock.advance('PT5M');
    const routed = await call('POST', `${taskPath(overdue.taskId)}/complete`, {
      as: nurse,
      body: { outcome: 'route-to-provider', data: { denialReason: 'needs-visit' } },
    });
    expect(routed.status, routed.text).toBe(200);
    const decision = routed.body.instance.active[0];
    expect(decision.step).toBe('provider-decision');
    const provider = await t.login('provider');
    t.clock.advance('PT5M');
    const denied = await call('POST', `${taskPath(decision.taskId)}/complete`, {
      as: provider,
      body: { outcome: 'denied', data: { denialReason: 'other' } },
    });
    expect(denied.status, denied.text).toBe(200);

    auditor = await t.login('auditor');
    const history = await call('GET', `/api/instances/${instanceId}/history?values=true`, { as: auditor });
    const last = history.body.timeline.find(
      (r: { summary: string }) => r.summary === 'completed “Decide on the refill request” → Denied',
    );
    expect(last.changes).toContainEqual(
      expect.objectContaining({
        field: 'data.denialReason',
        step: 'provider-decision',
        from: 'needs-visit',
        to: 'other',
      }),
    );
    const json = await call('GET', `/api/instances/${instanceId}/export?format=json`, { as: auditor });
    expect(json.body.timeline).toEqual(history.body.timeline);
    const csv = await call('GET', `/api/instances/${instanceId}/export?format=csv`, { as: auditor });
    expect(csv.text).toContain('Reason for denial: needs-visit → other');
  });
});
