import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen, sendJson } from './support/listen.ts';
import { openSse } from './support/sse.ts';

/**
 * A provider hands the task they hold to a named colleague who holds the same role (covering this
 * afternoon), with a note that travels with it: no lead needed. The colleague finds it in their own
 * list with the note for them, hears of it on the bell and by a live update that carries no patient
 * data. Only the holder may; only to someone holding the role; of two hand-offs at once one wins and
 * the other is 409. Over a real listener and a real libSQL file.
 */

const LAB = 'lab-result-release';
const PATIENT = 'DEMO-7501';
const NOTE = 'Covering for me after 2 pm: the patient prefers a call on the mobile number.';

let t: TestApp;
let listener: Listener;
let assistant: AuthHeaders;
let drLee: AuthHeaders;
let drPatel: AuthHeaders;
let drKim: AuthHeaders;
let records: AuthHeaders;

const send = (as: AuthHeaders, method: string, path: string, body?: unknown) =>
  sendJson(listener.base, as, method, path, body);

const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** A normal result whose comment task Dr Lee (the `provider` account) has claimed. */
async function claimedByLee(patient: string): Promise<{ instanceId: string; taskId: string }> {
  const started = await send(assistant, 'POST', '/api/requests', {
    definitionId: LAB,
    data: { patient, test: 'CBC' },
  });
  expect(started.status, started.text).toBe(201);
  const instanceId: string = started.body.instance.id;
  const verify = (await t.store.listInstanceTasks(instanceId)).find((x) => x.status === 'open')!;
  expect((await send(assistant, 'POST', `${taskPath(verify.id)}/claim`)).status).toBe(200);
  const done = await send(assistant, 'POST', `${taskPath(verify.id)}/complete`, {
    outcome: 'verified',
    data: { resultKind: 'lab', flag: 'normal', holdRequested: false },
  });
  expect(done.status, done.text).toBe(200);
  const comment = (await t.store.listInstanceTasks(instanceId)).find(
    (x) => x.status === 'open' && x.step === 'normal-comment',
  )!;
  expect((await send(drLee, 'POST', `${taskPath(comment.id)}/claim`)).status).toBe(200);
  t.clock.advance('PT5M');
  return { instanceId, taskId: comment.id };
}

const handOff = (as: AuthHeaders, taskId: string, to: string, note = NOTE) =>
  send(as, 'POST', `${taskPath(taskId)}/hand-off`, { to, note });

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  await t.addUser('provider-2', ['provider']);
  await t.addUser('provider-3', ['provider']);
  assistant = await t.token('medical-assistant');
  drLee = await t.login('provider');
  drPatel = await t.login('provider-2');
  drKim = await t.login('provider-3');
  records = await t.token('medical-records');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('handing a claimed task to a named colleague', () => {
  it('lists the colleagues who hold the task’s role, not the holder', async () => {
    const { taskId } = await claimedByLee('DEMO-7500');
    const r = await send(drLee, 'GET', `${taskPath(taskId)}/colleagues`);
    expect(r.status, r.text).toBe(200);
    const ids = r.body.colleagues.map((c: { id: string }) => c.id).sort();
    expect(ids).toEqual([t.user('provider-2').id, t.user('provider-3').id].sort());
    expect(r.body.colleagues[0]).toHaveProperty('displayName');
  });

  it('goes to the colleague with the note for them; they hear of it on the bell and live, without patient data', async () => {
    const { instanceId, taskId } = await claimedByLee(PATIENT);
    const stream = await openSse(`${listener.base}/api/events`, { cookie: drPatel.cookie! });
    await stream.next((e) => e.event === 'ready');

    const handed = await handOff(drLee, taskId, t.user('provider-2').id);
    expect(handed.status, handed.text).toBe(200);
    expect(handed.body.task.assignee).toBe(t.user('provider-2').id);

    // Dr Patel's own list has it; the note is for her.
    const mine = await send(drPatel, 'GET', '/api/tasks?scope=mine');
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(taskId);
    const read = await send(drPatel, 'GET', taskPath(taskId));
    expect(read.status, read.text).toBe(200);
    const byId = new Map(read.body.notes.map((n: { id: string; body: string }) => [n.id, n.body]));
    expect((read.body.forYou as string[]).map((id) => byId.get(id))).toEqual([NOTE]);

    // The bell.
    const bell = await send(drPatel, 'GET', '/api/notifications?unread=true');
    expect(bell.body.notifications).toContainEqual(expect.objectContaining({ kind: 'assigned', taskId }));

    // The live update: ids and status only.
    await t.feed.poll();
    const live = await stream.next(
      (e) => e.event === 'instance.changed' && JSON.parse(e.data).instanceId === instanceId,
    );
    expect(live.data).not.toContain(PATIENT);
    expect(live.data).not.toContain('mobile');
    stream.close();

    // Dr Lee no longer holds it, and cannot hand it on again.
    const again = await handOff(drLee, taskId, t.user('provider-3').id);
    expect(again.status, again.text).toBe(409);

    // The history says the holder handed it on, not that a lead reassigned it.
    const history = await send(drPatel, 'GET', `/api/instances/${instanceId}/history`);
    expect(history.status, history.text).toBe(200);
    const summaries: string[] = history.body.timeline.map((e: { summary: string }) => e.summary);
    expect(summaries.some((s) => s.startsWith('handed on “'))).toBe(true);
    expect(summaries.some((s) => s.startsWith('reassigned'))).toBe(false);
  });

  it('only to an active colleague who holds the role (422), never to oneself', async () => {
    const { taskId } = await claimedByLee('DEMO-7502');
    const other = await handOff(drLee, taskId, t.user('medical-records').id);
    expect(other.status, other.text).toBe(422);
    expect(other.body.error.code).toBe('ASSIGNEE_INVALID');
    const self = await handOff(drLee, taskId, t.user('provider').id);
    expect(self.status, self.text).toBe(409);
    expect((await t.store.getTask(taskId))?.assignee).toBe(t.user('provider').id);
  });

  it('only by whoever holds it: a colleague in the role gets 409, another role 403', async () => {
    const { taskId } = await claimedByLee('DEMO-7503');
    const colleague = await handOff(drKim, taskId, t.user('provider-3').id);
    expect(colleague.status, colleague.text).toBe(409);
    const otherRole = await handOff(records, taskId, t.user('provider-2').id);
    expect(otherRole.status, otherRole.text).toBe(403);
  });

  it('needs the note in words (400)', async () => {
    const { taskId } = await claimedByLee('DEMO-7504');
    const blank = await handOff(drLee, taskId, t.user('provider-2').id, '  ');
    expect(blank.status, blank.text).toBe(400);
  });

  it('two hand-offs at once: one wins, the other is 409, and only the winner’s note is kept', async () => {
    const { instanceId, taskId } = await claimedByLee('DEMO-7505');
    const [a, b] = await Promise.all([
      handOff(drLee, taskId, t.user('provider-2').id, 'To Dr Patel.'),
      handOff(drLee, taskId, t.user('provider-3').id, 'To Dr Kim.'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 'provider-2' : 'provider-3';
    expect((await t.store.getTask(taskId))?.assignee).toBe(t.user(winner).id);
    const notes = await send(drLee, 'GET', `/api/instances/${instanceId}/notes`);
    expect(notes.body.notes.map((n: { body: string }) => n.body)).toEqual([
      winner === 'provider-2' ? 'To Dr Patel.' : 'To Dr Kim.',
    ]);
  });
});
