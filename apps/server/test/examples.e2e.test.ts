import {
  addWallDuration,
  canonicalJson,
  DEFAULT_SIMULATION_START,
  type Definition,
  type Effect,
  type InstanceSnapshot,
  parseDefinition,
  parseScript,
  type RecordedEvent,
  replay,
  type ScriptEvent,
  simulate,
} from '@portalflow/engine';
import { clinicCalendar, type ExampleScript, type ExampleWorkflow, workflows } from '@portalflow/examples';
import type { AuditEvent, Task } from '@portalflow/store';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';

/**
 * Every scripted story of every example workflow, played through the HTTP API by users holding the
 * roles the script names, on the clinic calendar, with deadlines fired by the real timer worker.
 * The result must be what the engine's own simulation of the same script gives, and the stored
 * history, projection and hash chain must agree with each other at every step.
 */

const history = (events: AuditEvent[]): RecordedEvent[] =>
  events.map((e) => ({ at: e.at, event: e.payload as RecordedEvent['event'] }));

/** The open tasks as the snapshot has them, in the projection's shape. */
function snapshotTasks(snapshot: InstanceSnapshot) {
  return Object.values(snapshot.context.active)
    .filter((a) => a.kind === 'task')
    .map((a) => ({
      token: a.token,
      step: a.step,
      role: a.role ?? null,
      assignee: a.assignee ?? null,
      due: a.due ?? null,
      priority: a.priority ?? 'normal',
      escalated: a.escalated === true,
    }))
    .sort((x, y) => Number(x.token) - Number(y.token));
}

function projectedTasks(tasks: Task[]) {
  return tasks
    .filter((task) => task.status === 'open')
    .map((task) => ({
      token: task.token,
      step: task.step,
      role: task.role,
      assignee: task.assignee,
      due: task.due,
      priority: task.priority,
      escalated: task.escalated,
    }))
    .sort((x, y) => Number(x.token) - Number(y.token));
}

/**
 * After every change: the stored events replay to the stored snapshot, the open task rows are the
 * snapshot's open tasks, and the next durable timer is the snapshot's earliest deadline.
 */
async function checkConsistent(t: TestApp, definition: Definition, instanceId: string, label: string) {
  const instance = (await t.store.getInstance(instanceId))!;
  const events = await t.store.listEvents(instanceId);
  expect(events.length, label).toBe(instance.revision);
  expect(canonicalJson(replay(definition, history(events))), `${label}: replay == snapshot`).toBe(
    canonicalJson(instance.snapshot),
  );
  const tasks = await t.store.listInstanceTasks(instanceId);
  expect(projectedTasks(tasks), `${label}: projection == snapshot`).toEqual(snapshotTasks(instance.snapshot));
  // One story runs at a time and earlier ones have finished, so the only timers are this instance's.
  const dues = Object.values(instance.snapshot.context.timers)
    .map((timer) => timer.due)
    .sort();
  const next = instance.status === 'active' ? (dues[0] ?? null) : null;
  expect(await t.store.nextTimerDue(), `${label}: timers == snapshot`).toBe(next);
}

async function runStory(t: TestApp, example: ExampleWorkflow, definition: Definition, script: ExampleScript) {
  const as = (username: string) => t.token(username);
  const events: ScriptEvent[] = parseScript(script.events);
  const expected = simulate(definition, events, { calendar: clinicCalendar });
  expect(expected.error).toBeUndefined();
  const lead = await as('lead');

  const first = events[0];
  if (first?.type !== 'start') throw new Error(`${script.name} does not begin with start`);
  t.clock.set(first.at ?? DEFAULT_SIMULATION_START);
  const started = await t.call('POST', '/api/instances', {
    as: lead,
    body: { definitionId: example.id, data: first.data ?? {} },
  });
  expect(started.status, started.text).toBe(201);
  const id: string = started.body.instance.id;
  await checkConsistent(t, definition, id, 'start');

  for (const [index, event] of events.entries()) {
    const label = `event ${index} (${event.type}${'step' in event ? ` ${event.step}` : ''})`;
    switch (event.type) {
      case 'start':
        continue;
      case 'complete': {
        // A user holding the role that owns the task now finds it in their role's pool…
        const user = await as(event.role);
        const pool = await t.call('GET', `/api/tasks?scope=pool&definitionId=${example.id}&limit=500`, {
          as: user,
        });
        expect(pool.status, label).toBe(200);
        const found = (pool.body.items as Task[]).filter((x) => x.instanceId === id && x.step === event.step);
        expect(found.length, `${label}: one open '${event.step}' task in the ${event.role} pool`).toBe(1);
        const task = found[0]!;
        expect(task.role, label).toBe(event.role);
        // …claims it…
        const claimed = await t.call('POST', `/api/tasks/${encodeURIComponent(task.id)}/claim`, { as: user });
        expect(claimed.status, `${label}: claim ${claimed.text}`).toBe(200);
        expect(claimed.body.task.assignee).toBe(t.user(event.role).id);
        // …and completes it with the script's outcome and form data.
        const body: Record<string, unknown> = { outcome: event.outcome };
        if (event.data) body.data = event.data;
        const done = await t.call('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, {
          as: user,
          body,
        });
        expect(done.status, `${label}: complete ${done.text}`).toBe(200);
        expect(done.body.task).toBeNull();
        break;
      }
      case 'signal': {
        const body: Record<string, unknown> = { name: event.name };
        if (event.data) body.data = event.data;
        const signalled = await t.call('POST', `/api/instances/${id}/signal`, { as: lead, body });
        expect(signalled.status, `${label}: ${signalled.text}`).toBe(200);
        break;
      }
      case 'advance':
        await t.advanceTo(addWallDuration(t.clock.now(), event.by));
        break;
      default:
        throw new Error(`${label}: scripts use start/complete/signal/advance only`);
    }
    await checkConsistent(t, definition, id, label);
  }

  // The same end as the engine's simulation of the script: status, end step, data, deadlines fired.
  const view = await t.call('GET', `/api/instances/${id}`, { as: lead });
  expect(view.status).toBe(200);
  const want = expected.snapshot!;
  expect(view.body.instance.status).toBe(want.status);
  expect(view.body.instance.status).toBe('done');
  expect(view.body.instance.end).toEqual(want.end);
  expect(view.body.instance.data).toEqual(want.context.data);
  expect(view.body.instance.active).toEqual([]);

  // The history replays to exactly the stored snapshot.
  const auditor = await as('auditor');
  const hist = await t.call('GET', `/api/instances/${id}/history?values=true`, { as: auditor });
  expect(hist.status).toBe(200);
  const stored = (await t.store.getInstance(id))!;
  const recorded = history(hist.body.events as AuditEvent[]);
  expect(canonicalJson(replay(definition, recorded))).toBe(canonicalJson(stored.snapshot));
  const fired = (h: RecordedEvent[]) =>
    h.filter((r) => r.event.type === 'timer-fired').map((r) => ({ at: r.at, event: r.event }));
  expect(fired(recorded)).toEqual(fired(expected.history));
  const completes = (h: RecordedEvent[]) =>
    h.flatMap((r) =>
      r.event.type === 'complete' ? [[r.at, r.event.step, r.event.outcome, r.event.role]] : [],
    );
  expect(completes(recorded)).toEqual(completes(expected.history));

  // The chain verifies.
  const verify = await t.call('GET', `/api/audit/verify?instanceId=${id}`, { as: auditor });
  expect(verify.status).toBe(200);
  expect(verify.body.result).toEqual({ ok: true, count: stored.revision, lastHash: stored.lastHash });

  // Projection == replay: every task row is a task the replay opened, closed as the replay closed it.
  const closedBy = new Map<string, Extract<Effect, { type: 'task.closed' }>>();
  const opened: string[] = [];
  replay(definition, recorded, {
    onEvent: (_i, _s, effects) => {
      for (const e of effects) {
        if (e.type === 'task.opened') opened.push(e.token);
        if (e.type === 'task.closed') closedBy.set(e.token, e);
      }
    },
  });
  const rows = await t.store.listInstanceTasks(id);
  expect(rows.map((r) => r.token).sort()).toEqual([...opened].sort());
  for (const row of rows) {
    const closed = closedBy.get(row.token);
    expect(row.status, `task ${row.step}`).toBe('closed');
    expect(row.closeReason, `task ${row.step}`).toBe(closed?.reason);
    expect(row.outcome, `task ${row.step}`).toBe(closed?.outcome ?? null);
  }
}

const total = workflows.reduce((n, w) => n + w.scripts.length, 0);

/**
 * Each workflow gets its own app, database and clock, so the nine run side by side; the stories of
 * one workflow run one after another on its clock. Stories span up to three years of simulated time
 * (yearly proxy renewals) and restart the clock, which no 12-hour session survives: their users act
 * through API tokens.
 */
describe(`every example workflow end to end through the API (${total} stories)`, () => {
  for (const example of workflows) {
    // Generous per-story timeout: the nine run side by side on a busy CI machine.
    describe.concurrent(example.id, { timeout: 30_000 }, () => {
      // Parsed once: the engine compiles (and caches) a machine per definition object.
      const definition = parseDefinition(example.definition, { filename: `${example.id}.json` });
      let t: TestApp;
      // Nine apps start at once here (each its database, threads and users): as generous as a story.
      beforeAll(async () => {
        t = await makeApp({ publish: false });
      }, 30_000);
      afterAll(() => t?.close());
      // A story that failed half-way must not leave its timers to fire in the next one.
      afterEach(async () => {
        const lead = await t.token('lead');
        for (const left of (await t.store.listInstances({ status: 'active', limit: 500 })).items) {
          await t.call('POST', `/api/instances/${left.id}/cancel`, {
            as: lead,
            body: { reason: 'story failed' },
          });
        }
      });

      it.sequential('is published through the API', async () => {
        const lead = await t.token('lead');
        const created = await t.call('POST', '/api/definitions', {
          as: lead,
          body: { definition: example.definition },
        });
        expect(created.status, created.text).toBe(201);
        const published = await t.call('POST', `/api/definitions/${example.id}/publish`, { as: lead });
        expect(published.status, published.text).toBe(200);
        expect(published.body.version.version).toBe(1);
      });

      for (const script of example.scripts) {
        it.sequential(script.name, () => runStory(t, example, definition, script));
      }

      it.sequential('ends with every history verified, no open work and no server errors', async () => {
        const verify = await t.call('GET', '/api/audit/verify', { as: await t.token('auditor') });
        expect(verify.status).toBe(200);
        expect(verify.body).toMatchObject({ ok: true, instances: example.scripts.length, failures: [] });
        const open = await t.call('GET', '/api/tasks?scope=all&limit=500', { as: await t.token('lead') });
        expect(open.body.items).toEqual([]);
        expect(await t.store.nextTimerDue()).toBeNull();
        expect(t.logs.filter((line) => / 5\d\d /.test(line) || line.startsWith('internal error'))).toEqual(
          [],
        );
      });
    });
  }
});
