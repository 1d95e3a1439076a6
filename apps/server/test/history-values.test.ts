import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * A history names the fields each event changed; their values (what the patient wrote, the patient
 * reference, the form answers) come only when asked for with `?values=true`, and that read is in the
 * access log as the read of patient data it is. The audit screen's timeline reveals them on purpose.
 * Staff's own words go with the values: notes, completion notes, the reasons given for a reassignment,
 * a removed file or a cancellation, and the names of attached files all tell about the patient.
 */
const TRIAGE = 'portal-message-triage';
const PATIENT = 'DEMO-4343';
const SUBJECT = 'Dizzy since the new pills';
const COMPLETION_NOTE = 'Mrs Alvarez started lisinopril on Monday';
const NOTE = 'Called Mrs Alvarez back, no answer';
const EDITED_NOTE = 'Called Mrs Alvarez back twice, no answer';
const REASSIGN_REASON = 'Mrs Alvarez asked for nurse Kim';
const FILE_NAME = 'alvarez-blood-pressure-log.pdf';
const REMOVE_REASON = 'Belongs to Mrs Alvarez’s sister';
const CANCEL_REASON = 'Mrs Alvarez went to the emergency room';
/** Everything above that tells about the patient: none of it before the reveal. */
const PATIENT_WORDS = [
  PATIENT,
  SUBJECT,
  'medical-question',
  'Alvarez',
  COMPLETION_NOTE,
  NOTE,
  EDITED_NOTE,
  REASSIGN_REASON,
  FILE_NAME,
  REMOVE_REASON,
  CANCEL_REASON,
];
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

let t: TestApp;
let auditor: AuthHeaders;
let lead: AuthHeaders;
let sorter: AuthHeaders;
let billing: AuthHeaders;
let instanceId: string;

beforeAll(async () => {
  t = await makeApp();
  [auditor, lead, sorter, billing] = await Promise.all([
    t.login('auditor'),
    t.login('lead'),
    t.login('medical-assistant'),
    t.login('billing-specialist'),
  ]);
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: SUBJECT, patient: PATIENT } },
  });
  expect(started.status, started.text).toBe(201);
  instanceId = started.body.instance.id;
  const taskPath = `/api/tasks/${encodeURIComponent(started.body.instance.active[0].taskId)}`;
  expect((await t.call('POST', `${taskPath}/claim`, { as: sorter })).status).toBe(200);
  const done = await t.call('POST', `${taskPath}/complete`, {
    as: sorter,
    body: { outcome: 'sorted', data: { topic: 'medical-question', redFlags: false }, note: COMPLETION_NOTE },
  });
  expect(done.status, done.text).toBe(200);

  // The nurse's task: handed to a nurse with a reason, a note written and edited, a file attached and
  // taken off again, and the request cancelled with a reason.
  const nurse = await t.login('triage-nurse');
  const review = (await t.store.listInstanceTasks(instanceId)).find((x) => x.status === 'open')!;
  const reviewPath = `/api/tasks/${encodeURIComponent(review.id)}`;
  const handed = await t.call('POST', `${reviewPath}/reassign`, {
    as: lead,
    body: { assignee: t.user('triage-nurse').id, reason: REASSIGN_REASON },
  });
  expect(handed.status, handed.text).toBe(200);
  const note = await t.call('POST', `/api/instances/${instanceId}/notes`, {
    as: nurse,
    body: { body: NOTE, taskId: review.id },
  });
  expect(note.status, note.text).toBe(201);
  const edited = await t.call('PATCH', `/api/instances/${instanceId}/notes/${note.body.note.id}`, {
    as: nurse,
    body: { body: EDITED_NOTE, revision: 1 },
  });
  expect(edited.status, edited.text).toBe(200);
  const file = new FormData();
  file.append('file', new Blob([PDF]), FILE_NAME);
  file.append('taskId', review.id);
  const attached = await t.app.request(`/api/instances/${instanceId}/attachments`, {
    method: 'POST',
    headers: nurse,
    body: file,
  });
  expect(attached.status, await attached.clone().text()).toBe(201);
  const attachmentId = ((await attached.json()) as { attachment: { id: string } }).attachment.id;
  const removed = await t.call('POST', `/api/instances/${instanceId}/attachments/${attachmentId}/remove`, {
    as: nurse,
    body: { reason: REMOVE_REASON },
  });
  expect(removed.status, removed.text).toBe(200);
  const cancelled = await t.call('POST', `/api/instances/${instanceId}/cancel`, {
    as: lead,
    body: { reason: CANCEL_REASON },
  });
  expect(cancelled.status, cancelled.text).toBe(200);
});
afterAll(() => t?.close());

/** The access-log rows written by one request. */
async function rowsOf(send: () => Promise<ApiResponse>) {
  const mark = Math.max(0, ...(await t.store.listAccess({ limit: 1000 })).items.map((r) => r.id));
  const res = await send();
  const rows = (await t.store.listAccess({ limit: 1000 })).items.filter((r) => r.id > mark);
  return { res, rows };
}

type Change = { field: string; from?: unknown; to?: unknown };
type Entry = { type: string; summary: string; reason?: string; reasonHidden?: true };

describe('a history without its values', () => {
  it('names the fields that changed and sends none of their values', async () => {
    const { res, rows } = await rowsOf(() =>
      t.call('GET', `/api/instances/${instanceId}/history`, { as: auditor }),
    );
    expect(res.status).toBe(200);
    const { body, text } = res;
    expect(body.values).toBe(false);
    for (const value of PATIENT_WORDS) expect(text).not.toContain(value);
    const started: Change[] = body.timeline[0].changes;
    const data = started.filter((c) => c.field.startsWith('data.'));
    expect(data.map((c) => c.field)).toEqual(expect.arrayContaining(['data.patient', 'data.subject']));
    for (const change of data) {
      expect(change).not.toHaveProperty('from');
      expect(change).not.toHaveProperty('to');
    }
    // What is not patient data stays: who holds the task, when it is due, the outcome.
    expect(body.timeline[0].changes).toContainEqual(expect.objectContaining({ field: 'due' }));
    expect(body.timeline[2].changes).toContainEqual(
      expect.objectContaining({ field: 'outcome', to: 'sorted' }),
    );
    expect(body.events[0].payload).not.toHaveProperty('data');
    expect(body.events[0].payload.type).toBe('start');
    expect(body.instance).not.toHaveProperty('data');
    expect(rows.map((r) => [r.action, r.dataCategory, r.outcome, r.detail])).toEqual([
      ['GET /api/instances/:id/history', 'history', 'allow', 'history'],
    ]);
  });

  it('says a note, a reason or a file was there, without its words or name', async () => {
    const { body } = await t.call('GET', `/api/instances/${instanceId}/history`, { as: auditor });
    // Notes: who wrote which kind on which step, and when each edit was made.
    expect(body.notes).toHaveLength(2);
    const [completion, comment] = body.notes;
    expect(completion).toMatchObject({ kind: 'completion', stepTitle: 'Sort the portal message' });
    expect(comment).toMatchObject({ kind: 'comment', authorId: t.user('triage-nurse').id });
    for (const note of body.notes) expect(note).not.toHaveProperty('body');
    expect(comment.edits).toHaveLength(1);
    expect(comment.edits[0]).toMatchObject({ revision: 2, authorId: t.user('triage-nurse').id });
    expect(comment.edits[0]).not.toHaveProperty('from');
    expect(comment.edits[0]).not.toHaveProperty('to');
    // Files: their kind, size and hash, and that one was taken off, by whom and when.
    expect(body.attachments).toHaveLength(1);
    const [file] = body.attachments;
    expect(file).toMatchObject({ type: 'application/pdf', bytes: PDF.byteLength });
    expect(file).not.toHaveProperty('name');
    expect(file.removed).toMatchObject({ by: t.user('triage-nurse').id });
    expect(file.removed).not.toHaveProperty('reason');
    // Reasons: the event says one was given.
    const timeline: Entry[] = body.timeline;
    const reassign = timeline.find((e) => e.type === 'reassign' && e.summary.startsWith('reassigned'))!;
    expect(reassign).toMatchObject({ reasonHidden: true });
    expect(reassign).not.toHaveProperty('reason');
    const cancel = timeline.find((e) => e.type === 'cancel')!;
    expect(cancel).toMatchObject({ summary: 'cancelled with a reason', reasonHidden: true });
    for (const event of body.events) {
      expect(event.payload).not.toHaveProperty('reason');
      expect(event.payload).not.toHaveProperty('note');
    }
  });

  it('replays the state at an event without its data', async () => {
    const { res, rows } = await rowsOf(() =>
      t.call('GET', `/api/instances/${instanceId}/replay?at=1`, { as: auditor }),
    );
    const { body, text } = res;
    expect(res.status).toBe(200);
    for (const value of PATIENT_WORDS) expect(text).not.toContain(value);
    expect(body.instance.active).toHaveLength(1);
    expect(body.instance).not.toHaveProperty('data');
    expect(rows.map((r) => [r.dataCategory, r.detail])).toEqual([['history', 'replay 1']]);
  });
});

describe('a history with its values', () => {
  it('sends the old → new values and logs the read as a read of patient data', async () => {
    const { res, rows } = await rowsOf(() =>
      t.call('GET', `/api/instances/${instanceId}/history?values=true`, { as: auditor }),
    );
    const { body } = res;
    expect(res.status).toBe(200);
    expect(body.values).toBe(true);
    expect(body.timeline[0].changes).toContainEqual(
      expect.objectContaining({ field: 'data.patient', from: null, to: PATIENT }),
    );
    expect(body.events[0].payload.data).toMatchObject({ patient: PATIENT });
    expect(body.instance.data).toMatchObject({ patient: PATIENT, topic: 'medical-question' });
    expect(rows.map((r) => [r.action, r.instanceId, r.dataCategory, r.outcome, r.detail])).toEqual([
      ['GET /api/instances/:id/history', instanceId, 'phi', 'allow', 'history with values'],
    ]);
  });

  it('sends the notes, reasons and file names with the values', async () => {
    const { body } = await t.call('GET', `/api/instances/${instanceId}/history?values=true`, {
      as: auditor,
    });
    expect(body.notes.map((n: { body: string }) => n.body)).toEqual([COMPLETION_NOTE, EDITED_NOTE]);
    expect(body.notes[1].edits[0]).toMatchObject({ from: NOTE, to: EDITED_NOTE });
    expect(body.attachments[0]).toMatchObject({ name: FILE_NAME, removed: { reason: REMOVE_REASON } });
    const timeline: Entry[] = body.timeline;
    expect(timeline.find((e) => e.type === 'reassign' && e.reason)).toMatchObject({
      reason: REASSIGN_REASON,
    });
    expect(timeline.find((e) => e.type === 'cancel')).toMatchObject({
      summary: `cancelled: ${CANCEL_REASON}`,
    });
    for (const entry of timeline) expect(entry).not.toHaveProperty('reasonHidden');
    expect(body.events.find((e: { type: string }) => e.type === 'cancel').payload.reason).toBe(CANCEL_REASON);
  });

  it('replays the data at an event when asked, as a read of patient data', async () => {
    const { res, rows } = await rowsOf(() =>
      t.call('GET', `/api/instances/${instanceId}/replay?at=1&values=true`, { as: auditor }),
    );
    const { body } = res;
    expect(body.instance.data).toMatchObject({ patient: PATIENT });
    expect(body.instance.data).not.toHaveProperty('topic');
    expect(rows.map((r) => [r.dataCategory, r.detail])).toEqual([['phi', 'replay 1 with values']]);
  });

  it('a refused read of the values is a refused read of patient data', async () => {
    const { res, rows } = await rowsOf(() =>
      t.call('GET', `/api/instances/${instanceId}/history?values=true`, { as: billing }),
    );
    expect(res.status).toBe(403);
    expect(rows.map((r) => [r.dataCategory, r.outcome, r.detail])).toEqual([
      ['phi', 'deny', 'history with values'],
    ]);
  });

  it('staff working the request read its history with the values', async () => {
    const res = await t.call('GET', `/api/instances/${instanceId}/history?values=true`, { as: sorter });
    expect(res.status).toBe(200);
    for (const value of [PATIENT, COMPLETION_NOTE, EDITED_NOTE, FILE_NAME, CANCEL_REASON])
      expect(res.text).toContain(value);
  });
});
