import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen, sendJson } from './support/listen.ts';

/**
 * A request can wait on no one in the clinic: a result held until the provider has talked with the
 * patient, a claim waiting for the payer, a question waiting for the patient's reply. A status call
 * still needs an answer then: the lookup names what the request waits for (where the caller may read
 * it) and until when at the latest, not just "Active". Over a real listener and a real libSQL file.
 */

const PATIENT = 'DEMO-7301';
const HELD = 'Held until the provider talks with the patient';

let t: TestApp;
let listener: Listener;
let assistant: AuthHeaders;
let provider: AuthHeaders;
let frontDesk: AuthHeaders;
let labId: string;

const send = (as: AuthHeaders, method: string, path: string, body?: unknown) =>
  sendJson(listener.base, as, method, path, body);

/** Claims and finishes the request's open task at `step`. */
async function finish(as: AuthHeaders, step: string, outcome: string, data: Record<string, unknown>) {
  const task = (await t.store.listInstanceTasks(labId)).find((x) => x.status === 'open' && x.step === step)!;
  const path = `/api/tasks/${encodeURIComponent(task.id)}`;
  expect((await send(as, 'POST', `${path}/claim`)).status).toBe(200);
  const done = await send(as, 'POST', `${path}/complete`, { outcome, data });
  expect(done.status, done.text).toBe(200);
  t.clock.advance('PT5M');
}

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  assistant = await t.token('medical-assistant');
  provider = await t.token('provider');
  frontDesk = await t.token('front-desk');
  const started = await send(assistant, 'POST', '/api/requests', {
    definitionId: 'lab-result-release',
    data: { patient: PATIENT, test: 'HIV viral load' },
  });
  expect(started.status, started.text).toBe(201);
  labId = started.body.instance.id;
  await finish(assistant, 'verify-result', 'verified', {
    resultKind: 'lab',
    flag: 'normal',
    holdRequested: true,
  });
  await finish(provider, 'harm-review', 'hold-until-discussed', {
    harmReason: 'New diagnosis: to be told in person with counselling.',
  });
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

const lookUp = (as: AuthHeaders) => send(as, 'POST', '/api/requests/status', { patient: PATIENT });

describe('a request that waits on no one in the clinic, in a status lookup', () => {
  it('names what it waits for and until when at the latest, to a role that works on it', async () => {
    const r = await lookUp(provider);
    expect(r.status, r.text).toBe(200);
    const [lab] = r.body.requests;
    expect(lab).toMatchObject({ instanceId: labId, status: 'active', readable: true });
    // The held result: no role's pool has it, the 3-business-day timer ends the hold at the latest.
    const timer = Object.values(
      (await t.store.getInstance(labId))!.snapshot.context.timers as Record<
        string,
        { step: string; due: string }
      >,
    ).find((x) => x.step === 'hold-for-discussion')!;
    // The provider may end the hold before its time (the workflow's endEarlyBy), here as on a task.
    const held = Object.values((await t.store.getInstance(labId))!.snapshot.context.active).find(
      (a) => a.step === 'hold-for-discussion',
    )!;
    expect(lab.waits).toEqual([{ step: HELD, until: timer.due, token: held.token, endEarlyBy: 'provider' }]);
    expect(Date.parse(timer.due)).toBeGreaterThan(Date.parse(t.clock.now()));
  });

  it('tells a caller who may not read it that it waits, and until when, without saying on what', async () => {
    const r = await lookUp(frontDesk);
    const [lab] = r.body.requests;
    expect(lab).toMatchObject({ instanceId: labId, readable: false });
    expect(lab.waits).toEqual([{ step: null, until: expect.any(String), token: null, endEarlyBy: null }]);
    expect(r.text).not.toContain('Held until');
    expect(r.text).not.toContain('HIV');
  });

  it('lists no waits once the request moved past them', async () => {
    await t.advanceTo(new Date(Date.parse(t.clock.now()) + 10 * 86_400_000).toISOString());
    const [lab] = (await lookUp(provider)).body.requests;
    expect(lab.waits).toEqual([]);
    // The hold ran out, so the result went on to be released to the portal.
    expect(lab.waitingOn.map((w: { step: string }) => w.step)).toContain(
      'Release the result to the patient portal',
    );
  });
});
