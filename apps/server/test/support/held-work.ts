import { afterAll, beforeAll, expect } from 'vitest';
import { type AuthHeaders, exampleStart, type MakeAppOptions, makeApp, type TestApp } from './app.ts';
import { type Listener, listen } from './listen.ts';

/**
 * What the tests of work changing hands share, where an admin changes a person's account (a role taken
 * away, the account disabled) while they hold tasks, or a lead gives them one: the app on a real socket
 * with the admin and a lead signed in, requests sent over it, new requests whose first task waits in a
 * pool, and the history events that returned a task to its pool.
 */
export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies of every shape; tests read them as JSON
  body: any;
  text: string;
}

/** A request's first task. */
export interface Started {
  instanceId: string;
  taskId: string;
}

export interface HeldWork {
  t: TestApp;
  server: Listener;
  admin: AuthHeaders;
  lead: AuthHeaders;
  send(as: AuthHeaders, method: string, path: string, body?: unknown): Promise<Answer>;
  /** A new request of `definitionId`, started by the lead: its first task waits in its role's pool. */
  start(definitionId: string): Promise<Started>;
  claim(as: AuthHeaders, task: Started): Promise<void>;
  /** The events that returned a task of the request to its pool, for the reason `why`. */
  returnEvents(
    instanceId: string,
    why: string,
  ): Promise<Array<{ actor: string | null; payload: Record<string, unknown> }>>;
}

export const taskPath = (taskId: string, action = '') => `/api/tasks/${encodeURIComponent(taskId)}${action}`;

/**
 * The app, made before the file's tests and closed after them. Its fields are filled in then: read
 * them inside the tests, not when the file loads.
 */
export function heldWork(options: MakeAppOptions = {}): HeldWork {
  const w = {} as HeldWork;
  w.send = async (as, method, path, body) => {
    const res = await fetch(`${w.server.base}${path}`, {
      method,
      headers: { ...as, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? JSON.parse(text) : null };
  };
  w.start = async (definitionId) => {
    const started = await w.send(w.lead, 'POST', '/api/instances', {
      definitionId,
      data: exampleStart(definitionId),
    });
    expect(started.status, started.text).toBe(201);
    return { instanceId: started.body.instance.id, taskId: started.body.instance.active[0].taskId };
  };
  w.claim = async (as, task) => {
    const claimed = await w.send(as, 'POST', taskPath(task.taskId, '/claim'));
    expect(claimed.status, claimed.text).toBe(200);
  };
  w.returnEvents = async (instanceId, why) => {
    const events = await w.t.store.listEvents(instanceId);
    return events
      .map((e) => ({ ...e, payload: e.payload as Record<string, unknown> }))
      .filter((e) => e.type === 'reassign' && e.payload.reason === why);
  };
  beforeAll(async () => {
    w.t = await makeApp(options);
    w.server = await listen(w.t.app);
    w.admin = await w.t.login('admin');
    w.lead = await w.t.login('lead');
  }, 60_000);
  afterAll(async () => {
    await w.server?.close();
    await w.t?.close();
  });
  return w;
}
