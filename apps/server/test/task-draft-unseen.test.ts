import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen, sendJson } from './support/listen.ts';

/**
 * A task handed on with the previous holder's half-typed answers, finished by a browser that could not
 * read them (the draft's read failed): the completion names the draft it started from, and is refused
 * while a draft someone else typed is newer — instead of removing answers the finisher never saw. The
 * refusal carries the draft (to its holder only) and is access-logged; nothing is written. A client
 * that names no draft (an integration) and the finisher's own newer saves are not held up.
 */

const LAB = 'lab-result-release';
const DATA = { resultKind: 'lab', flag: 'normal', holdRequested: false };

let t: TestApp;
let listener: Listener;
let keisha: AuthHeaders;
let sam: AuthHeaders;

const send = (as: AuthHeaders, method: string, path: string, body?: unknown) =>
  sendJson(listener.base, as, method, path, body);
const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** A result whose verification Keisha typed half of, then handed to Sam. */
async function handedWithDraft(patient: string): Promise<{ instanceId: string; taskId: string }> {
  const started = await send(keisha, 'POST', '/api/requests', {
    definitionId: LAB,
    data: { patient, test: 'CBC' },
  });
  expect(started.status, started.text).toBe(201);
  const instanceId: string = started.body.instance.id;
  const taskId = (await t.store.listInstanceTasks(instanceId)).find((x) => x.status === 'open')!.id;
  expect((await send(keisha, 'POST', `${taskPath(taskId)}/claim`)).status).toBe(200);
  const saved = await send(keisha, 'PUT', `${taskPath(taskId)}/draft`, {
    baseRevision: 0,
    values: { flag: 'abnormal' },
    note: 'Lab is calling back about the sample',
  });
  expect(saved.status, saved.text).toBe(200);
  const handed = await send(keisha, 'POST', `${taskPath(taskId)}/hand-off`, {
    to: t.user('medical-assistant-2').id,
    note: 'Over to you',
  });
  expect(handed.status, handed.text).toBe(200);
  return { instanceId, taskId };
}

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  await t.addUser('medical-assistant-2', ['medical-assistant']);
  keisha = await t.token('medical-assistant');
  sam = await t.token('medical-assistant-2');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('finishing a task whose draft the finisher has not seen', () => {
  it('is refused with the draft (409 TASK_DRAFT_UNSEEN), writes nothing, and is logged; seen, it finishes', async () => {
    const { instanceId, taskId } = await handedWithDraft('DEMO-8201');
    const events = (await t.store.listEvents(instanceId)).length;

    const refused = await send(sam, 'POST', `${taskPath(taskId)}/complete`, {
      outcome: 'verified',
      data: DATA,
      draftSeen: 0,
    });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.code).toBe('TASK_DRAFT_UNSEEN');
    expect(refused.body.error.message).toMatch(/typed answers on this task before it came to you/);
    expect(refused.body.error.details.draft).toMatchObject({
      values: { flag: 'abnormal' },
      savedBy: { id: t.user('medical-assistant').id },
    });
    expect((await t.store.getTask(taskId))?.status).toBe('open');
    expect((await t.store.listEvents(instanceId)).length).toBe(events);
    expect(await t.store.getTaskDraft(taskId)).not.toBeNull();
    const logged = (await t.store.listAccess({ instanceId, limit: 1000 })).items.filter(
      (e) => e.action === 'POST /api/tasks/:id/complete',
    );
    expect(logged.map((e) => [e.outcome, e.userId])).toEqual([['allow', t.user('medical-assistant-2').id]]);

    const seen = refused.body.error.details.draft.revision as number;
    const done = await send(sam, 'POST', `${taskPath(taskId)}/complete`, {
      outcome: 'verified',
      data: DATA,
      draftSeen: seen,
    });
    expect(done.status, done.text).toBe(200);
    expect(await t.store.getTaskDraft(taskId)).toBeNull();
  });

  it('is not held up by the finisher’s own newer saves, nor for a client that names no draft', async () => {
    const own = await handedWithDraft('DEMO-8202');
    const read = await send(sam, 'GET', `${taskPath(own.taskId)}/draft`);
    const mine = await send(sam, 'PUT', `${taskPath(own.taskId)}/draft`, {
      baseRevision: read.body.draft.revision,
      values: { flag: 'normal' },
    });
    expect(mine.status, mine.text).toBe(200);
    // Sam's other tab started from the colleague's revision: Sam's own save since is no reason to refuse.
    const fromOlder = await send(sam, 'POST', `${taskPath(own.taskId)}/complete`, {
      outcome: 'verified',
      data: DATA,
      draftSeen: read.body.draft.revision,
    });
    expect(fromOlder.status, fromOlder.text).toBe(200);

    const plain = await handedWithDraft('DEMO-8203');
    const api = await send(sam, 'POST', `${taskPath(plain.taskId)}/complete`, {
      outcome: 'verified',
      data: DATA,
    });
    expect(api.status, api.text).toBe(200);
  });

  it('says nothing of a draft to someone who does not hold the task', async () => {
    const { taskId } = await handedWithDraft('DEMO-8204');
    const other = await send(keisha, 'POST', `${taskPath(taskId)}/complete`, {
      outcome: 'verified',
      data: DATA,
      draftSeen: 0,
    });
    expect(other.status, other.text).toBe(409);
    expect(other.body.error.code).not.toBe('TASK_DRAFT_UNSEEN');
    expect(JSON.stringify(other.body)).not.toMatch(/abnormal|calling back/);
  });
});
