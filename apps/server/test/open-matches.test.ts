import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * Before the front desk starts a request: is the same one already open? The pharmacy faxes and the
 * patient calls about the same refill; the second start would put two identical tasks in the pool.
 * Same workflow and same subject (what its designer chose to tell requests apart) is a match; the check
 * is a POST (the patient reference never goes in a URL), needs the right to start that workflow, and is
 * recorded in the access log.
 */

const REFILL = 'prescription-refill';
const FORM = { patient: 'DEMO-7001', medication: 'lisinopril' };

let t: TestApp;
let server: Listener;
let frontDesk: AuthHeaders;
let nurse: AuthHeaders;
let auditor: AuthHeaders;
let lead: AuthHeaders;
let firstId: string;

beforeAll(async () => {
  t = await makeApp();
  server = await listen(t.app);
  frontDesk = await t.login('front-desk');
  nurse = await t.login('triage-nurse');
  auditor = await t.login('auditor');
  lead = await t.login('lead');
  const started = await send(frontDesk, 'POST', '/api/requests', { definitionId: REFILL, data: FORM });
  expect(started.status).toBe(201);
  firstId = started.body.instance.id;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

async function send(
  as: AuthHeaders,
  method: string,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of every route
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.base}${path}`, {
    method,
    headers: { ...as, 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const matches = (as: AuthHeaders, data: Record<string, unknown>, definitionId = REFILL) =>
  send(as, 'POST', '/api/requests/open-matches', { definitionId, data });

describe('POST /api/requests/open-matches', () => {
  it('finds the open request with the same subject, with who started it and what it waits on', async () => {
    const r = await matches(frontDesk, { patient: ' demo-7001 ', medication: 'Lisinopril' });
    expect(r.status).toBe(200);
    expect(r.body.matches).toEqual([
      {
        instanceId: firstId,
        subject: 'DEMO-7001 · Refill: lisinopril',
        startedAt: expect.any(String),
        startedBy: t.user('front-desk').displayName,
        readable: true,
        waitingOn: [
          {
            title: 'Prepare the refill request for review',
            role: 'refill-coordinator',
            roleName: 'Pharmacy refill coordinator',
            heldBy: null,
          },
        ],
      },
    ]);
  });

  it('says who has taken each open step, so the desk can tell the caller who is on it', async () => {
    const data = { patient: 'DEMO-7020', medication: 'amlodipine' };
    const started = await send(frontDesk, 'POST', '/api/requests', { definitionId: REFILL, data });
    expect(started.status).toBe(201);
    const task = started.body.instance.active[0].taskId as string;
    const coordinator = await t.login('refill-coordinator');
    expect((await send(coordinator, 'POST', `/api/tasks/${encodeURIComponent(task)}/claim`, {})).status).toBe(
      200,
    );
    const [match] = (await matches(frontDesk, data)).body.matches;
    expect(match.instanceId).toBe(started.body.instance.id);
    expect(match.readable).toBe(true);
    expect(match.waitingOn).toEqual([
      {
        title: 'Prepare the refill request for review',
        role: 'refill-coordinator',
        roleName: 'Pharmacy refill coordinator',
        heldBy: t.user('refill-coordinator').displayName,
      },
    ]);
  });

  it('one the caller may not read (started by a coordinator from a fax) is named by id, start and role only', async () => {
    const data = { patient: 'DEMO-7021', medication: 'sertraline' };
    const coordinator = await t.login('refill-coordinator');
    const started = await send(coordinator, 'POST', '/api/requests', { definitionId: REFILL, data });
    expect(started.status).toBe(201);
    const task = started.body.instance.active[0].taskId as string;
    expect((await send(coordinator, 'POST', `/api/tasks/${encodeURIComponent(task)}/claim`, {})).status).toBe(
      200,
    );
    const r = await matches(frontDesk, { patient: 'demo-7021', medication: 'Sertraline' });
    expect(r.status).toBe(200);
    // The subject is the one the desk just typed (the patient as the chart number it is kept as); who
    // started it, its steps and who holds them are not given.
    expect(r.body.matches).toEqual([
      {
        instanceId: started.body.instance.id,
        subject: 'DEMO-7021 · Refill: Sertraline',
        startedAt: started.body.instance.startedAt,
        startedBy: null,
        readable: false,
        waitingOn: [
          { title: null, role: 'refill-coordinator', roleName: 'Pharmacy refill coordinator', heldBy: null },
        ],
      },
    ]);
    // The coordinator, who holds a task in it, sees it whole.
    const theirs = (await matches(coordinator, data)).body.matches[0];
    expect(theirs.readable).toBe(true);
    expect(theirs.waitingOn[0].heldBy).toBe(t.user('refill-coordinator').displayName);
  });

  it('matches however the same words were spaced or capitalised, not another strength', async () => {
    const data = { patient: 'DEMO-7010', medication: 'Lisinopril 10 mg' };
    const started = await send(frontDesk, 'POST', '/api/requests', { definitionId: REFILL, data });
    expect(started.status).toBe(201);
    // Typed again by someone else on the phone: the same refill.
    for (const medication of [
      'lisinopril 10mg',
      'LISINOPRIL  10 MG',
      'lisinopril 10 mg.',
      'Lisinopril-10 mg',
    ])
      expect(
        (await matches(frontDesk, { patient: 'demo-7010', medication })).body.matches.map(
          (m: { instanceId: string }) => m.instanceId,
        ),
        medication,
      ).toEqual([started.body.instance.id]);
    for (const medication of ['lisinopril 20 mg', 'lisinopril 1.0 mg', 'lisinopril 100 mg'])
      expect(
        (await matches(frontDesk, { patient: 'DEMO-7010', medication })).body.matches,
        medication,
      ).toEqual([]);
  });

  it('is not a match for another medication, another patient, or another workflow', async () => {
    for (const data of [
      { patient: 'DEMO-7001', medication: 'metformin' },
      { patient: 'DEMO-7002', medication: 'lisinopril' },
    ])
      expect((await matches(frontDesk, data)).body.matches).toEqual([]);
    const billing = await matches(
      frontDesk,
      { patient: 'DEMO-7001', channel: 'phone', question: 'lisinopril' },
      'billing-question',
    );
    expect(billing.status).toBe(200);
    expect(billing.body.matches).toEqual([]);
  });

  it('needs the right to start that workflow: auditors and other roles get 403, logged', async () => {
    for (const as of [auditor, nurse]) {
      const r = await matches(as, FORM);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('REQUEST_START_FORBIDDEN');
    }
    const denied = await t.store.listAccess({ outcome: 'deny', limit: 50 });
    expect(denied.items.filter((a) => a.detail === `start request ${REFILL}`).length).toBeGreaterThanOrEqual(
      2,
    );
    expect((await matches(lead, FORM)).body.matches).toHaveLength(1);
    expect(
      (await send(frontDesk, 'POST', '/api/requests/open-matches', { definitionId: 'no-such', data: {} }))
        .status,
    ).toBe(404);
    const bad = await send(frontDesk, 'POST', '/api/requests/open-matches', {
      definitionId: REFILL,
      data: 'x',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('is in the access log by instance id, and the patient reference is in no URL', async () => {
    await matches(frontDesk, FORM);
    const log = await t.store.listAccess({ userId: t.user('front-desk').id, limit: 100 });
    const row = log.items.find((a) => a.detail === `open matches: 1; instances: ${firstId}`);
    expect(row).toBeDefined();
    expect(JSON.stringify(log.items)).not.toContain('DEMO-7001');
  });

  it('a burst of checks beside a start sees the request once it is stored, and never twice', async () => {
    const data = { patient: 'DEMO-7003', medication: 'atorvastatin' };
    const burst = await Promise.all([
      send(frontDesk, 'POST', '/api/requests', { definitionId: REFILL, data }),
      ...Array.from({ length: 10 }, () => matches(frontDesk, data)),
    ]);
    expect(burst[0]!.status).toBe(201);
    for (const r of burst.slice(1)) {
      expect(r.status).toBe(200);
      expect(r.body.matches.length).toBeLessThanOrEqual(1);
    }
    expect((await matches(frontDesk, data)).body.matches).toHaveLength(1);
  });

  it('a request no longer open is no match', async () => {
    const cancelled = await send(lead, 'POST', `/api/instances/${firstId}/cancel`, { reason: 'duplicate' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect((await matches(frontDesk, FORM)).body.matches).toEqual([]);
  });
});
