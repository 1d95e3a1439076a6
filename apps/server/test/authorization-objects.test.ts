import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDoc } from '../src/http/openapi.ts';
import {
  documentedRoutes,
  type MatrixWorld,
  OTHER_ROLE,
  PATIENT,
  PEER,
  routeKey,
  SORTER,
  setupMatrix,
  TASK_ROLE,
  TRIAGE,
  TRIAGE_START,
  triageDefinition,
} from './support/matrix-setup.ts';

/**
 * The object-level companion of the authorization matrix, generated from the documented routes:
 * every route that takes an instance or task id is tried, by every kind of signed-in caller, on
 * objects the caller's roles do not reach (another workflow's instance), on an ended instance, on a
 * practice instance, and on an id that does not exist. Whatever is refused changes nothing and
 * shows no patient data. Definition, account and break-glass ids get the same treatment below.
 */

type Caller = 'designer' | 'auditor' | 'staffRole' | 'staffOther';
const CALLERS: Caller[] = ['designer', 'auditor', 'staffRole', 'staffOther'];
type ObjectKind = 'foreign' | 'ended' | 'practice' | 'missing';
const OBJECTS: ObjectKind[] = ['foreign', 'ended', 'practice', 'missing'];

interface Target {
  instanceId: string;
  taskId: string;
}

/** A valid body for each id route (what the matrix sends); the id decides the outcome. */
const BODIES: Record<string, unknown> = {
  'GET /api/instances/{id}': undefined,
  'GET /api/instances/{id}/history': undefined,
  'GET /api/instances/{id}/replay': undefined,
  'GET /api/instances/{id}/states': undefined,
  'GET /api/instances/{id}/export': undefined,
  'POST /api/instances/{id}/signal': { name: 'patient-replied' },
  'POST /api/instances/{id}/cancel': { reason: 'duplicate' },
  // No wait of the triage workflow may be ended early: every caller is refused before its state is read.
  'POST /api/instances/{id}/end-wait': { token: '1', reason: 'Called the patient' },
  // The first token of a run is its first task, never a wait: in reach, the answer is that nothing waits there.
  'POST /api/instances/{id}/practice-play': { token: '1', answer: 'signal' },
  'GET /api/tasks/{id}': undefined,
  'POST /api/tasks/{id}/claim': undefined,
  'POST /api/tasks/{id}/release': undefined,
  'POST /api/tasks/{id}/complete': { outcome: 'answered' },
  'POST /api/tasks/{id}/reassign': { priority: 'high' },
  'GET /api/tasks/{id}/colleagues': undefined,
  // Nobody holds these tasks: in reach, the answer is that the caller does not hold it.
  'POST /api/tasks/{id}/hand-off': { to: 'no-such-colleague', note: 'Covering this afternoon' },
  'GET /api/tasks/{id}/comments': undefined,
  'POST /api/tasks/{id}/comments': { body: 'Called back' },
  // Only a task's holder reads or writes its draft; nobody holds these tasks.
  'GET /api/tasks/{id}/draft': undefined,
  'PUT /api/tasks/{id}/draft': { baseRevision: 0, values: {} },
  'GET /api/instances/{id}/notes': undefined,
  'POST /api/instances/{id}/notes': { body: 'Called back' },
  'PATCH /api/instances/{id}/notes/{noteId}': { body: 'Called back twice', revision: 1 },
  'GET /api/instances/{id}/attachments': undefined,
  'POST /api/instances/{id}/attachments': 'a PDF in a form (see formFor)',
  'GET /api/instances/{id}/attachments/{attachmentId}': undefined,
  'POST /api/instances/{id}/attachments/{attachmentId}/remove': { reason: 'wrong request' },
};

/** The upload route takes a form, not JSON: a one-line PDF whose name names the patient. */
const formFor = (key: string) =>
  key === 'POST /api/instances/{id}/attachments'
    ? () => {
        const f = new FormData();
        f.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n%%EOF\n')]), `${PATIENT.name}.pdf`);
        return f;
      }
    : undefined;

const instanceRoutes = documentedRoutes().filter(
  (r) => r.path.includes('{id}') && /^\/api\/(instances|tasks)\//.test(r.path),
);
const isRead = (r: RouteDoc) => r.method === 'get';

/**
 * What a caller gets. Reads: leads and auditors read everything; staff read an instance only if a
 * task in it is of their role. Actions on an ended instance are refused as 409 (or 403 where the
 * caller may not do that action at all); actions on objects out of reach are 403; a missing id is
 * 404 (or 403 when the route refuses the caller before looking).
 */
function expected(r: RouteDoc, object: ObjectKind, who: Caller): number[] {
  const lead = who === 'designer';
  const reader = lead || who === 'auditor';
  if (object === 'missing') return lead && isRead(r) ? [404] : [403, 404];
  const reaches = reader || (who === 'staffRole' && object !== 'foreign');
  // No note or file has that id on this instance: in reach, the answer is that it was not found.
  const noSuchChild = r.path.includes('{noteId}') || r.path.includes('{attachmentId}');
  // A draft is its holder's alone, read or written: in reach, the answer is that the caller holds no
  // such task (it is in its pool, or closed); auditors never.
  if (r.path.endsWith('/draft')) return who === 'auditor' || !reaches ? [403] : [409];
  if (isRead(r)) return reaches ? (noSuchChild ? [404] : [200]) : [403];
  if (who === 'auditor' || !reaches) return [403];
  // A file attached by mistake can be taken off an ended request too: here there is none to take.
  if (object === 'ended') return r.path.includes('{attachmentId}') ? [404] : [403, 409];
  if (noSuchChild) return [404];
  return [200, 201, 403, 409]; // actions on live objects in reach: the matrix pins these down exactly
}

let w: MatrixWorld;
const targets = {} as Record<Exclude<ObjectKind, 'missing'>, () => Promise<Target>>;

beforeAll(async () => {
  w = await setupMatrix();
  // Another workflow: billing, whose open task belongs to the front desk (none of the callers').
  targets.foreign = async () => {
    const started = await w.ok('designer', 'POST', '/api/instances', {
      definitionId: 'billing-question',
      data: { patient: 'DEMO-9142', channel: 'phone', question: `${PATIENT.name} asks about her bill` },
    });
    return { instanceId: started.instance.id, taskId: started.instance.active[0].taskId };
  };
  // The nurse's task was open, then a lead cancelled the instance.
  targets.ended = async () => {
    const { instanceId, taskId } = await w.nurseTask();
    await w.ok('designer', 'POST', `/api/instances/${instanceId}/cancel`, { reason: 'duplicate' });
    return { instanceId, taskId };
  };
  // A sandbox instance: the same rules as a real one.
  targets.practice = async () => {
    const started = await w.ok('designer', 'POST', '/api/instances', {
      definitionId: TRIAGE,
      data: TRIAGE_START,
      practice: true,
    });
    const sorted = await w.ok(SORTER, 'POST', `/api/tasks/${started.instance.active[0].taskId}/complete`, {
      outcome: 'sorted',
      data: { topic: 'medical-question', redFlags: false },
    });
    const task = sorted.instance.active.find((a: { step: string }) => a.step === 'nurse-review');
    return { instanceId: started.instance.id, taskId: task.taskId };
  };
}, 60_000);
afterAll(() => w?.close());

function pathFor(r: RouteDoc, target: Target): string {
  const id = r.path.startsWith('/api/tasks/') ? target.taskId : target.instanceId;
  const path = r.path
    .replace('{id}', id)
    .replace('{noteId}', '7b0e1c5e-0000-4000-8000-00000000a0a0')
    .replace('{attachmentId}', '7b0e1c5e-0000-4000-8000-00000000b0b0');
  return r.path.endsWith('/replay') ? `${path}?at=1` : path;
}

describe('object-level authorization, generated over every instance and task route', () => {
  it('has a request body for every documented route that takes an instance or task id', () => {
    expect(instanceRoutes.length).toBeGreaterThanOrEqual(13);
    expect(instanceRoutes.map(routeKey).filter((k) => !(k in BODIES))).toEqual([]);
  });

  describe.each(OBJECTS)('%s object', (object) => {
    it.each(instanceRoutes.map((r) => [routeKey(r), r] as const))(
      '%s',
      async (_key, r) => {
        const wrong: string[] = [];
        for (const who of CALLERS) {
          const target =
            object === 'missing'
              ? {
                  instanceId: '7b0e1c5e-0000-4000-8000-000000000000',
                  taskId: '7b0e1c5e-0000-4000-8000-000000000000:1',
                }
              : await targets[object]();
          const before = await w.t.store.getInstance(target.instanceId);
          const res = await w.send(who, {
            method: r.method.toUpperCase(),
            path: pathFor(r, target),
            ...(formFor(routeKey(r)) ? { form: formFor(routeKey(r)) } : { body: BODIES[routeKey(r)] }),
          });
          const want = expected(r, object, who);
          if (!want.includes(res.status))
            wrong.push(`${who}: got ${res.status}, expected ${want.join('|')} — ${res.text.slice(0, 160)}`);
          expect(res.status, `${who} ${routeKey(r)}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.text, `${who}: a refusal shows no patient data`).not.toContain(PATIENT.name);
            const after = await w.t.store.getInstance(target.instanceId);
            expect(after?.revision, `${who}: a refusal changes nothing`).toBe(before?.revision);
          }
        }
        expect(wrong).toEqual([]);
      },
      30_000,
    );
  });

  it('practice instances stay out of real work lists, and real ones out of practice lists', async () => {
    const practice = await targets.practice();
    const real = await w.nurseTask();
    for (const who of ['designer', 'staffRole'] as const) {
      const live = await w.send(who, { method: 'GET', path: '/api/instances?limit=500' });
      const sandbox = await w.send(who, { method: 'GET', path: '/api/instances?practice=true&limit=500' });
      const ids = (page: { items: Array<{ id: string }> }) => page.items.map((i) => i.id);
      expect(ids(live.body), who).not.toContain(practice.instanceId);
      expect(ids(sandbox.body), who).not.toContain(real.instanceId);
      if (who === 'designer') {
        expect(ids(live.body)).toContain(real.instanceId);
        expect(ids(sandbox.body)).toContain(practice.instanceId);
      }
    }
    const pool = await w.send('staffRole', { method: 'GET', path: '/api/tasks?scope=pool&limit=500' });
    const tasks = pool.body.items.map((t: { id: string }) => t.id);
    expect(tasks).toContain(real.taskId);
    expect(tasks).not.toContain(practice.taskId);
  });
});

describe("a practice run's starter plays every role in it; nobody else gains anything", () => {
  const BILLING = 'billing-question';
  /** A billing question whose first step (logging it) is the front desk's: none of the callers hold that role. */
  const billingQuestion = async (who: string, practice: boolean) => {
    const started = await w.ok(who, 'POST', '/api/instances', {
      definitionId: BILLING,
      practice,
      data: { patient: 'DEMO-9143', channel: 'portal', question: `${PATIENT.name} asks about her bill` },
    });
    return { instanceId: started.instance.id as string, taskId: started.instance.active[0].taskId as string };
  };
  const logged = { outcome: 'logged', data: { requestType: 'statement-question' } };
  const tries = (taskId: string) => [
    { method: 'GET', path: `/api/tasks/${taskId}` },
    { method: 'POST', path: `/api/tasks/${taskId}/claim` },
    { method: 'POST', path: `/api/tasks/${taskId}/release` },
    { method: 'POST', path: `/api/tasks/${taskId}/complete`, body: logged },
  ];
  const poolOf = async (who: string, practice: boolean) =>
    (
      await w.send(who, { method: 'GET', path: `/api/tasks?scope=pool${practice ? '&practice=true' : ''}` })
    ).body.items.map((t: { id: string }) => t.id);

  it("another person's practice run stays closed, even to someone holding the starter's own role", async () => {
    const run = await billingQuestion('staffOther', true);
    await w.t.addUser('billing-2', [OTHER_ROLE]);
    for (const who of ['billing-2', 'staffRole']) {
      for (const req of tries(run.taskId)) {
        const before = await w.t.store.getInstance(run.instanceId);
        const res = await w.send(who, req);
        expect(res.status, `${who} ${req.method} ${req.path}`).toBe(403);
        expect(res.text).not.toContain(PATIENT.name);
        expect((await w.t.store.getInstance(run.instanceId))?.revision).toBe(before?.revision);
      }
      expect(await poolOf(who, true), who).not.toContain(run.taskId);
    }
    // Each refusal is in the access log; the starter's own work on the run is logged as allowed.
    const denied = await w.t.store.listAccess({
      instanceId: run.instanceId,
      userId: w.userId('billing-2'),
      outcome: 'deny',
      practice: true,
    });
    expect(denied.items.length).toBeGreaterThanOrEqual(4);
    expect(await poolOf('staffOther', true)).toContain(run.taskId);
    expect((await w.send('staffOther', tries(run.taskId)[1]!)).status).toBe(200);
    const done = await w.send('staffOther', tries(run.taskId)[3]!);
    expect(done.status, done.text).toBe(200);
    const allowed = await w.t.store.listAccess({
      instanceId: run.instanceId,
      userId: w.userId('staffOther'),
      outcome: 'allow',
      practice: true,
    });
    expect(allowed.items.map((e) => e.detail)).toEqual(expect.arrayContaining(['claim', 'complete']));
  });

  it("real work is unchanged: whoever started a real request does not work another role's step of it", async () => {
    for (const who of ['staffOther', 'designer']) {
      const real = await billingQuestion(who, false);
      const reads = await w.send(who, tries(real.taskId)[0]!);
      // Leads read every task, as before; staff read only their roles' tasks.
      expect(reads.status, `${who} GET`).toBe(who === 'designer' ? 200 : 403);
      if (who === 'designer') expect(reads.body.practiceStandIn).toBe(false);
      for (const req of tries(real.taskId).slice(1)) {
        const before = await w.t.store.getInstance(real.instanceId);
        const res = await w.send(who, req);
        // A lead may put a task back in its pool (it is in it already: 409); nobody else may touch it.
        expect(res.status, `${who} ${req.method} ${req.path}`).toBe(
          who === 'designer' && req.path.endsWith('/release') ? 409 : 403,
        );
        expect((await w.t.store.getInstance(real.instanceId))?.revision).toBe(before?.revision);
      }
      expect(await poolOf(who, false)).not.toContain(real.taskId);
      expect(await poolOf(who, true)).not.toContain(real.taskId);
    }
  });
});

describe('object-level authorization on definitions, accounts and break-glass grants', () => {
  it('drafts are hidden from staff; only leads change or publish any workflow', async () => {
    const draft = await w.freshDraft();
    for (const who of CALLERS) {
      const get = await w.send(who, { method: 'GET', path: `/api/definitions/${draft}` });
      expect(get.status, `${who} GET draft`).toBe(who === 'designer' || who === 'auditor' ? 200 : 404);
    }
    for (const who of [...CALLERS].reverse()) {
      const lead = who === 'designer';
      for (const id of [draft, TRIAGE]) {
        const put = await w.send(who, {
          method: 'PUT',
          path: `/api/definitions/${id}`,
          body: { definition: { ...triageDefinition(), id, title: 'Changed' }, revision: 1 },
        });
        expect(put.status, `${who} PUT ${id}`).toBe(lead ? 200 : 403);
        const publish = await w.send(who, {
          method: 'POST',
          path: `/api/definitions/${id}/publish`,
          body: {},
        });
        if (!lead) expect(publish.status, `${who} publish ${id}`).toBe(403);
      }
    }
  });

  it('nobody but an admin changes an account, their own included; unknown fields are refused even to admins', async () => {
    const colleague = await w.freshUser([TASK_ROLE]);
    for (const who of CALLERS)
      for (const id of [colleague.id, w.userId(who)])
        for (const body of [
          { roles: ['admin'] },
          { passwordHash: 'scrypt$forged' },
          { displayName: 'Renamed' },
          { disabled: true },
          { resetTwoFactor: true },
        ]) {
          const res = await w.send(who, { method: 'PATCH', path: `/api/users/${id}`, body });
          expect(res.status, `${who} PATCH ${JSON.stringify(body)}`).toBe(403);
        }
    for (const body of [
      { passwordHash: 'scrypt$forged' },
      { id: 'u-1' },
      { createdAt: '2000-01-01T00:00:00Z' },
    ]) {
      const res = await w.send('admin', { method: 'PATCH', path: `/api/users/${colleague.id}`, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await w.t.store.getUser(colleague.id)).toMatchObject({ roles: [TASK_ROLE], disabled: false });
    const missing = await w.send('admin', {
      method: 'PATCH',
      path: '/api/users/no-such-user',
      body: { displayName: 'x' },
    });
    expect(missing.status).toBe(404);
  });

  it("a break-glass grant is ended only by its holder; another's grant is not found", async () => {
    await w.t.addUser('on-call-2', ['front-desk', 'break-glass']);
    const granted = await w.ok('on-call-2', 'POST', '/api/emergency-access', {
      reason: 'Covering the ED overnight for a colleague',
      minutes: 10,
    });
    for (const who of CALLERS) {
      const res = await w.send(who, {
        method: 'POST',
        path: `/api/emergency-access/${granted.grant.id}/end`,
      });
      expect(res.status, who).toBe(404);
    }
    const mine = await w.send('staffRole', { method: 'GET', path: '/api/emergency-access' });
    expect(mine.body.grants).toEqual([]);
    expect(
      (await w.send('on-call-2', { method: 'POST', path: `/api/emergency-access/${granted.grant.id}/end` }))
        .status,
    ).toBe(200);
  });
});

describe('field-level protection: forbidden fields are refused, and routes without a body read none', () => {
  it.each([
    ['revision', 7],
    ['status', 'done'],
    ['actor', 'someone'],
    ['practice', true],
    ['assignee', 'someone'],
  ])('complete and signal refuse `%s`', async (field, value) => {
    const { taskId, instanceId } = await w.nurseTask('staffRole');
    const complete = await w.send('staffRole', {
      method: 'POST',
      path: `/api/tasks/${taskId}/complete`,
      body: { outcome: 'answered', [field]: value },
    });
    expect(complete.status).toBe(400);
    const signal = await w.send('staffRole', {
      method: 'POST',
      path: `/api/instances/${instanceId}/signal`,
      body: { name: 'patient-replied', [field]: value },
    });
    expect(signal.status).toBe(400);
    expect((await w.t.store.getTask(taskId))!.status).toBe('open');
  });

  it('starting an instance cannot set who started it, its revision or its status', async () => {
    for (const extra of [
      { startedBy: w.userId(PEER) },
      { revision: 5 },
      { status: 'done' },
      { id: 'chosen-id' },
    ]) {
      const res = await w.send('staffRole', {
        method: 'POST',
        path: '/api/instances',
        body: { definitionId: TRIAGE, data: {}, ...extra },
      });
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
  });

  it('a claim gives the task to the caller, whatever a body says (claim reads no body)', async () => {
    const { taskId } = await w.nurseTask();
    const res = await w.send('staffRole', {
      method: 'POST',
      path: `/api/tasks/${taskId}/claim`,
      body: { assignee: w.userId(PEER), role: 'provider' },
    });
    expect(res.status, res.text).toBe(200);
    expect(await w.t.store.getTask(taskId)).toMatchObject({
      assignee: w.userId('staffRole'),
      role: TASK_ROLE,
    });
  });

  it('only leads set an assignee, a role or a due time; staff get 403 even for their own task', async () => {
    const { taskId } = await w.nurseTask('staffRole');
    for (const body of [
      { assignee: w.userId(PEER) },
      { role: 'provider' },
      { due: '2026-03-03T09:00:00Z' },
    ]) {
      const res = await w.send('staffRole', { method: 'POST', path: `/api/tasks/${taskId}/reassign`, body });
      expect(res.status, JSON.stringify(body)).toBe(403);
    }
    expect(await w.t.store.getTask(taskId)).toMatchObject({
      assignee: w.userId('staffRole'),
      role: TASK_ROLE,
    });
  });
});
