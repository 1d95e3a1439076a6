// biome-ignore-all lint/suspicious/noExplicitAny: response bodies are read as loose JSON

import { workflows } from '@portalflow/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * A regular refresher planned for a role covers every workflow the role works: each one must be
 * practised before the person is up to date, the lead sees which are done, and a next-due date that
 * falls when the clinic is closed moves to its next opening (clinic calendar: Denver, Mon–Fri 8–5).
 */
const TRIAGE = 'portal-message-triage';

describe('a regular refresher for every workflow of a role', () => {
  let t: TestApp;
  const as = (username: string) => t.token(username);

  // Mon, Mar 2, 2026, 9:00 AM in Denver; 89 days later is Sat, May 30, when the clinic is closed.
  beforeAll(async () => {
    t = await makeApp({ start: '2026-03-02T16:00:00.000Z' });
  });
  afterAll(() => t.close());

  /**
   * A whole practice run, played by the medical assistant through the API: the example's first story
   * that only completes tasks, each step as the story does it.
   */
  async function practise(definitionId: string) {
    const ma = await as('medical-assistant');
    const story = workflows
      .find((w) => w.id === definitionId)!
      .scripts.map((s) => s.events as any[])
      .find((events) => events.slice(1).every((e) => e.type === 'complete'))!;
    const started = await t.call('POST', '/api/instances', {
      as: ma,
      body: { definitionId, practice: true, data: story[0].data },
    });
    expect(started.status, started.text).toBe(201);
    let instance = started.body.instance;
    for (const event of story.slice(1)) {
      const task = instance.active.find((a: any) => a.step === event.step);
      const done = await t.call('POST', `/api/tasks/${task.taskId}/complete`, {
        as: ma,
        body: { outcome: event.outcome, data: event.data ?? {} },
      });
      expect(done.status, done.text).toBe(200);
      instance = (await t.call('GET', `/api/instances/${instance.id}`, { as: ma })).body.instance;
    }
    expect(instance.status).toBe('done');
  }

  const mine = async () =>
    (await t.call('GET', '/api/refreshers/mine', { as: await as('medical-assistant') })).body.periodic;

  it('stays due until each workflow of the role is practised, and says which are done', async () => {
    const lead = await as('lead');
    const planned = await t.call('POST', '/api/refresher-schedules', {
      as: lead,
      body: { role: 'medical-assistant', everyDays: 89 },
    });
    expect(planned.status, planned.text).toBe(201);

    const before = await mine();
    expect(before).toHaveLength(1);
    const workflows = before[0].workflows.map((w: any) => w.definitionId);
    expect(workflows.length).toBeGreaterThanOrEqual(2);
    expect(workflows).toContain(TRIAGE);
    expect(before[0].workflows.every((w: any) => w.due && w.lastDoneAt === null && w.title)).toBe(true);
    expect(before[0].due).toBe(true);

    // One practice run, of triage only.
    const ma = await as('medical-assistant');
    const started = await t.call('POST', '/api/instances', {
      as: ma,
      body: { definitionId: TRIAGE, practice: true, data: exampleStart(TRIAGE) },
    });
    expect(started.status, started.text).toBe(201);
    const done = await t.call('POST', `/api/tasks/${started.body.instance.active[0].taskId}/complete`, {
      as: ma,
      body: { outcome: 'no-reply-needed', data: { topic: 'other', redFlags: false } },
    });
    expect(done.status, done.text).toBe(200);
    const practisedAt = t.clock.now();

    const after = (await mine())[0];
    // Not up to date: the other workflow was never practised.
    expect(after.due).toBe(true);
    expect(after.lastDoneAt).toBeNull();
    const triage = after.workflows.find((w: any) => w.definitionId === TRIAGE);
    // Sat, May 30 moves to Mon, Jun 1, 8:00 AM (MDT), when the clinic opens.
    expect(triage).toMatchObject({ due: false, lastDoneAt: practisedAt, dueAt: '2026-06-01T14:00:00.000Z' });
    const others = after.workflows.filter((w: any) => w.definitionId !== TRIAGE);
    expect(others.every((w: any) => w.due && w.lastDoneAt === null)).toBe(true);
    // The practice button starts a workflow still to practise.
    expect(after.definitionId).not.toBe(TRIAGE);

    // The lead sees the same, person by person.
    const overview = await t.call('GET', '/api/refreshers', { as: lead });
    const schedule = overview.body.schedules.find((s: any) => s.role === 'medical-assistant');
    const person = schedule.people.find((p: any) => p.username === 'medical-assistant');
    expect(person.due).toBe(true);
    expect(person.workflows).toEqual(after.workflows);
  });

  it('is up to date once every workflow is practised, next due at the earliest of them', async () => {
    for (const w of (await mine())[0].workflows.filter((x: any) => x.due)) await practise(w.definitionId);
    const after = (await mine())[0];
    expect(after.workflows.every((w: any) => !w.due)).toBe(true);
    expect(after.due).toBe(false);
    expect(after.dueAt).toBe('2026-06-01T14:00:00.000Z');
  });
});
