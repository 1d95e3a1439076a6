import { zonedIso } from '@portalflow/engine/text';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { type AuthHeaders, exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * The export an auditor hands a compliance officer: it says what the request was, on which workflow
 * version, how it ended, and each step in words (names, role titles, step titles, field labels, clinic
 * time), keeping the hash chain and its check. Read over a real socket, as the browser downloads it.
 */

const TRIAGE = 'portal-message-triage';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const CLINIC_TIME = /^\d{2}\/\d{2}\/\d{4} \d{1,2}:\d{2}:\d{2} (AM|PM) M[SD]T$/;

let t: TestApp;
let listener: Listener;
let auditor: AuthHeaders;
let instanceId: string;

async function download(format: 'csv' | 'json') {
  const res = await fetch(`${listener.base}/api/instances/${instanceId}/export?format=${format}`, {
    headers: auditor,
  });
  return { status: res.status, text: await res.text() };
}

/** One portal message: started, claimed by the medical assistant, sorted, answered by the nurse. */
beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  const [lead, assistant, nurse] = await Promise.all([
    t.login('lead'),
    t.login('medical-assistant'),
    t.login('triage-nurse'),
  ]);
  auditor = await t.login('auditor');
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: { definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), patient: 'DEMO-4242' } },
  });
  expect(started.status, started.text).toBe(201);
  instanceId = started.body.instance.id;
  const sort = `/api/tasks/${encodeURIComponent(started.body.instance.active[0].taskId)}`;
  t.clock.advance('PT5M');
  expect((await t.call('POST', `${sort}/claim`, { as: assistant })).status).toBe(200);
  t.clock.advance('PT5M');
  const sorted = await t.call('POST', `${sort}/complete`, {
    as: assistant,
    body: { outcome: 'sorted', data: { topic: 'medical-question', redFlags: false } },
  });
  expect(sorted.status, sorted.text).toBe(200);
  const review = `/api/tasks/${encodeURIComponent(sorted.body.instance.active[0].taskId)}`;
  t.clock.advance('PT5M');
  expect((await t.call('POST', `${review}/claim`, { as: nurse })).status).toBe(200);
  t.clock.advance('PT5M');
  const answered = await t.call('POST', `${review}/complete`, { as: nurse, body: { outcome: 'answered' } });
  expect(answered.status, answered.text).toBe(200);
  expect(answered.body.instance.status).toBe('done');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('the CSV a compliance officer reads', () => {
  let about: Map<string, string>;
  let header: string[];
  let rows: string[][];
  const cell = (row: string[], name: string) => row[header.indexOf(name)] ?? '';

  beforeAll(async () => {
    const r = await download('csv');
    expect(r.status).toBe(200);
    const lines = parseCsv(r.text.replace(/^\uFEFF/, ''));
    const blank = lines.findIndex((l) => l.every((c) => c === ''));
    expect(blank).toBeGreaterThan(0);
    about = new Map(lines.slice(0, blank).map((l) => [l[0]!, l[1] ?? '']));
    [header, ...rows] = lines.slice(blank + 1) as [string[], ...string[][]];
  });

  it('opens with what the request was, its workflow version and how it ended', () => {
    expect(about.get('Request')).toContain('DEMO-4242');
    expect(about.get('Patient reference')).toBe('DEMO-4242');
    expect(about.get('Workflow')).toBe('Patient portal message triage, version 1');
    expect(about.get('Status')).toBe('Done');
    expect(about.get('How it ended')).toBe('Ended at “Answered” with outcome Answered');
    expect(about.get('Started')).toMatch(CLINIC_TIME);
    expect(about.get('Ended')).toMatch(CLINIC_TIME);
    expect(about.get('Time zone')).toBe('America/Denver');
    expect(about.get('Hash chain')).toMatch(/^Verified: 5 events/);
  });

  it('says each step in words: who by name and role title, what, the step title, fields by label', () => {
    expect(header).toEqual([
      'when',
      'who',
      'role',
      'what',
      'step',
      'changes',
      'version',
      'when (ISO)',
      'seq',
      'hash',
      'person id',
      'role id',
      'event code',
    ]);
    const assistant = t.user('medical-assistant');
    const claim = rows.find((r) => cell(r, 'seq') === '2')!;
    expect(cell(claim, 'what')).toBe('Claimed');
    expect(cell(claim, 'step')).toBe('Sort the portal message');
    expect(cell(claim, 'who')).toBe(assistant.displayName);
    expect(cell(claim, 'role')).toBe('Medical assistant (care-team pool)');
    expect(cell(claim, 'changes')).toBe(`Assigned to: (none) → ${assistant.displayName}`);
    expect(cell(claim, 'person id')).toBe(assistant.id);
    expect(cell(claim, 'event code')).toBe('reassign');

    const sorted = rows.find((r) => cell(r, 'seq') === '3')!;
    expect(cell(sorted, 'what')).toBe('Completed with “Sorted”');
    expect(cell(sorted, 'changes')).toContain('Topic: (none) → medical-question');
    expect(cell(sorted, 'changes')).toContain('Mentions red-flag symptoms: (none) → No');
    // The next step opened with its due time: named by its title.
    expect(cell(sorted, 'changes')).toMatch(
      /Due on “Answer the clinical question or route it to the provider”: \(none\) → \d{2}\/\d{2}\/\d{4} /,
    );

    // Words only where people read: no step ids, data keys or account ids before the id columns.
    for (const row of rows) {
      const words = row.slice(0, header.indexOf('when (ISO)')).join(' ');
      expect(words).not.toMatch(UUID);
      expect(words).not.toContain('data.');
      expect(words).not.toContain('sort-message');
      expect(words).not.toContain('∅');
      expect(cell(row, 'when')).toMatch(CLINIC_TIME);
      expect(cell(row, 'version')).toBe('1');
    }
  });

  it('gives each time in the clinic zone, 12-hour, with the exact ISO time beside it, and keeps the chain', async () => {
    const events = await t.store.listEvents(instanceId);
    for (const event of events) {
      const row = rows.find((r) => cell(r, 'seq') === String(event.seq))!;
      expect(cell(row, 'when (ISO)')).toBe(zonedIso(event.at, 'America/Denver'));
      expect(cell(row, 'hash')).toBe(event.hash);
    }
  });

  it('ends with how the request ended', () => {
    const last = rows.at(-1)!;
    expect(cell(last, 'what')).toBe('Ended at “Answered” with outcome Answered');
    expect(cell(last, 'seq')).toBe('');
  });

  it('is logged as a read of the patient’s data', async () => {
    const log = await t.store.listAccess({ instanceId, limit: 500 });
    expect(
      log.items.some((a) => a.userId === t.user('auditor').id && a.detail === 'export csv with values'),
    ).toBe(true);
  });
});

describe('the JSON for machines', () => {
  it('keeps the codes and adds the words: the request, how it ended and each row', async () => {
    const r = await download('json');
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(body.instance).toMatchObject({ id: instanceId, definitionId: TRIAGE, version: 1 });
    expect(body.request).toMatchObject({
      patientReference: 'DEMO-4242',
      workflow: 'Patient portal message triage',
      version: 1,
      status: 'done',
      statusWords: 'Done',
      end: { step: 'closed-resolved', outcome: 'answered' },
      ended: 'Ended at “Answered” with outcome Answered',
      timeZone: 'America/Denver',
    });
    expect(body.request.subject).toContain('DEMO-4242');
    expect(body.events).toHaveLength(5);
    expect(body.timeline[1].type).toBe('reassign');
    expect(body.rows.find((row: { seq: number | null }) => row.seq === 2)).toMatchObject({
      what: 'Claimed',
      step: 'Sort the portal message',
      who: t.user('medical-assistant').displayName,
      personId: t.user('medical-assistant').id,
      event: 'reassign',
    });
    expect(body.rows.at(-1)).toMatchObject({ what: 'Ended at “Answered” with outcome Answered', seq: null });
    expect(body.verify).toMatchObject({ ok: true, count: 5 });
  });
});
