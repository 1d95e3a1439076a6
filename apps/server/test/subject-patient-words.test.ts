import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * A request's subject is in every pool row, toast and list, without "Show values": a portal message
 * and an after-hours call are named there by a choice made when they start, never by the words the
 * patient typed ("my HIV test results??"), which stay on the task.
 */

let t: TestApp;
let listener: Listener | undefined;
let base: string;

beforeAll(async () => {
  t = await makeApp({
    users: [
      { username: 'ma-1', roles: ['medical-assistant'] },
      { username: 'rn-1', roles: ['triage-nurse'] },
    ],
  });
  listener = await listen(t.app);
  base = listener.base;
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

async function send(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Starts a request as `user` and returns the subject its pool row shows. */
async function poolSubject(user: string, definitionId: string, data: Record<string, unknown>) {
  const who = await t.login(user);
  const started = await send('POST', '/api/requests', who, { definitionId, data });
  expect(started.status).toBe(201);
  const taskId: string = started.body.instance.active[0].taskId;
  const pool = await send('GET', '/api/tasks?scope=pool', who);
  return {
    started: started.body.subject,
    row: pool.body.items.find((r: { id: string }) => r.id === taskId).subject,
  };
}

describe('a subject never shows the patient’s own words', () => {
  it('names a portal message by the category the patient picked, not the subject line they typed', async () => {
    const data = {
      ...exampleStart('portal-message-triage'),
      patient: 'DEMO-1005',
      category: 'test-results',
      subject: 'my HIV test results??',
      message: 'Are my HIV test results back yet?',
    };
    const { started, row } = await poolSubject('ma-1', 'portal-message-triage', data);
    expect(row).toBe('DEMO-1005 · Message: Test results');
    expect(started).toBe(row);
  });

  it('names an after-hours call by the kind of problem, not what the patient reported', async () => {
    const data = {
      ...exampleStart('urgent-after-hours'),
      patient: 'DEMO-2002',
      problem: 'chest-pain',
      subject: 'Chest pressure and sweating',
    };
    const { row } = await poolSubject('rn-1', 'urgent-after-hours', data);
    expect(row).toBe('DEMO-2002 · After hours: Chest pain');
  });
});
