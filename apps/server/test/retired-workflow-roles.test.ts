// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read as loose JSON
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type HttpResult, type Listener, listen } from './support/listen.ts';
import { openSse } from './support/sse.ts';

/**
 * A workflow a lead retired is no one's work any more: no new request starts it, so the Roles pages do
 * not count it among the workflows a role works in, and no refresher asks anyone to read up on it or
 * practise it. Its versions stay for audit and replay, and bringing it back puts it back everywhere.
 * Triage is published twice here (version 2 gives the medical assistant two business days to sort a
 * message), so the medical assistant has a refresher to read for it.
 */
const TRIAGE = 'portal-message-triage';
const TRIAGE_TITLE = 'Patient portal message triage';
const MA = 'medical-assistant';

let t: TestApp;
let listener: Listener;
let lead: AuthHeaders;
let ma: AuthHeaders;
let auditor: AuthHeaders;

async function send(method: string, path: string, as: AuthHeaders, body?: unknown): Promise<HttpResult> {
  const res = await fetch(`${listener.base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...as },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

async function ok(method: string, path: string, as: AuthHeaders, body?: unknown): Promise<any> {
  const res = await send(method, path, as, body);
  expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

/** What the Roles pages say of the medical assistant. */
async function rolePages() {
  const list = await ok('GET', '/api/roles', lead);
  const summary = list.roles.find((r: any) => r.id === MA);
  const detail = await ok('GET', `/api/roles/${MA}`, lead);
  return {
    count: summary.counts.workflows as number,
    steps: summary.counts.steps as number,
    workflows: detail.duties.workflows.map((w: any) => w.definitionId) as string[],
    jobDescription: JSON.stringify(detail.jobDescription),
    state: detail.role.state as string,
    fingerprint: detail.fingerprint as string,
  };
}

/** The workflows each of the medical assistant's refreshers asks about, and those of the lead's overview. */
async function refreshers() {
  const mine = await ok('GET', '/api/refreshers/mine', ma);
  const all = await ok('GET', '/api/refreshers', lead);
  const maPractice = all.practice.roles.find((r: any) => r.role === MA);
  return {
    changes: mine.changes.map((c: any) => c.definitionId) as string[],
    periodic: mine.periodic.flatMap((p: any) => p.workflows.map((w: any) => w.definitionId)) as string[],
    overviewChanges: all.changes.map((c: any) => c.definitionId) as string[],
    overviewPeople: all.schedules.flatMap((s: any) =>
      s.people.flatMap((p: any) => p.workflows.map((w: any) => w.definitionId)),
    ) as string[],
    realPractice: (maPractice?.workflows ?? []).map((w: any) => w.definitionId) as string[],
    scheduleTitles: all.schedules.map((s: any) => s.title) as (string | null)[],
  };
}

beforeAll(async () => {
  t = await makeApp({ start: '2026-03-02T16:00:00.000Z' });
  listener = await listen(t.app);
  lead = await t.token('lead');
  ma = await t.token(MA);
  auditor = await t.token('auditor');

  const current = await ok('GET', `/api/definitions/${TRIAGE}`, lead);
  const definition = structuredClone(current.latest.definition);
  definition.steps['sort-message'].deadline.after = 'P2D';
  await ok('PUT', `/api/definitions/${TRIAGE}`, lead, { definition, revision: current.draft.revision });
  await ok('POST', `/api/definitions/${TRIAGE}/publish`, lead, {});
  t.clock.advance('PT1H');

  // A regular refresher for every workflow of the role, and one for triage alone.
  await ok('POST', '/api/refresher-schedules', lead, { role: MA, everyDays: 30 });
  await ok('POST', '/api/refresher-schedules', lead, { definitionId: TRIAGE, everyDays: 30 });
  // The medical assistant's job description is signed off as it stands.
  const { fingerprint } = await rolePages();
  await ok('POST', `/api/roles/${MA}/approve`, lead, { fingerprint });
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

describe('a retired workflow', () => {
  let before: Awaited<ReturnType<typeof rolePages>>;
  let trained: Awaited<ReturnType<typeof refreshers>>;

  it('is counted while in use: the role works in it and refreshers ask about it', async () => {
    before = await rolePages();
    expect(before.workflows).toContain(TRIAGE);
    expect(before.count).toBe(before.workflows.length);
    expect(before.jobDescription).toContain(TRIAGE_TITLE);
    expect(before.state).toBe('approved');
    trained = await refreshers();
    expect(trained.changes).toContain(TRIAGE);
    expect(trained.periodic).toContain(TRIAGE);
    expect(trained.overviewChanges).toContain(TRIAGE);
    expect(trained.overviewPeople).toContain(TRIAGE);
    expect(trained.realPractice).toContain(TRIAGE);
  });

  it('leaves the Roles pages: not among the workflows the role works in, nor in its counts', async () => {
    await ok('POST', `/api/definitions/${TRIAGE}/retire`, lead);
    const after = await rolePages();
    expect(after.workflows).not.toContain(TRIAGE);
    expect(after.workflows).toEqual(before.workflows.filter((id) => id !== TRIAGE));
    expect(after.count).toBe(before.count - 1);
    expect(after.steps).toBeLessThan(before.steps);
    expect(after.jobDescription).not.toContain(TRIAGE_TITLE);
    // The job as signed off listed triage: it changed, so the sign-off is due again.
    expect(after.state).toBe('needs-reapproval');
  });

  it('leaves the refreshers: nobody is asked to read up on it or practise it', async () => {
    const after = await refreshers();
    expect(after.changes).not.toContain(TRIAGE);
    expect(after.periodic).not.toContain(TRIAGE);
    expect(after.periodic.length).toBeGreaterThan(0);
    expect(after.overviewChanges).not.toContain(TRIAGE);
    expect(after.overviewPeople).not.toContain(TRIAGE);
    expect(after.realPractice).not.toContain(TRIAGE);
    // The schedule planned for triage alone still reads by the workflow's title, with nobody due.
    expect(after.scheduleTitles).toContain(TRIAGE_TITLE);
    const acknowledged = await send('POST', '/api/refreshers/acknowledge', ma, {
      definitionId: TRIAGE,
      version: 2,
      role: MA,
    });
    expect(acknowledged.status).toBe(404);
  });

  it('stays for audit: its versions and the sign-off history are still there', async () => {
    expect((await send('GET', `/api/definitions/${TRIAGE}/versions/2`, auditor)).status).toBe(200);
    expect((await send('GET', `/api/definitions/${TRIAGE}/versions/1`, auditor)).status).toBe(200);
  });

  it('keeps the page of a role only it gives work, by the same title, with no workflows', async () => {
    const definition = {
      id: 'records-courier',
      title: 'Records courier run',
      roles: [{ id: 'records-courier', name: 'Records courier' }],
      start: 'deliver',
      steps: {
        deliver: {
          type: 'task',
          role: 'records-courier',
          title: 'Deliver the records',
          outcomes: { delivered: 'done' },
        },
        done: { type: 'end', title: 'Done' },
      },
    };
    await ok('POST', '/api/definitions', lead, { definition });
    await ok('POST', '/api/definitions/records-courier/publish', lead, {});
    const courier = async () =>
      (await ok('GET', '/api/roles', lead)).roles.find((r: any) => r.id === 'records-courier');
    expect((await courier())?.counts.workflows).toBe(1);
    await ok('POST', '/api/definitions/records-courier/retire', lead);
    expect(await courier()).toMatchObject({ name: 'Records courier', counts: { workflows: 0, steps: 0 } });
    expect((await ok('GET', '/api/roles/records-courier', lead)).duties.workflows).toEqual([]);
  });

  it('comes back everywhere when a lead brings it back', async () => {
    await ok('DELETE', `/api/definitions/${TRIAGE}/retire`, lead);
    const back = await rolePages();
    expect(back.workflows).toEqual(before.workflows);
    expect(back.count).toBe(before.count);
    expect(back.fingerprint).toBe(before.fingerprint);
    expect(back.state).toBe('approved');
    expect(await refreshers()).toEqual(trained);
  });

  it('tells the screens of the staff who work it, by ids only, as it is retired and brought back', async () => {
    const stream = await openSse(`${listener.base}/api/events`, ma);
    try {
      expect(stream.status).toBe(200);
      const about = (id: string) => (e: { event: string; data: string }) =>
        e.event === 'definition.changed' && JSON.parse(e.data).definitionId === id;
      // The medical assistant works triage, not the courier run: nothing of the courier run for them.
      await ok('DELETE', '/api/definitions/records-courier/retire', lead);
      await ok('POST', `/api/definitions/${TRIAGE}/retire`, lead);
      const retired = await stream.next(about(TRIAGE), 3000);
      expect(JSON.parse(retired.data)).toEqual({ type: 'definition.changed', definitionId: TRIAGE });
      await ok('DELETE', `/api/definitions/${TRIAGE}/retire`, lead);
      await stream.next((e) => about(TRIAGE)(e) && e !== retired, 3000);
      expect(stream.events.filter(about('records-courier'))).toEqual([]);
    } finally {
      stream.close();
    }
  }, 20_000);
});
