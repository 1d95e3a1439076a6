import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, REFILL_PREPARED, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * Notes belong to the request, not one task: a note written at completion is read by the next role,
 * comments from any step are gathered in "History so far", edits keep old → new, and the auditor reads
 * them on the timeline and in both exports. All over a real listener and a real libSQL file.
 */

const REFILL = 'prescription-refill';
const FORM = { patient: 'DEMO-5001', medication: 'lisinopril', pharmacy: 'Main St' };
const PREPARED = REFILL_PREPARED;
const NOTE = 'Patient asked for a 90-day supply; pharmacy confirmed stock.';

let t: TestApp;
let listener: Listener;
let frontDesk: AuthHeaders;
let coordinator: AuthHeaders;
let provider: AuthHeaders;
let auditor: AuthHeaders;
let billing: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  frontDesk = await t.login('front-desk');
  coordinator = await t.login('refill-coordinator');
  provider = await t.login('provider');
  auditor = await t.login('auditor');
  billing = await t.login('billing-specialist');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

async function send(
  as: AuthHeaders,
  method: string,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of every route
): Promise<{ status: number; body: any; text: string }> {
  const init: RequestInit = { method, headers: { ...as } };
  if (body !== undefined) {
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`${listener.base}${path}`, init);
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, text };
}

/** A refill started by the front desk; returns the instance and its first (coordinator) task id. */
async function startRefill(data: Record<string, unknown> = FORM) {
  const started = await send(frontDesk, 'POST', '/api/requests', { definitionId: REFILL, data });
  expect(started.status, started.text).toBe(201);
  const instanceId: string = started.body.instance.id;
  const tasks = await t.store.listInstanceTasks(instanceId);
  return { instanceId, taskId: tasks.find((x) => x.status === 'open')!.id };
}

/** The coordinator claims and completes the first step with a note; returns the provider's task id. */
async function prepare(taskId: string, note: Record<string, unknown>) {
  const claimed = await send(coordinator, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/claim`);
  expect(claimed.status, claimed.text).toBe(200);
  const done = await send(coordinator, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, {
    outcome: 'prepared',
    data: PREPARED,
    ...note,
  });
  expect(done.status, done.text).toBe(200);
  const instanceId = taskId.slice(0, taskId.lastIndexOf(':'));
  const next = (await t.store.listInstanceTasks(instanceId)).find((x) => x.status === 'open');
  expect(next?.role).toBe('provider');
  return next!.id;
}

describe('a note written at completion', () => {
  it("is visible in the next role's task, with who, role, when and the step's title", async () => {
    const { taskId } = await startRefill();
    const next = await prepare(taskId, { note: NOTE, forNextRole: true });
    const read = await send(provider, 'GET', `/api/tasks/${encodeURIComponent(next)}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body.notes).toHaveLength(1);
    const [note] = read.body.notes;
    expect(note).toMatchObject({
      body: NOTE,
      kind: 'completion',
      forNextRole: true,
      authorId: t.user('refill-coordinator').id,
      authorRole: 'refill-coordinator',
      step: 'review-request',
      stepTitle: 'Prepare the refill request for review',
      edits: [],
    });
    expect(typeof note.at).toBe('string');
  });

  it("comes with the request's declared fields: the start form first, then each step's, with labels", async () => {
    const { taskId } = await startRefill();
    const next = await prepare(taskId, { note: NOTE });
    const read = await send(provider, 'GET', `/api/tasks/${encodeURIComponent(next)}`);
    expect(read.status, read.text).toBe(200);
    const definition = (await t.store.getVersion(REFILL))!.definition;
    const startForm = definition.intake!.form!.map((f) => f.id);
    const ids: string[] = read.body.fields.map((f: { id: string }) => f.id);
    expect(ids.slice(0, startForm.length)).toEqual(startForm);
    expect(new Set(ids).size).toBe(ids.length);
    // Every value the coordinator recorded has its form label.
    for (const key of Object.keys(PREPARED)) expect(ids).toContain(key);
    const labs = read.body.fields.find((f: { id: string }) => f.id === 'labsCurrent');
    expect(labs.label).not.toBe('labsCurrent');
  });

  it('is not written when the completion loses (a second complete of the same task is 409)', async () => {
    const { instanceId, taskId } = await startRefill();
    await prepare(taskId, { note: 'first' });
    const again = await send(coordinator, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, {
      outcome: 'prepared',
      data: PREPARED,
      note: 'second',
    });
    expect(again.status).toBe(409);
    const notes = await t.store.listNoteRevisions(instanceId);
    expect(notes.map((n) => n.body)).toEqual(['first']);
  });
});

describe('notes on the request', () => {
  it('a burst of notes released together from several people loses none', async () => {
    const { instanceId, taskId } = await startRefill();
    const writers = [frontDesk, coordinator, await t.login('lead')];
    const burst = Array.from({ length: 30 }, (_, k) =>
      send(writers[k % writers.length]!, 'POST', `/api/instances/${instanceId}/notes`, {
        body: `burst note ${k}`,
        ...(k % writers.length === 1 ? { taskId } : {}),
      }),
    );
    const answers = await Promise.all(burst);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const listed = await send(coordinator, 'GET', `/api/instances/${instanceId}/notes`);
    expect(listed.status).toBe(200);
    expect(listed.body.notes.map((n: { body: string }) => n.body).sort()).toEqual(
      Array.from({ length: 30 }, (_, k) => `burst note ${k}`).sort(),
    );
    // Written on the coordinator's task: the step is named; written on the request alone: no step.
    const onTask = listed.body.notes.find((n: { body: string }) => n.body === 'burst note 1');
    expect(onTask).toMatchObject({ step: 'review-request', authorRole: 'refill-coordinator' });
  });

  it('an edit keeps old → new; of two racing edits of one revision, one wins and one is told', async () => {
    const { instanceId } = await startRefill();
    const added = await send(coordinator, 'POST', `/api/instances/${instanceId}/notes`, {
      body: 'Pharmacy closed until 2 pm',
    });
    expect(added.status, added.text).toBe(201);
    const id = added.body.note.id;
    const [a, b] = await Promise.all([
      send(coordinator, 'PATCH', `/api/instances/${instanceId}/notes/${id}`, {
        body: 'Pharmacy closed until 3 pm',
        revision: 1,
      }),
      send(coordinator, 'PATCH', `/api/instances/${instanceId}/notes/${id}`, {
        body: 'Pharmacy open again',
        revision: 1,
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    const won = a.status === 200 ? a : b;
    expect(lost.body.error.code).toBe('NOTE_CHANGED');
    expect(won.body.note.edits).toEqual([
      expect.objectContaining({ revision: 2, from: 'Pharmacy closed until 2 pm', to: won.body.note.body }),
    ]);
    // Someone else's note is not theirs to edit, and the stored trail is unchanged by the refusal.
    const other = await send(frontDesk, 'PATCH', `/api/instances/${instanceId}/notes/${id}`, {
      body: 'rewritten',
      revision: 2,
    });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('NOT_NOTE_AUTHOR');
    expect((await t.store.listNoteRevisions(instanceId)).map((r) => r.body)).toEqual([
      'Pharmacy closed until 2 pm',
      won.body.note.body,
    ]);
  });

  it('bad input gets a code and a message and stores nothing', async () => {
    const { instanceId } = await startRefill();
    const empty = await send(coordinator, 'POST', `/api/instances/${instanceId}/notes`, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    const foreign = await send(coordinator, 'POST', `/api/instances/${instanceId}/notes`, {
      body: 'x',
      taskId: 'not-a-task:1',
    });
    expect(foreign.status).toBe(404);
    expect(await t.store.listNoteRevisions(instanceId)).toEqual([]);
  });

  it('only people who may see the request read or add notes; auditors read only; every try is logged', async () => {
    const { instanceId } = await startRefill();
    await send(coordinator, 'POST', `/api/instances/${instanceId}/notes`, { body: 'Called the pharmacy' });
    const stranger = await send(billing, 'GET', `/api/instances/${instanceId}/notes`);
    expect(stranger.status).toBe(403);
    const strangerAdd = await send(billing, 'POST', `/api/instances/${instanceId}/notes`, { body: 'hi' });
    expect(strangerAdd.status).toBe(403);
    const audit = await send(auditor, 'GET', `/api/instances/${instanceId}/notes`);
    expect(audit.status).toBe(200);
    const auditAdd = await send(auditor, 'POST', `/api/instances/${instanceId}/notes`, { body: 'hi' });
    expect(auditAdd.status).toBe(403);
    expect((await t.store.listNoteRevisions(instanceId)).map((r) => r.body)).toEqual(['Called the pharmacy']);
    const log = (await t.store.listAccess({ instanceId, limit: 100 })).items;
    const notesRows = log.filter((r) => r.detail === 'notes' || r.detail === 'note');
    expect(notesRows.map((r) => [r.userId, r.outcome, r.detail])).toEqual(
      expect.arrayContaining([
        [t.user('billing-specialist').id, 'deny', 'notes'],
        [t.user('billing-specialist').id, 'deny', 'note'],
        [t.user('auditor').id, 'allow', 'notes'],
        [t.user('auditor').id, 'deny', 'note'],
        [t.user('refill-coordinator').id, 'allow', 'note'],
      ]),
    );
    // The route pattern, never the URL with its values: the access log reads it back in words.
    expect(notesRows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['GET /api/instances/:id/notes', 'POST /api/instances/:id/notes']),
    );
  });

  it('note text never reaches the access log, the live-update feed or the server log', async () => {
    const secret = 'Patient mentioned chest pain on the phone';
    const { instanceId, taskId } = await startRefill();
    await send(coordinator, 'POST', `/api/instances/${instanceId}/notes`, { body: secret });
    await prepare(taskId, { note: `${secret} (completion)`, forNextRole: true });
    const raw = createClient({ url: t.dbUrl });
    try {
      const feed = await raw.execute('SELECT message FROM change_feed');
      expect(feed.rows.map((r) => String(r.message)).join('\n')).not.toContain('chest pain');
      const access = await raw.execute('SELECT * FROM access_log');
      expect(JSON.stringify(access.rows)).not.toContain('chest pain');
      // The completion no longer copies the note into the event: it lives in the request's notes.
      const events = await raw.execute({
        sql: 'SELECT payload FROM events WHERE instance_id = ?',
        args: [instanceId],
      });
      expect(JSON.stringify(events.rows)).not.toContain('chest pain');
    } finally {
      raw.close();
    }
    expect(t.logs.join('\n')).not.toContain('chest pain');
  });
});

describe('the auditor', () => {
  it('reads the notes with the history, and in the CSV and JSON exports, edits old → new', async () => {
    const { instanceId, taskId } = await startRefill();
    await prepare(taskId, { note: NOTE, forNextRole: true });
    const [note] = (await send(coordinator, 'GET', `/api/instances/${instanceId}/notes`)).body.notes;
    const edited = await send(coordinator, 'PATCH', `/api/instances/${instanceId}/notes/${note.id}`, {
      body: `${NOTE} Supply limited to 30 days.`,
      revision: 1,
    });
    expect(edited.status, edited.text).toBe(200);

    // A note's words come with the history's values (a read of patient data).
    const history = await send(auditor, 'GET', `/api/instances/${instanceId}/history?values=true`);
    expect(history.status).toBe(200);
    expect(history.body.notes).toEqual([
      expect.objectContaining({
        body: `${NOTE} Supply limited to 30 days.`,
        stepTitle: 'Prepare the refill request for review',
        edits: [expect.objectContaining({ from: NOTE, to: `${NOTE} Supply limited to 30 days.` })],
      }),
    ]);

    const json = await send(auditor, 'GET', `/api/instances/${instanceId}/export?format=json`);
    expect(json.status).toBe(200);
    expect(json.body.notes).toEqual(history.body.notes);

    const csv = await send(auditor, 'GET', `/api/instances/${instanceId}/export?format=csv`);
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split(/\r?\n/);
    const noteLine = lines.find((l) => l.endsWith(',note'));
    expect(noteLine).toContain(`Completion note (for the next role): ${NOTE}`);
    expect(noteLine).toContain('Prepare the refill request for review');
    const editLine = lines.find((l) => l.endsWith(',note-edited'));
    expect(editLine).toContain(`Note: ${NOTE} → ${NOTE} Supply limited to 30 days.`);
    // In time order: the note comes after the start and the completion it was written with.
    expect(lines.findIndex((l) => l.endsWith(',note'))).toBeGreaterThan(
      lines.findIndex((l) => l.endsWith(',complete')),
    );
  });
});
