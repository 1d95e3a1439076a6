import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * A patient calls: "where is my refill?" The front desk looks the patient's requests up by reference
 * and says what each waits on. Every open request and those finished in the last 30 days are listed;
 * the subject and the steps' titles only where the caller may read that request (their role has a
 * task in it, or they started it), so a lab result is "with the medical assistant, due Monday" to the
 * front desk, without the test's name.
 */

const PATIENT = 'DEMO-7101';

let t: TestApp;
let server: Listener;
let frontDesk: AuthHeaders;
let assistant: AuthHeaders;
let coordinator: AuthHeaders;
let refillId: string;
let labId: string;
let billingId: string;

beforeAll(async () => {
  t = await makeApp();
  server = await listen(t.app);
  frontDesk = await t.token('front-desk');
  assistant = await t.token('medical-assistant');
  coordinator = await t.token('refill-coordinator');
  const start = async (as: AuthHeaders, definitionId: string, data: Record<string, unknown>) => {
    const r = await t.call('POST', '/api/requests', { as, body: { definitionId, data } });
    expect(r.status, r.text).toBe(201);
    t.clock.advance('PT5M');
    return r.body.instance.id as string;
  };
  refillId = await start(frontDesk, 'prescription-refill', { patient: PATIENT, medication: 'lisinopril' });
  labId = await start(assistant, 'lab-result-release', { patient: PATIENT, test: 'HIV viral load' });
  billingId = await start(frontDesk, 'billing-question', { patient: PATIENT, channel: 'phone' });
  await start(frontDesk, 'prescription-refill', { patient: 'DEMO-7102', medication: 'metformin' });
  const cancelled = await t.call('POST', `/api/instances/${billingId}/cancel`, {
    as: await t.token('lead'),
    body: { reason: 'answered at the desk' },
  });
  expect(cancelled.status, cancelled.text).toBe(200);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const lookUp = (as: AuthHeaders, patient: string, practice?: boolean) =>
  t.call('POST', '/api/requests/status', {
    as,
    body: practice === undefined ? { patient } : { patient, practice },
  });

describe('POST /api/requests/status', () => {
  it("lists the patient's open requests first, then finished ones, with what each waits on", async () => {
    const r = await lookUp(frontDesk, ' demo-7101 ');
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body.days).toBe(30);
    expect(r.body.requests.map((x: { instanceId: string }) => x.instanceId)).toEqual([
      labId,
      refillId,
      billingId,
    ]);
    const [lab, refill, billing] = r.body.requests;
    expect(refill).toEqual({
      instanceId: refillId,
      workflow: 'Prescription refill request',
      status: 'active',
      startedAt: expect.any(String),
      endedAt: null,
      readable: true,
      subject: `${PATIENT} · Refill: lisinopril`,
      cancelReason: null,
      // The front desk started it and nobody has acted on it yet.
      withdrawable: true,
      notable: true,
      waitingOn: [
        {
          roleName: 'Pharmacy refill coordinator',
          step: 'Prepare the refill request for review',
          due: expect.any(String),
          taken: false,
          heldBy: null,
        },
      ],
      waits: [],
    });
    // The caller can say why: the front desk started it, so may read it.
    expect(billing).toMatchObject({
      instanceId: billingId,
      status: 'cancelled',
      endedAt: expect.any(String),
      cancelReason: 'answered at the desk',
    });
    expect(billing.waitingOn).toEqual([]);
    expect(billing.withdrawable).toBe(false);
    // Not the front desk's to read: where it is and until when, not what it is.
    expect(lab).toMatchObject({
      instanceId: labId,
      readable: false,
      subject: null,
      cancelReason: null,
      status: 'active',
      // Started by the medical assistant, not the caller.
      withdrawable: false,
    });
    expect(lab.waitingOn).toEqual([
      { roleName: expect.any(String), step: null, due: expect.any(String), taken: false, heldBy: null },
    ]);
    expect(r.text).not.toContain('HIV');
  });

  it('says why a request was cancelled only to those who may read it', async () => {
    const started = await t.call('POST', '/api/requests', {
      as: assistant,
      body: { definitionId: 'lab-result-release', data: { patient: 'DEMO-7199', test: 'Lipid panel' } },
    });
    expect(started.status, started.text).toBe(201);
    const id = started.body.instance.id as string;
    const cancelled = await t.call('POST', `/api/instances/${id}/cancel`, {
      as: await t.token('lead'),
      body: { reason: 'filed to the wrong chart' },
    });
    expect(cancelled.status).toBe(200);
    const desk = await lookUp(frontDesk, 'DEMO-7199');
    expect(desk.body.requests).toEqual([
      expect.objectContaining({ instanceId: id, status: 'cancelled', readable: false, cancelReason: null }),
    ]);
    expect(desk.text).not.toContain('wrong chart');
    const own = await lookUp(assistant, 'DEMO-7199');
    expect(own.body.requests[0].cancelReason).toBe('filed to the wrong chart');
  });

  it('shows the subject to a role that works on the request', async () => {
    const r = await lookUp(assistant, PATIENT);
    const lab = r.body.requests.find((x: { instanceId: string }) => x.instanceId === labId);
    expect(lab).toMatchObject({
      readable: true,
      subject: `${PATIENT} · Result: HIV viral load`,
      withdrawable: true,
    });
    expect(lab.waitingOn[0].step).toEqual(expect.any(String));
  });

  it('finds nothing for a reference no request holds, and nothing of other patients', async () => {
    expect((await lookUp(frontDesk, 'DEMO-0000')).body.requests).toEqual([]);
    const other = await lookUp(frontDesk, 'DEMO-7102');
    expect(other.body.requests).toHaveLength(1);
    expect(other.body.requests[0].subject).toBe('DEMO-7102 · Refill: metformin');
  });

  it('finds the reference however the caller reads it out: spaces, no dash, lowercase, a "#"', async () => {
    const ids = async (typed: string) =>
      (await lookUp(assistant, typed)).body.requests.map((x: { instanceId: string }) => x.instanceId);
    const all = [labId, refillId, billingId];
    for (const typed of ['DEMO 7101', 'demo7101', ' demo - 7101 ', '#DEMO-7101', 'Demo 7101'])
      expect(await ids(typed), typed).toEqual(all);
    // Still the whole reference: a part of it, or a neighbour's, finds nothing of this patient.
    expect(await ids('DEMO 710')).toEqual([]);
    expect(await ids('7101')).toEqual([]);
    expect(await ids('#')).toEqual([]);
  });

  it('refuses an empty reference (400) and a caller with no clinic role (403, logged)', async () => {
    const empty = await lookUp(frontDesk, '   ');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    await t.addUser('glass-only', ['break-glass']);
    const none = await lookUp(await t.token('glass-only'), PATIENT);
    expect(none.status).toBe(403);
    const denied = await t.store.listAccess({ userId: t.user('glass-only').id, outcome: 'deny', limit: 10 });
    expect(denied.items.map((a) => a.detail)).toContain('status lookup');
  });

  it('shows one request by its id, as the warning about an open one links to it: only what the caller may read', async () => {
    const byId = (as: AuthHeaders, instanceId: string) =>
      t.call('POST', '/api/requests/status', { as, body: { instanceId } });
    const refill = await byId(frontDesk, refillId);
    expect(refill.status, refill.text).toBe(200);
    expect(refill.body.requests).toHaveLength(1);
    expect(refill.body.requests[0]).toMatchObject({
      instanceId: refillId,
      readable: true,
      subject: `${PATIENT} · Refill: lisinopril`,
    });
    expect(refill.body.requests[0].waitingOn[0].step).toEqual(expect.any(String));
    // The lab result the assistant started: its roles and due times, not what it is about.
    const [lab] = (await byId(frontDesk, labId)).body.requests;
    expect(lab).toMatchObject({ instanceId: labId, readable: false, subject: null, cancelReason: null });
    expect(lab.waitingOn.map((w: { step: string | null }) => w.step)).toEqual([null]);
    expect((await byId(frontDesk, 'no-such-request')).body.requests).toEqual([]);
    // One or the other: a reference and an id together are refused.
    const both = await t.call('POST', '/api/requests/status', {
      as: frontDesk,
      body: { patient: PATIENT, instanceId: refillId },
    });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('VALIDATION_FAILED');
    const log = await t.store.listAccess({ userId: t.user('front-desk').id, limit: 100 });
    expect(log.items.map((a) => a.detail)).toContain(`status lookup by request id: 1; instances: ${labId}`);
  });

  it('is in the access log by instance id; the reference itself is in no log and no URL', async () => {
    await lookUp(frontDesk, PATIENT);
    const log = await t.store.listAccess({ userId: t.user('front-desk').id, limit: 100 });
    const row = log.items.find((a) => a.detail?.startsWith('status lookup by patient reference: 3;'));
    expect(row?.detail).toBe(
      `status lookup by patient reference: 3; instances: ${labId},${refillId},${billingId}`,
    );
    expect(JSON.stringify(log.items)).not.toContain(PATIENT);
    expect(t.logs.join('\n')).not.toContain(PATIENT);
  });

  it('says on each request whether the caller may add a note to it, as adding one answers', async () => {
    // A front desk with emergency access in force reads the lab result by it, and may not write on it.
    await t.addUser('desk-on-call', ['front-desk', 'break-glass']);
    const onCall = await t.login('desk-on-call');
    const granted = await t.call('POST', '/api/emergency-access', {
      as: onCall,
      body: { reason: 'Patient collapsed at the desk, no chart access', minutes: 30 },
    });
    expect(granted.status, granted.text).toBe(201);
    const people: [string, AuthHeaders][] = [
      ['front-desk', frontDesk],
      ['medical-assistant', assistant],
      ['refill-coordinator', coordinator],
      ['auditor', await t.token('auditor')],
      ['lead', await t.token('lead')],
      ['desk-on-call', onCall],
    ];
    const said: string[] = [];
    for (const [who, as] of people) {
      const found = await lookUp(as, PATIENT);
      expect(found.status, found.text).toBe(200);
      for (const r of found.body.requests as { instanceId: string; notable: boolean; readable: boolean }[]) {
        const added = await t.call('POST', `/api/instances/${r.instanceId}/notes`, {
          as,
          body: { body: `Patient called back (${who})`, forNextRole: false },
        });
        expect([201, 403, 409], added.text).toContain(added.status);
        expect(r.notable, `${who} on ${r.instanceId}: note answered ${added.status}`).toBe(
          added.status === 201,
        );
        said.push(
          `${who}:${r.instanceId === labId ? 'lab' : r.instanceId === refillId ? 'refill' : 'billing'}:${r.readable}:${r.notable}`,
        );
      }
    }
    // Read by emergency access, not written on; the auditor reads all and writes none; a cancelled one is closed.
    expect(said).toContain('desk-on-call:lab:true:false');
    expect(said).toContain('auditor:lab:true:false');
    expect(said).toContain('medical-assistant:lab:true:true');
    expect(said).toContain('front-desk:billing:true:false');
    expect(said).toContain('front-desk:refill:true:true');
  });

  it('lists practice runs only when asked', async () => {
    const practice = await t.call('POST', '/api/instances', {
      as: coordinator,
      body: {
        definitionId: 'prescription-refill',
        data: { patient: PATIENT, medication: 'sertraline' },
        practice: true,
      },
    });
    expect(practice.status, practice.text).toBe(201);
    const real = await lookUp(coordinator, PATIENT);
    expect(real.body.requests.map((x: { instanceId: string }) => x.instanceId)).not.toContain(
      practice.body.instance.id,
    );
    const sandbox = await lookUp(coordinator, PATIENT, true);
    expect(sandbox.body.requests.map((x: { instanceId: string }) => x.instanceId)).toEqual([
      practice.body.instance.id,
    ]);
  });

  it('a burst of lookups beside a claim sees the task in the pool or taken, never lost', async () => {
    const task = (await t.store.listInstanceTasks(refillId)).find((x) => x.status === 'open')!;
    const send = (path: string, as: AuthHeaders, body: unknown) =>
      fetch(`${server.base}${path}`, {
        method: 'POST',
        headers: { ...as, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const burst = await Promise.all([
      send(`/api/tasks/${encodeURIComponent(task.id)}/claim`, coordinator, {}),
      ...Array.from({ length: 12 }, () => send('/api/requests/status', frontDesk, { patient: PATIENT })),
    ]);
    expect(burst[0]!.status).toBe(200);
    for (const res of burst.slice(1)) {
      expect(res.status).toBe(200);
      const body = (await res.json()) as { requests: Array<{ instanceId: string; waitingOn: unknown[] }> };
      const refill = body.requests.find((x) => x.instanceId === refillId)!;
      expect(refill.waitingOn).toHaveLength(1);
    }
    const after = await lookUp(frontDesk, PATIENT);
    const refill = after.body.requests.find((x: { instanceId: string }) => x.instanceId === refillId);
    expect(refill.waitingOn[0].taken).toBe(true);
    // Taken: no longer the starter's to withdraw, and the server refuses it too.
    expect(refill.withdrawable).toBe(false);
    const late = await t.call('POST', `/api/instances/${refillId}/cancel`, {
      as: frontDesk,
      body: { reason: 'Started in error' },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('REQUEST_UNDER_WAY');
  });

  it('a request finished more than 30 days ago drops out; open ones stay', async () => {
    t.clock.advance('P31D');
    const r = await lookUp(frontDesk, PATIENT);
    expect(r.body.requests.map((x: { instanceId: string }) => x.instanceId)).toEqual([labId, refillId]);
  });
});

describe('a sweep through patients', () => {
  it('is stopped per person: the 31st lookup in a minute is a 429, released together or not; colleagues go on', async () => {
    await t.addUser('desk-sweep', ['front-desk']);
    const sweeper = await t.token('desk-sweep');
    const send = (as: AuthHeaders, n: number) =>
      fetch(`${server.base}/api/requests/status`, {
        method: 'POST',
        headers: { ...as, 'content-type': 'application/json' },
        body: JSON.stringify({ patient: `DEMO-${9000 + n}` }),
      });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, n) => send(sweeper, n)));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const refused = burst.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await send(frontDesk, 0)).status).toBe(200);
    t.clock.advance('PT61S');
    expect((await send(sweeper, 99)).status).toBe(200);
  });

  it('names who is working on a step to those who may read the request, and to nobody else', async () => {
    const start = async (as: AuthHeaders, definitionId: string, data: Record<string, unknown>) => {
      const r = await t.call('POST', '/api/requests', { as, body: { definitionId, data } });
      expect(r.status, r.text).toBe(201);
      return r.body.instance.active[0].taskId as string;
    };
    const claim = async (as: AuthHeaders, task: string) =>
      expect((await t.call('POST', `/api/tasks/${encodeURIComponent(task)}/claim`, { as })).status).toBe(200);
    await claim(
      coordinator,
      await start(frontDesk, 'prescription-refill', { patient: 'DEMO-7150', medication: 'lisinopril' }),
    );
    await claim(
      assistant,
      await start(assistant, 'lab-result-release', { patient: 'DEMO-7150', test: 'HIV viral load' }),
    );
    const r = await lookUp(frontDesk, 'DEMO-7150');
    expect(r.status, r.text).toBe(200);
    const byWorkflow = (name: string) =>
      r.body.requests.find((x: { workflow: string }) => x.workflow.startsWith(name));
    const [lab, refill] = [byWorkflow('Lab'), byWorkflow('Prescription')];
    expect(refill.waitingOn).toEqual([
      expect.objectContaining({ taken: true, heldBy: t.user('refill-coordinator').displayName }),
    ]);
    // Taken, but by whom is the readers' to know, as what it is about.
    expect(lab.readable).toBe(false);
    expect(lab.waitingOn).toEqual([expect.objectContaining({ taken: true, heldBy: null })]);
  });
});
