import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * A task read names its request as the list row did (its subject): a task that left the list (a
 * colleague claimed or finished it) still reads as the request the person opened, not as an id.
 */

let t: TestApp;
let listener: Listener | undefined;
let base: string;

beforeAll(async () => {
  t = await makeApp({
    users: [
      { username: 'admin', roles: ['admin'] },
      { username: 'ma-1', roles: ['medical-assistant'] },
      { username: 'ma-2', roles: ['medical-assistant'] },
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

describe('a task read names its request', () => {
  it('its subject, as the list row says it, while open, taken by a colleague and closed', async () => {
    const [one, two] = [await t.login('ma-1'), await t.login('ma-2')];
    const started = await send('POST', '/api/requests', two, {
      definitionId: 'portal-message-triage',
      data: { ...exampleStart('portal-message-triage'), patient: 'DEMO-1001', subject: 'Refill question' },
    });
    expect(started.status).toBe(201);
    const taskId: string = started.body.instance.active[0].taskId;
    const pool = await send('GET', '/api/tasks?scope=pool', one);
    const row = pool.body.items.find((r: { id: string }) => r.id === taskId);
    expect(row.subject).toMatch(/^DEMO-1001 · /);

    const path = `/api/tasks/${encodeURIComponent(taskId)}`;
    expect((await send('GET', path, one)).body.subject).toBe(row.subject);
    expect((await send('POST', `${path}/claim`, two, {})).status).toBe(200);
    expect((await send('GET', path, one)).body.subject).toBe(row.subject);
    const done = await send('POST', `${path}/complete`, two, {
      outcome: 'sorted',
      data: { topic: 'other', redFlags: false },
    });
    expect(done.status).toBe(200);
    const closed = await send('GET', path, one);
    expect(closed.status).toBe(200);
    expect(closed.body.task.status).toBe('closed');
    expect(closed.body.subject).toBe(row.subject);
  });
});
