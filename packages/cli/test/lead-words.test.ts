// `simulate` and `replay` speak a lead's words: step titles, role titles, names, how a request ended,
// times in the clinic's zone on a 12-hour clock (UTC said so when no clinic calendar is known).
// The real bin, on a real libSQL file prepared with the store.

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Definition, type EngineEvent, parseDefinition, transition } from '@portalflow/engine';
import { GENESIS_HASH, openStore, projectEffects, type Store } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binArgs } from './support/bin.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const examples = new URL('../../../examples/', import.meta.url).pathname;

const cli = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [...binArgs, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '', PORTALFLOW_TIME_ZONE: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('portalflow simulate in a lead’s words', () => {
  it('names steps by title, says which deadline passed and where the request ended, in clinic time', () => {
    const r = cli([
      'simulate',
      fixture('simple.yaml'),
      '--events',
      fixture('simple-ok.json'),
      '--calendar',
      `${examples}calendar.json`,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    // 09:00 in Denver, on a 12-hour clock with the zone.
    expect(r.out).toContain('Mon, Mar 2, 9:00 AM MST');
    expect(r.out).not.toMatch(/\b09:00\b/);
    expect(r.out).toContain('Completed “Check the refill request” with “Route” (Nurse)');
    expect(r.out).toContain('open: “Decide on the refill” (Provider, due Tue, Mar 3, 9:00 AM MST)');
    expect(r.out).toContain('Deadline passed on “Decide on the refill”');
    expect(r.out).toContain('Ended at “Done” with outcome Answered');
    expect(r.out).toContain('not taken: “Check the refill request” → Approve');
    for (const code of ['timer 2.deadline', 'instance ended', 'complete review', 'provider-review ('])
      expect(r.out).not.toContain(code);
  });

  it('says UTC when no clinic calendar is given', () => {
    const r = cli(['simulate', fixture('simple.yaml'), '--events', fixture('simple-ok.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Mon, Mar 2, 4:00 PM UTC');
  });

  it('--json keeps the machine output: ids and ISO times', () => {
    const r = cli(['simulate', fixture('simple.yaml'), '--events', fixture('simple-ok.json'), '--json']);
    const out = JSON.parse(r.out);
    expect(out.runs[0].steps[1].event).toEqual({
      type: 'complete',
      step: 'review',
      outcome: 'route',
      role: 'nurse',
    });
    expect(out.runs[0].steps[0].at).toBe('2026-03-02T16:00:00.000Z');
  });
});

const refill: Definition = parseDefinition({
  id: 'refill',
  title: 'Prescription refill',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'nurse', name: 'Triage nurse' },
  ],
  start: 'intake',
  intake: { roles: ['front-desk'], form: [{ id: 'patient', label: 'Patient', type: 'text' }] },
  subject: '{patient}',
  steps: {
    intake: { type: 'task', role: 'front-desk', title: 'Check the request', outcomes: { ok: 'review' } },
    review: {
      type: 'task',
      role: 'nurse',
      title: 'Review the refill',
      outcomes: { approved: 'refilled', declined: 'not-refilled' },
    },
    refilled: { type: 'end', title: 'Refilled', outcome: 'refilled' },
    'not-refilled': { type: 'end', title: 'Not refilled', outcome: 'declined' },
  },
});

const ONE = '5a1c0e5e-0000-4000-8000-000000000001';
const TWO = '7b2d1f6f-0000-4000-8000-000000000002';
const THREE = '7b2d9999-0000-4000-8000-000000000003';
const ROSA = 'a0000000-0000-4000-8000-00000000000a';

async function record(store: Store, id: string, events: EngineEvent[], actor: string | null) {
  let snapshot = null;
  let revision = 0;
  let prevHash = GENESIS_HASH;
  for (const [i, event] of events.entries()) {
    const at = `2026-03-02T16:0${i}:00.000Z`;
    const r = transition(refill, snapshot, event, at);
    if (!r.ok) throw r.error;
    const c = await store.commitInstanceChange({
      instanceId: id,
      expectedRevision: revision,
      ...(revision === 0 ? { create: { definitionId: 'refill', version: 1, startedBy: actor } } : {}),
      event: { at, actor, role: 'nurse', type: event.type, payload: event, prevHash },
      snapshot: r.snapshot,
      ...projectEffects(r.effects, { definition: refill, snapshot: r.snapshot, at }),
    });
    if (!c.ok) throw new Error(c.reason);
    snapshot = r.snapshot;
    revision = c.revision;
    prevHash = c.hash;
  }
}

let dir: string;
let url: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pf-cli-words-'));
  url = `file:${join(dir, 'pf.db')}`;
  const store = await openStore({ url });
  const saved = await store.saveDraft({
    id: 'refill',
    title: refill.title,
    definition: refill,
    expectedRevision: 0,
    updatedBy: null,
  });
  if (!saved.ok) throw new Error('save');
  if (!(await store.publish({ definitionId: 'refill', publishedBy: null })).ok) throw new Error('publish');
  const made = await store.createUser({
    id: ROSA,
    username: 'rosa',
    passwordHash: 'x',
    displayName: 'Rosa Diaz',
    roles: ['nurse'],
  });
  if (!made.ok) throw new Error(made.reason);
  const finished: EngineEvent[] = [
    { type: 'start', data: { patient: 'DEMO-5016' } },
    { type: 'complete', step: 'intake', outcome: 'ok', role: 'front-desk' },
    { type: 'complete', step: 'review', outcome: 'approved', role: 'nurse' },
  ];
  await record(store, ONE, finished, ROSA);
  await record(store, TWO, [{ type: 'start', data: { patient: 'DEMO-5020' } }], ROSA);
  await record(store, THREE, [{ type: 'start', data: { patient: 'DEMO-5020' } }], ROSA);
  await store.close();
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('portalflow replay in a lead’s words', () => {
  it('takes a patient reference, names who acted and how the request ended, in the clinic’s zone', () => {
    const r = cli(['replay', 'DEMO-5016', '--db', url], { PORTALFLOW_TIME_ZONE: 'America/Denver' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Request ${ONE}`);
    expect(r.out).toContain('Prescription refill, version 1');
    expect(r.out).toContain('Status: Done — Ended at “Refilled” with outcome Refilled');
    expect(r.out).toContain('Completed “Review the refill” with “Approved”');
    expect(r.out).toContain('Rosa Diaz (Triage nurse)');
    expect(r.out).toContain('Mon, Mar 2, 9:02 AM MST');
    expect(r.out).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(r.out).not.toContain(ROSA);
    expect(r.out).toContain('✓ hash chain verifies');
  });

  it('says UTC when no clinic calendar is known', () => {
    const r = cli(['replay', ONE, '--db', url]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Mon, Mar 2, 4:02 PM UTC');
  });

  it('takes the start of a request id', () => {
    const r = cli(['replay', '5a1c0e5e', '--db', url]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Request ${ONE}`);
  });

  it('lists a patient’s requests when there is more than one, and replays none', () => {
    const r = cli(['replay', 'demo-5020', '--db', url]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(TWO);
    expect(r.out).toContain(THREE);
    expect(r.out).toContain('Prescription refill');
    expect(r.err).toContain('DEMO-5020 has 2 requests');
    const prefix = cli(['replay', '7b2d', '--db', url]);
    expect(prefix.code).toBe(2);
    expect(prefix.err).toContain('2 requests start with 7b2d');
  });

  it('--json keeps ids and ISO times for machines', () => {
    const r = cli(['replay', 'DEMO-5016', '--db', url, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ instanceId: ONE, status: 'done', end: { step: 'refilled' } });
    expect(report.time).toBe('2026-03-02T16:02:00.000Z');
  });
});
