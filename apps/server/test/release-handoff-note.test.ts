import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen, sendJson } from './support/listen.ts';

/**
 * Releasing a task at closing time hands the handoff note over with it: the release carries the note
 * typed in the task panel, saved in the same write, and whoever claims the task next reads it as a note
 * for them. A release without a note is as before. Over a real listener and a real libSQL file.
 */

const LAB = 'lab-result-release';
const NOTE =
  'Lab called at 4:45: corrected report coming by fax tomorrow morning. Do not verify the first one.';

let t: TestApp;
let listener: Listener;
let keisha: AuthHeaders;
let jamie: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  await t.addUser('medical-assistant-2', ['medical-assistant']);
  keisha = await t.login('medical-assistant');
  jamie = await t.login('medical-assistant-2');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

const send = (as: AuthHeaders, method: string, path: string, body?: unknown) =>
  sendJson(listener.base, as, method, path, body);

const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** A new lab result, its "verify" task claimed by Keisha. */
async function claimedByKeisha(patient: string): Promise<{ instanceId: string; taskId: string }> {
  const started = await send(keisha, 'POST', '/api/requests', {
    definitionId: LAB,
    data: { patient, test: 'CBC' },
  });
  expect(started.status, started.text).toBe(201);
  const instanceId: string = started.body.instance.id;
  const taskId = (await t.store.listInstanceTasks(instanceId)).find((x) => x.status === 'open')!.id;
  expect((await send(keisha, 'POST', `${taskPath(taskId)}/claim`)).status).toBe(200);
  t.clock.advance('PT5M');
  return { instanceId, taskId };
}

/** The bodies of the notes the task's panel shows `as` as "for you". */
async function forYou(as: AuthHeaders, taskId: string): Promise<string[]> {
  const read = await send(as, 'GET', taskPath(taskId));
  expect(read.status, read.text).toBe(200);
  const byId = new Map<string, string>(
    read.body.notes.map((n: { id: string; body: string }) => [n.id, n.body]),
  );
  return (read.body.forYou as string[]).map((id) => byId.get(id)!);
}

describe('releasing a task with a handoff note', () => {
  it('saves the note with the release; the next holder reads it as for them', async () => {
    const { instanceId, taskId } = await claimedByKeisha('DEMO-5204');
    const released = await send(keisha, 'POST', `${taskPath(taskId)}/release`, {
      note: NOTE,
      forNextRole: true,
    });
    expect(released.status, released.text).toBe(200);
    expect(released.body.task.assignee).toBeNull();

    const notes = await send(keisha, 'GET', `/api/instances/${instanceId}/notes`);
    expect(notes.body.notes.map((n: { body: string; taskId: string }) => [n.body, n.taskId])).toEqual([
      [NOTE, taskId],
    ]);

    // The next morning: both sign in again.
    t.clock.advance('PT14H');
    keisha = await t.login('medical-assistant');
    jamie = await t.login('medical-assistant-2');
    expect((await send(jamie, 'POST', `${taskPath(taskId)}/claim`)).status).toBe(200);
    expect(await forYou(jamie, taskId)).toEqual([NOTE]);
    // The writer never reads her own note as for her.
    expect(await forYou(keisha, taskId)).toEqual([]);
  });

  it('while the writer still holds the task, a colleague does not read her note as for them', async () => {
    const { instanceId, taskId } = await claimedByKeisha('DEMO-5205');
    const saved = await send(keisha, 'POST', `/api/instances/${instanceId}/notes`, {
      body: 'Waiting on the fax.',
      taskId,
      forNextRole: true,
    });
    expect(saved.status, saved.text).toBe(201);
    expect(await forYou(jamie, taskId)).toEqual([]);
    // Released: now it is for whoever takes it.
    expect((await send(keisha, 'POST', `${taskPath(taskId)}/release`)).status).toBe(200);
    expect(await forYou(jamie, taskId)).toEqual(['Waiting on the fax.']);
  });

  it('a release without a note (or a blank one) is a release as before, with no note saved', async () => {
    const { instanceId, taskId } = await claimedByKeisha('DEMO-5206');
    const released = await send(keisha, 'POST', `${taskPath(taskId)}/release`, {
      note: '   ',
      forNextRole: true,
    });
    expect(released.status, released.text).toBe(200);
    expect((await send(keisha, 'GET', `/api/instances/${instanceId}/notes`)).body.notes).toEqual([]);
  });

  it('a release that loses (the task is no longer hers) saves no note', async () => {
    const { instanceId, taskId } = await claimedByKeisha('DEMO-5207');
    expect((await send(keisha, 'POST', `${taskPath(taskId)}/release`)).status).toBe(200);
    expect((await send(jamie, 'POST', `${taskPath(taskId)}/claim`)).status).toBe(200);
    const late = await send(keisha, 'POST', `${taskPath(taskId)}/release`, {
      note: 'Too late',
      forNextRole: true,
    });
    expect(late.status, late.text).toBe(409);
    expect((await send(keisha, 'GET', `/api/instances/${instanceId}/notes`)).body.notes).toEqual([]);
  });
});
