import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen, sendJson } from './support/listen.ts';

/**
 * What a medical assistant types on a task and has not sent yet is kept on the server, with the task:
 * a reload or another computer finds it again. Only the task's holder reads or writes it; it holds only
 * fields the step declares; two tabs never overwrite a newer draft unseen; finishing the task removes
 * it; handed on or put back in the pool, the task takes it to the next holder. It is access-logged but
 * is no event in the request's history. Over a real listener and a real libSQL file.
 */

const LAB = 'lab-result-release';

let t: TestApp;
let listener: Listener;
let keisha: AuthHeaders;
let sam: AuthHeaders;
let provider: AuthHeaders;
let auditor: AuthHeaders;
let lead: AuthHeaders;

const send = (as: AuthHeaders, method: string, path: string, body?: unknown) =>
  sendJson(listener.base, as, method, path, body);
const draftPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}/draft`;
const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** A lab result whose verification task Keisha (`medical-assistant`) has claimed. */
async function verifyingByKeisha(patient: string): Promise<{ instanceId: string; taskId: string }> {
  const started = await send(keisha, 'POST', '/api/requests', {
    definitionId: LAB,
    data: { patient, test: 'CBC' },
  });
  expect(started.status, started.text).toBe(201);
  const instanceId: string = started.body.instance.id;
  const verify = (await t.store.listInstanceTasks(instanceId)).find((x) => x.status === 'open')!;
  expect((await send(keisha, 'POST', `${taskPath(verify.id)}/claim`)).status).toBe(200);
  return { instanceId, taskId: verify.id };
}

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  await t.addUser('medical-assistant-2', ['medical-assistant']);
  keisha = await t.token('medical-assistant');
  sam = await t.token('medical-assistant-2');
  provider = await t.token('provider');
  auditor = await t.token('auditor');
  lead = await t.token('lead');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('a task’s draft', () => {
  it('is kept for its holder and read back, as typed, with who saved it and when', async () => {
    const { taskId } = await verifyingByKeisha('DEMO-8101');
    const none = await send(keisha, 'GET', draftPath(taskId));
    expect(none.status, none.text).toBe(200);
    expect(none.body.draft).toBeNull();

    const saved = await send(keisha, 'PUT', draftPath(taskId), {
      baseRevision: 0,
      values: { flag: 'abnormal', holdRequested: false },
      note: 'Lab called: the sample was haemolysed',
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.draft).toMatchObject({
      revision: 1,
      values: { flag: 'abnormal', holdRequested: false },
      note: 'Lab called: the sample was haemolysed',
      forNextRole: false,
      savedAt: t.clock.now(),
      savedBy: { id: t.user('medical-assistant').id, displayName: expect.any(String) },
    });

    const read = await send(keisha, 'GET', draftPath(taskId));
    expect(read.status, read.text).toBe(200);
    expect(read.body.draft).toEqual(saved.body.draft);
  });

  it('is refused to another role and to auditors (403), and to a colleague or lead who does not hold the task (409)', async () => {
    const { taskId } = await verifyingByKeisha('DEMO-8102');
    const put = { baseRevision: 0, values: { flag: 'normal' } };
    expect((await send(keisha, 'PUT', draftPath(taskId), put)).status).toBe(200);

    for (const who of [provider, auditor]) {
      for (const [method, body] of [['GET'], ['PUT', put]] as const) {
        const r = await send(who, method, draftPath(taskId), body);
        expect(r.status, r.text).toBe(403);
        expect(r.body.error.code).toBe('FORBIDDEN');
        expect(r.text).not.toContain('normal');
      }
    }
    for (const who of [sam, lead]) {
      for (const [method, body] of [['GET'], ['PUT', put]] as const) {
        const r = await send(who, method, draftPath(taskId), body);
        expect(r.status, r.text).toBe(409);
        expect(r.body.error.code).toBe('NOT_YOURS');
        expect(r.text).not.toContain('"normal"');
      }
    }
    // Nothing they sent was kept.
    expect((await t.store.getTaskDraft(taskId))?.revision).toBe(1);

    const missing = await send(keisha, 'GET', draftPath(`${taskId}x`));
    expect(missing.status, missing.text).toBe(404);
  });

  it('holds only fields the step declares (400 UNDECLARED_FIELD) and is size-limited (413)', async () => {
    const { taskId } = await verifyingByKeisha('DEMO-8103');
    const undeclared = await send(keisha, 'PUT', draftPath(taskId), {
      baseRevision: 0,
      values: { flag: 'normal', harmReason: 'not this step’s field' },
    });
    expect(undeclared.status, undeclared.text).toBe(400);
    expect(undeclared.body.error.code).toBe('UNDECLARED_FIELD');
    expect(undeclared.body.error.message).toContain('harmReason');

    const big = await send(keisha, 'PUT', draftPath(taskId), {
      baseRevision: 0,
      values: { flag: 'x'.repeat(8000), resultKind: 'y'.repeat(8000), holdRequested: true },
      note: 'z'.repeat(8000),
    });
    expect(big.status, big.text).toBe(200);
    // Each answer within its own limit: over the limit only with the answers and note counted together.
    const tooBig = await send(keisha, 'PUT', draftPath(taskId), {
      baseRevision: 1,
      values: { flag: 'x'.repeat(8000), resultKind: 'y'.repeat(8000), holdRequested: 'w'.repeat(8000) },
      note: 'z'.repeat(8000),
    });
    expect(tooBig.status, tooBig.text).toBe(413);
    expect(tooBig.body.error.code).toBe('TASK_DRAFT_TOO_LARGE');
    expect((await t.store.getTaskDraft(taskId))?.revision).toBe(1);
  });

  it('is no event in the request’s history, but each read and write is access-logged', async () => {
    const { instanceId, taskId } = await verifyingByKeisha('DEMO-8104');
    const before = (await t.store.listEvents(instanceId)).length;
    expect(
      (await send(keisha, 'PUT', draftPath(taskId), { baseRevision: 0, values: { flag: 'normal' } })).status,
    ).toBe(200);
    expect((await send(keisha, 'GET', draftPath(taskId))).status).toBe(200);
    expect((await send(provider, 'GET', draftPath(taskId))).status).toBe(403);
    expect((await t.store.listEvents(instanceId)).length).toBe(before);

    const log = (await t.store.listAccess({ instanceId, limit: 1000 })).items.filter((e) =>
      e.action.endsWith('/draft'),
    );
    expect(log.map((e) => [e.action, e.outcome, e.userId])).toEqual([
      ['PUT /api/tasks/:id/draft', 'allow', t.user('medical-assistant').id],
      ['GET /api/tasks/:id/draft', 'allow', t.user('medical-assistant').id],
      ['GET /api/tasks/:id/draft', 'deny', t.user('provider').id],
    ]);
  });
});

describe('two tabs saving the same draft', () => {
  it('an older revision never overwrites a newer one: 409 TASK_DRAFT_NEWER with the newer draft', async () => {
    const { taskId } = await verifyingByKeisha('DEMO-8105');
    expect(
      (await send(keisha, 'PUT', draftPath(taskId), { baseRevision: 0, values: { flag: 'normal' } })).status,
    ).toBe(200);
    const tabA = await send(keisha, 'PUT', draftPath(taskId), {
      baseRevision: 1,
      values: { flag: 'abnormal' },
    });
    expect(tabA.status, tabA.text).toBe(200);
    expect(tabA.body.draft.revision).toBe(2);
    const tabB = await send(keisha, 'PUT', draftPath(taskId), {
      baseRevision: 1,
      values: { flag: 'critical' },
    });
    expect(tabB.status, tabB.text).toBe(409);
    expect(tabB.body.error.code).toBe('TASK_DRAFT_NEWER');
    expect(tabB.body.error.details.draft).toMatchObject({ revision: 2, values: { flag: 'abnormal' } });
    expect((await t.store.getTaskDraft(taskId))?.values).toEqual({ flag: 'abnormal' });
  });

  it('of a burst of saves over one revision, released together, exactly one is kept and every other is told', async () => {
    const { taskId } = await verifyingByKeisha('DEMO-8106');
    expect(
      (await send(keisha, 'PUT', draftPath(taskId), { baseRevision: 0, values: { flag: 'normal' } })).status,
    ).toBe(200);
    const kinds = ['lab', 'pathology', 'imaging'];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        send(keisha, 'PUT', draftPath(taskId), {
          baseRevision: 1,
          values: { flag: 'abnormal', resultKind: kinds[i % 3]! },
          note: `tab ${i}`,
        }),
      ),
    );
    const won = answers.filter((a) => a.status === 200);
    const told = answers.filter((a) => a.status === 409);
    expect(won).toHaveLength(1);
    expect(told).toHaveLength(11);
    for (const a of told) {
      expect(a.body.error.code).toBe('TASK_DRAFT_NEWER');
      expect(a.body.error.details.draft.revision).toBe(2);
    }
    const kept = await t.store.getTaskDraft(taskId);
    expect(kept).toMatchObject({
      revision: 2,
      note: won[0]!.body.draft.note,
      values: won[0]!.body.draft.values,
    });
  });
});

describe('a draft when the task moves on', () => {
  it('is removed when the task is finished', async () => {
    const { taskId } = await verifyingByKeisha('DEMO-8107');
    expect(
      (await send(keisha, 'PUT', draftPath(taskId), { baseRevision: 0, values: { flag: 'normal' } })).status,
    ).toBe(200);
    const done = await send(keisha, 'POST', `${taskPath(taskId)}/complete`, {
      outcome: 'verified',
      data: { resultKind: 'lab', flag: 'normal', holdRequested: false },
    });
    expect(done.status, done.text).toBe(200);
    expect(await t.store.getTaskDraft(taskId)).toBeNull();
    const after = await send(keisha, 'GET', draftPath(taskId));
    expect(after.status, after.text).toBe(409);
    expect(after.body.error.code).toBe('TASK_CLOSED');
  });

  it('goes with a hand-off to the colleague, marked as the previous holder’s; the note sent with it is not kept twice', async () => {
    const { taskId } = await verifyingByKeisha('DEMO-8108');
    expect(
      (
        await send(keisha, 'PUT', draftPath(taskId), {
          baseRevision: 0,
          values: { flag: 'abnormal', resultKind: 'pathology' },
          note: 'Waiting for the lab to call back',
        })
      ).status,
    ).toBe(200);
    const handed = await send(keisha, 'POST', `${taskPath(taskId)}/hand-off`, {
      to: t.user('medical-assistant-2').id,
      note: 'Waiting for the lab to call back',
    });
    expect(handed.status, handed.text).toBe(200);

    const theirs = await send(sam, 'GET', draftPath(taskId));
    expect(theirs.status, theirs.text).toBe(200);
    expect(theirs.body.draft).toMatchObject({
      values: { flag: 'abnormal', resultKind: 'pathology' },
      note: '',
      savedBy: { id: t.user('medical-assistant').id },
    });
    const gone = await send(keisha, 'GET', draftPath(taskId));
    expect(gone.status, gone.text).toBe(409);
    expect(gone.body.error.code).toBe('NOT_YOURS');

    // Sam carries on from it; the draft is now Sam's.
    const on = await send(sam, 'PUT', draftPath(taskId), {
      baseRevision: theirs.body.draft.revision,
      values: { flag: 'abnormal', resultKind: 'pathology', holdRequested: true },
    });
    expect(on.status, on.text).toBe(200);
    expect(on.body.draft.savedBy.id).toBe(t.user('medical-assistant-2').id);
  });

  it('goes back to the pool with the task: nobody reads it there; whoever claims it next does', async () => {
    const { taskId } = await verifyingByKeisha('DEMO-8109');
    expect(
      (
        await send(keisha, 'PUT', draftPath(taskId), {
          baseRevision: 0,
          values: { flag: 'critical' },
          note: 'Half-way: the ordering provider is on leave',
          forNextRole: true,
        })
      ).status,
    ).toBe(200);
    expect((await send(keisha, 'POST', `${taskPath(taskId)}/release`)).status).toBe(200);

    const pooled = await send(sam, 'GET', draftPath(taskId));
    expect(pooled.status, pooled.text).toBe(409);
    expect(pooled.body.error.code).toBe('NOT_ASSIGNED');

    expect((await send(sam, 'POST', `${taskPath(taskId)}/claim`)).status).toBe(200);
    const theirs = await send(sam, 'GET', draftPath(taskId));
    expect(theirs.status, theirs.text).toBe(200);
    // Released without a note: the note typed stays in the draft for the next holder.
    expect(theirs.body.draft).toMatchObject({
      values: { flag: 'critical' },
      note: 'Half-way: the ordering provider is on leave',
      forNextRole: true,
      savedBy: { id: t.user('medical-assistant').id },
    });
  });

  it('in the pool, its list row and the task say a draft is kept, who typed it and when — never its answers', async () => {
    const { instanceId, taskId } = await verifyingByKeisha('DEMO-8110');
    const saved = await send(keisha, 'PUT', draftPath(taskId), {
      baseRevision: 0,
      values: { flag: 'abnormal' },
      note: 'Haemolysed sample, asked for a repeat',
    });
    expect(saved.status, saved.text).toBe(200);
    expect((await send(keisha, 'POST', `${taskPath(taskId)}/release`)).status).toBe(200);

    const keishaId = t.user('medical-assistant').id;
    const mark = {
      savedAt: saved.body.draft.savedAt,
      savedBy: { id: keishaId, displayName: expect.any(String) },
    };
    const pool = await send(sam, 'GET', '/api/tasks?scope=pool');
    expect(pool.status, pool.text).toBe(200);
    const row = pool.body.items.find((r: { id: string }) => r.id === taskId);
    expect(row.draft).toEqual(mark);
    // A pool task without a draft says none.
    const other = pool.body.items.find(
      (r: { id: string; instanceId: string }) => r.instanceId !== instanceId,
    );
    if (other) expect(other.draft ?? null).toBeNull();
    // Only that a draft is kept: none of what it holds is in the list.
    expect(pool.text).not.toMatch(/Haemolysed|abnormal/);

    const read = await send(sam, 'GET', taskPath(taskId));
    expect(read.status, read.text).toBe(200);
    expect(read.body.draft).toEqual(mark);
    expect(JSON.stringify(read.body.draft)).not.toMatch(/Haemolysed|abnormal/);
  });
});
