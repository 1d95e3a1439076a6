import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type HttpResult, type Listener, listen } from './support/listen.ts';

/**
 * A lead keeps her list of workflows: a scratch draft never published is deleted; a published workflow
 * is retired (no new request starts it, running ones finish, it stays for audit and replay) and brought
 * back. A start racing the retirement either lands first and runs, or is refused with a 409 in words.
 */

const APPOINTMENT = 'appointment-request';

let t: TestApp;
let listener: Listener;
let lead: AuthHeaders;
let frontDesk: AuthHeaders;
let auditor: AuthHeaders;
let patients = 7000;

async function send(method: string, path: string, as: AuthHeaders, body?: unknown): Promise<HttpResult> {
  const res = await fetch(`${listener.base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...as },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

const startAppointment = () =>
  send('POST', '/api/requests', frontDesk, {
    definitionId: APPOINTMENT,
    data: { patient: `DEMO-${patients++}`, visitType: 'follow-up', requested: 'Follow-up on blood pressure' },
  });

const listed = async (query = '') =>
  (await send('GET', `/api/definitions${query}`, lead)).body.definitions as {
    id: string;
    retiredAt: string | null;
  }[];

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  lead = await t.token('lead');
  frontDesk = await t.token('front-desk');
  auditor = await t.token('auditor');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('a draft never published', () => {
  it('is deleted by a lead, and leaves the list; staff and auditors may not delete', async () => {
    const definition = {
      id: 'undo-check-189',
      title: 'Undo check 189',
      roles: [{ id: 'front-desk', name: 'Front desk' }],
      start: 'done',
      steps: { done: { type: 'end', title: 'Done' } },
    };
    const created = await send('POST', '/api/definitions', lead, { definition });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await send('DELETE', '/api/definitions/undo-check-189', frontDesk)).status).toBe(403);
    expect((await send('DELETE', '/api/definitions/undo-check-189', auditor)).status).toBe(403);
    const deleted = await send('DELETE', '/api/definitions/undo-check-189', lead);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect((await send('GET', '/api/definitions/undo-check-189', lead)).status).toBe(404);
    expect((await listed('?retired=show')).map((d) => d.id)).not.toContain('undo-check-189');
    expect((await send('DELETE', '/api/definitions/undo-check-189', lead)).status).toBe(404);
  });

  it('is not deleted once published: the answer says to retire it', async () => {
    const refused = await send('DELETE', `/api/definitions/${APPOINTMENT}`, lead);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DEFINITION_PUBLISHED');
    expect(refused.body.error.message).toMatch(/retire/i);
  });
});

describe('a published workflow', () => {
  it('is retired: running requests finish, new ones are refused in words, it leaves New request and the list', async () => {
    const running = await startAppointment();
    expect(running.status, JSON.stringify(running.body)).toBe(201);
    expect((await send('POST', `/api/definitions/${APPOINTMENT}/retire`, frontDesk)).status).toBe(403);
    const counted = await send('GET', `/api/definitions/${APPOINTMENT}/running`, lead);
    expect(counted.body.versions).toEqual([{ version: 1, running: 1 }]);
    expect((await send('GET', `/api/definitions/${APPOINTMENT}/running`, frontDesk)).status).toBe(403);

    const retired = await send('POST', `/api/definitions/${APPOINTMENT}/retire`, lead);
    expect(retired.status, JSON.stringify(retired.body)).toBe(200);
    expect(retired.body).toMatchObject({
      definitionId: APPOINTMENT,
      running: 1,
      retiredBy: t.user('lead').id,
    });
    // Retiring again answers the first retirement.
    const again = await send('POST', `/api/definitions/${APPOINTMENT}/retire`, lead);
    expect(again.body.retiredAt).toBe(retired.body.retiredAt);

    const refused = await startAppointment();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('WORKFLOW_RETIRED');
    expect(refused.body.error.message).toMatch(/retired/);
    expect(refused.body.error.message).toContain('Appointment');

    const startable = await send('GET', '/api/requests/startable', frontDesk);
    expect(startable.body.workflows.map((w: { definitionId: string }) => w.definitionId)).not.toContain(
      APPOINTMENT,
    );
    expect((await listed()).map((d) => d.id)).not.toContain(APPOINTMENT);
    expect((await listed('?retired=show')).find((d) => d.id === APPOINTMENT)?.retiredAt).toBe(
      retired.body.retiredAt,
    );
    // Still there for audit and replay, and the running request goes on.
    expect((await send('GET', `/api/definitions/${APPOINTMENT}/versions/1`, auditor)).status).toBe(200);
    expect((await send('GET', `/api/instances/${running.body.instance.id}/replay`, auditor)).status).toBe(
      200,
    );
    expect((await t.store.getInstance(running.body.instance.id))?.status).toBe('active');

    const log = await t.store.listAccess({ userId: t.user('lead').id });
    expect(log.items.map((e) => [e.action, e.outcome, e.detail])).toContainEqual([
      'POST /api/definitions/:id/retire',
      'allow',
      `retired ${APPOINTMENT}`,
    ]);
  });

  it('is brought back by a lead: requests start on it again', async () => {
    const back = await send('DELETE', `/api/definitions/${APPOINTMENT}/retire`, lead);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toEqual({ definitionId: APPOINTMENT, broughtBack: true });
    expect((await listed()).find((d) => d.id === APPOINTMENT)?.retiredAt).toBeNull();
    expect((await startAppointment()).status).toBe(201);
    const log = await t.store.listAccess({ userId: t.user('lead').id });
    expect(log.items.map((e) => e.detail)).toContain(`brought back ${APPOINTMENT}`);
  });

  it('racing starts: each start lands before the retirement and runs, or is refused with 409 and a message', async () => {
    const before = (await send('GET', `/api/definitions/${APPOINTMENT}/running`, lead)).body.versions[0]
      .running;
    const starts = Array.from({ length: 24 }, () => startAppointment());
    const retire = send('POST', `/api/definitions/${APPOINTMENT}/retire`, lead);
    const results = await Promise.all(starts);
    expect((await retire).status).toBe(200);
    const landed = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('WORKFLOW_RETIRED');
      expect(r.body.error.message.length).toBeGreaterThan(20);
    }
    for (const r of landed) expect((await t.store.getInstance(r.body.instance.id))?.status).toBe('active');
    const after = (await send('GET', `/api/definitions/${APPOINTMENT}/running`, lead)).body.versions[0]
      .running;
    expect(after).toBe(before + landed.length);
    expect((await startAppointment()).status).toBe(409);
  });
});

describe('retiring a draft never published', () => {
  it('is refused: the answer says to delete it', async () => {
    const definition = {
      id: 'scratch-draft',
      title: 'Scratch draft',
      roles: [{ id: 'front-desk', name: 'Front desk' }],
      start: 'done',
      steps: { done: { type: 'end', title: 'Done' } },
    };
    expect((await send('POST', '/api/definitions', lead, { definition })).status).toBe(201);
    const refused = await send('POST', '/api/definitions/scratch-draft/retire', lead);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('NOT_PUBLISHED');
    expect(refused.body.error.message).toMatch(/delete/i);
  });
});
