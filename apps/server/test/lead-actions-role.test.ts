import type { Store } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../packages/engine/test/support/parse-csv.ts';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen, sendJson } from './support/listen.ts';

/**
 * Every history event a person makes names the role they acted in: a lead cancelling, reassigning,
 * releasing someone's task, signalling, starting a request or moving the clinic's hours acts as
 * Operations lead (an admin as Admin); a starter withdrawing their own request acts in the role they
 * hold in it. The timeline and the CSV an auditor hands on say so. An event recorded before roles were
 * kept stays as it was (no role), and the history still verifies: history is never rewritten.
 */
const LAB = 'lab-result-release';

let t: TestApp;
let listener: Listener;
let lead: AuthHeaders;
let admin: AuthHeaders;
let auditor: AuthHeaders;
let assistant: AuthHeaders;
let provider: AuthHeaders;

const send = (as: AuthHeaders, method: string, path: string, body?: unknown) =>
  sendJson(listener.base, as, method, path, body);

async function startLab(as: AuthHeaders, patient: string): Promise<string> {
  const started = await send(as, 'POST', '/api/requests', {
    definitionId: LAB,
    data: { patient, test: 'Biopsy' },
  });
  expect(started.status, started.text).toBe(201);
  return started.body.instance.id;
}

const openTask = async (store: Store, id: string, step: string) =>
  (await store.listInstanceTasks(id)).find((x) => x.status === 'open' && x.step === step)!;

async function finish(as: AuthHeaders, id: string, step: string, outcome: string, data: object) {
  const task = await openTask(t.store, id, step);
  const path = `/api/tasks/${encodeURIComponent(task.id)}`;
  expect((await send(as, 'POST', `${path}/claim`)).status).toBe(200);
  const done = await send(as, 'POST', `${path}/complete`, { outcome, data });
  expect(done.status, done.text).toBe(200);
  t.clock.advance('PT5M');
}

/** A lab result the provider holds until they have talked with the patient; its waiting step's token. */
async function heldResult(patient: string): Promise<{ id: string; token: string }> {
  const id = await startLab(assistant, patient);
  await finish(assistant, id, 'verify-result', 'verified', {
    resultKind: 'pathology',
    flag: 'normal',
    holdRequested: true,
  });
  await finish(provider, id, 'harm-review', 'hold-until-discussed', {
    harmReason: 'New cancer diagnosis: to be told in person.',
  });
  const read = await send(provider, 'GET', `/api/instances/${id}`);
  const wait = read.body.instance.active.find((a: { kind: string }) => a.kind === 'wait');
  return { id, token: wait.token };
}

interface Entry {
  seq: number;
  type: string;
  actor: string | null;
  role: string | null;
  summary: string;
}

async function timeline(id: string): Promise<Entry[]> {
  const read = await send(auditor, 'GET', `/api/instances/${id}/history`);
  expect(read.status, read.text).toBe(200);
  return read.body.timeline;
}

const last = async (id: string) => (await timeline(id)).at(-1)!;

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  [lead, admin, auditor, assistant, provider] = await Promise.all([
    t.token('lead'),
    t.token('admin'),
    t.token('auditor'),
    t.token('medical-assistant'),
    t.token('provider'),
  ]);
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('the role each person acted in, in the history', () => {
  it('a lead starting, releasing, reassigning and cancelling acts as Operations lead', async () => {
    const id = await startLab(lead, 'DEMO-7501');
    const leadId = t.user('lead').id;
    const task = await openTask(t.store, id, 'verify-result');
    const path = `/api/tasks/${encodeURIComponent(task.id)}`;
    expect((await send(assistant, 'POST', `${path}/claim`)).status).toBe(200);
    const released = await send(lead, 'POST', `${path}/release`);
    expect(released.status, released.text).toBe(200);
    const reassigned = await send(lead, 'POST', `${path}/reassign`, {
      assignee: t.user('medical-assistant').id,
      reason: 'Covering the lab desk today',
    });
    expect(reassigned.status, reassigned.text).toBe(200);
    const cancelled = await send(lead, 'POST', `/api/instances/${id}/cancel`, {
      reason: 'Ordered twice',
    });
    expect(cancelled.status, cancelled.text).toBe(200);

    const entries = await timeline(id);
    const byLead = entries.filter((e) => e.actor === leadId);
    expect(byLead.map((e) => e.type)).toEqual(['start', 'reassign', 'reassign', 'cancel']);
    expect(byLead.map((e) => e.role)).toEqual(['designer', 'designer', 'designer', 'designer']);
    // The colleague's own claim stays in the role of the task.
    expect(entries.find((e) => e.actor !== leadId && e.type === 'reassign')?.role).toBe('medical-assistant');

    // The CSV an auditor hands on names the role by its title.
    const res = await fetch(`${listener.base}/api/instances/${id}/export?format=csv`, { headers: auditor });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const rows = parseCsv(text);
    const header = rows.findIndex((r) => r.includes('role') && r.includes('what'));
    const col = (name: string) => rows[header]!.indexOf(name);
    const cancelRow = rows.slice(header + 1).find((r) => r[col('event code')] === 'cancel');
    expect(cancelRow?.[col('role')]).toBe('Operations lead');
    expect(cancelRow?.[col('role id')]).toBe('designer');
    const leadRows = rows.slice(header + 1).filter((r) => r[col('role id')] === 'designer');
    expect(leadRows.map((r) => r[col('event code')])).toEqual(['start', 'reassign', 'reassign', 'cancel']);
  });

  it('an admin reassigning in bulk and cancelling acts as Admin', async () => {
    const id = await startLab(assistant, 'DEMO-7502');
    const task = await openTask(t.store, id, 'verify-result');
    const moved = await send(admin, 'POST', '/api/tasks/reassign', {
      taskIds: [task.id],
      assignee: t.user('medical-assistant').id,
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.moved).toBe(1);
    expect(await last(id)).toMatchObject({ type: 'reassign', role: 'admin' });
    const cancelled = await send(admin, 'POST', `/api/instances/${id}/cancel`, {});
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(await last(id)).toMatchObject({ type: 'cancel', role: 'admin' });
  });

  it('a lead signalling a waiting request acts as Operations lead', async () => {
    const { id } = await heldResult('DEMO-7503');
    const signalled = await send(lead, 'POST', `/api/instances/${id}/signal`, {
      name: 'result-discussed',
      data: {},
    });
    expect(signalled.status, signalled.text).toBe(200);
    expect(await last(id)).toMatchObject({ type: 'signal', role: 'designer' });
  });

  it('a wait ended early is in the role the wait names', async () => {
    const { id, token } = await heldResult('DEMO-7504');
    const ended = await send(provider, 'POST', `/api/instances/${id}/end-wait`, {
      token,
      reason: 'Called the patient; release now.',
    });
    expect(ended.status, ended.text).toBe(200);
    expect(await last(id)).toMatchObject({ type: 'end-wait', role: 'provider' });
  });

  it('a starter withdrawing their own request acts in the role they started it in', async () => {
    const id = await startLab(assistant, 'DEMO-7505');
    const withdrawn = await send(assistant, 'POST', `/api/instances/${id}/cancel`, { reason: 'Typo' });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    const entries = await timeline(id);
    expect(entries.map((e) => [e.type, e.role])).toEqual([
      ['start', 'medical-assistant'],
      ['cancel', 'medical-assistant'],
    ]);
  });

  it('an admin disabling someone returns their tasks as Admin', async () => {
    const covering = await t.addUser('ma-covering', ['medical-assistant']);
    const as = await t.token('ma-covering');
    const id = await startLab(assistant, 'DEMO-7506');
    const task = await openTask(t.store, id, 'verify-result');
    expect((await send(as, 'POST', `/api/tasks/${encodeURIComponent(task.id)}/claim`)).status).toBe(200);
    const disabled = await send(admin, 'PATCH', `/api/users/${covering.id}`, { disabled: true });
    expect(disabled.status, disabled.text).toBe(200);
    expect(await last(id)).toMatchObject({ type: 'reassign', actor: t.user('admin').id, role: 'admin' });
  });

  it('a lead moving the open requests onto new clinic hours acts as Operations lead', async () => {
    const id = await startLab(assistant, 'DEMO-7507');
    const current = (await send(lead, 'GET', '/api/clinic/hours')).body;
    const closed = new Date(Date.parse(t.clock.now()) + 20 * 86_400_000).toISOString().slice(0, 10);
    const saved = await send(lead, 'PUT', '/api/clinic/hours', {
      hours: current.hours,
      closures: [...current.closures, { date: closed, name: 'Staff training' }],
      expectedRevision: current.revision,
      moveOpenRequests: true,
    });
    expect(saved.status, saved.text).toBe(200);
    expect(await last(id)).toMatchObject({ type: 'calendar-changed', role: 'designer' });
  });

  it('keeps an event recorded without a role as it was, and the history still verifies', async () => {
    const id = await startLab(assistant, 'DEMO-7508');
    const leadUser = t.user('lead');
    // As a cancel was recorded before the role was kept: who, but no role, in the row and the event.
    await t.instances.act(
      {
        user: { id: leadUser.id, username: 'lead', displayName: 'Lead', roles: ['designer'], via: 'token' },
        role: null,
      },
      id,
      { type: 'system', event: { type: 'cancel', actor: leadUser.id } },
    );
    expect(await last(id)).toMatchObject({ type: 'cancel', actor: leadUser.id, role: null });
    const verified = await send(auditor, 'GET', `/api/audit/verify?instanceId=${id}`);
    expect(verified.status, verified.text).toBe(200);
    expect(verified.body.result.ok).toBe(true);
  });
});
