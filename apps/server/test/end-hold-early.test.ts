import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen, sendJson } from './support/listen.ts';

/**
 * A result held until the provider has talked with the patient waits on a timer; once the provider
 * has called the patient sooner, they end the hold now with a reason ("Called the patient; release
 * now") and the result goes on to be released. Only the role the wait names may; a second try finds
 * it ended. Over a real listener and a real libSQL file.
 */

const HELD = 'Held until the provider talks with the patient';
const REASON = 'Called the patient at 10:40 and went over the result; release now.';

let t: TestApp;
let listener: Listener;
let assistant: AuthHeaders;
let provider: AuthHeaders;
let records: AuthHeaders;

const send = (as: AuthHeaders, method: string, path: string, body?: unknown) =>
  sendJson(listener.base, as, method, path, body);

async function finish(
  as: AuthHeaders,
  id: string,
  step: string,
  outcome: string,
  data: Record<string, unknown>,
) {
  const task = (await t.store.listInstanceTasks(id)).find((x) => x.status === 'open' && x.step === step)!;
  const path = `/api/tasks/${encodeURIComponent(task.id)}`;
  expect((await send(as, 'POST', `${path}/claim`)).status).toBe(200);
  const done = await send(as, 'POST', `${path}/complete`, { outcome, data });
  expect(done.status, done.text).toBe(200);
  t.clock.advance('PT5M');
}

/** A lab result the provider chose to hold until they have talked with the patient. */
async function heldResult(patient: string): Promise<{ id: string; token: string }> {
  const started = await send(assistant, 'POST', '/api/requests', {
    definitionId: 'lab-result-release',
    data: { patient, test: 'Biopsy' },
  });
  expect(started.status, started.text).toBe(201);
  const id: string = started.body.instance.id;
  await finish(assistant, id, 'verify-result', 'verified', {
    resultKind: 'pathology',
    flag: 'normal',
    holdRequested: true,
  });
  await finish(provider, id, 'harm-review', 'hold-until-discussed', {
    harmReason: 'New cancer diagnosis: to be told in person.',
  });
  const read = await send(provider, 'GET', `/api/instances/${id}`);
  const wait = read.body.instance.active.find((a: { title: string }) => a.title === HELD);
  return { id, token: wait.token };
}

const endHold = (as: AuthHeaders, id: string, token: string, reason = REASON) =>
  send(as, 'POST', `/api/instances/${id}/end-wait`, { token, reason });

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  assistant = await t.token('medical-assistant');
  provider = await t.token('provider');
  records = await t.token('medical-records');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('ending a held result early', () => {
  it('shows the held step with the role that may end it early', async () => {
    const { id } = await heldResult('DEMO-7401');
    const read = await send(provider, 'GET', `/api/instances/${id}`);
    expect(read.body.instance.active.find((a: { title: string }) => a.title === HELD)).toMatchObject({
      kind: 'wait',
      endEarlyBy: 'provider',
      endEarlyByName: 'Provider (MD, DO, NP or PA)',
    });
  });

  it('the provider ends it with a reason: the result goes on to be released, the reason is in the history', async () => {
    const { id, token } = await heldResult('DEMO-7402');
    const ended = await endHold(provider, id, token);
    expect(ended.status, ended.text).toBe(200);
    const titles = ended.body.instance.active.map((a: { title: string }) => a.title);
    expect(titles).not.toContain(HELD);
    expect(titles).toContain('Release the result to the patient portal');

    const history = await send(provider, 'GET', `/api/instances/${id}/history?values=true`);
    expect(history.status, history.text).toBe(200);
    const entry = history.body.timeline.find((e: { type: string }) => e.type === 'end-wait');
    expect(entry).toMatchObject({
      summary: `ended “${HELD}” early`,
      reason: REASON,
      actor: t.user('provider').id,
    });
    // Read without values, the history says a reason was given, not what it said.
    const plain = await send(provider, 'GET', `/api/instances/${id}/history`);
    expect(plain.body.timeline.find((e: { type: string }) => e.type === 'end-wait')).toMatchObject({
      summary: `ended “${HELD}” early`,
      reasonHidden: true,
    });
    expect(plain.text).not.toContain('10:40');
  });

  it('a second try finds the hold already ended (409)', async () => {
    const { id, token } = await heldResult('DEMO-7403');
    expect((await endHold(provider, id, token)).status).toBe(200);
    const again = await endHold(provider, id, token);
    expect(again.status, again.text).toBe(409);
    expect(again.body.error.message).toMatch(/already ended/);
  });

  it('another role may not end it (403), and it keeps waiting', async () => {
    const { id, token } = await heldResult('DEMO-7404');
    const refused = await endHold(records, id, token);
    expect(refused.status, refused.text).toBe(403);
    const read = await send(provider, 'GET', `/api/instances/${id}`);
    expect(read.body.instance.active.map((a: { title: string }) => a.title)).toContain(HELD);
  });

  it('needs the reason in words (400)', async () => {
    const { id, token } = await heldResult('DEMO-7405');
    const blank = await endHold(provider, id, token, '   ');
    expect(blank.status, blank.text).toBe(400);
  });
});
