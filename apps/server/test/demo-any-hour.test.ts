import { clinicDay, isOpen, parseCalendar } from '@portalflow/engine';
import { clinicCalendar, roleCatalog, workflows } from '@portalflow/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSeed, seedDemo } from '../src/seed/demo.ts';
import { demoStories, inProgressStories } from '../src/seed/demo-history.ts';
import { makeApp, type TestApp } from './support/app.ts';

/**
 * Whenever a clinic first starts the demo (a Sunday evening, before Monday's opening, the day after a
 * holiday), what it seeds has already happened: no step, note or file is dated after now, and the work
 * waiting today is not already days late. The clinic is in Denver (UTC−7 in winter).
 */

const calendar = parseCalendar(clinicCalendar);
const ALL_ROLES = roleCatalog.map((r) => r.id);
const DAY_MS = 86_400_000;

const INSTANTS: Array<[string, string]> = [
  ['Sunday afternoon', '2026-12-06T21:35:00.000Z'],
  ['Sunday evening', '2026-12-07T02:30:00.000Z'],
  ['Saturday morning', '2026-12-05T16:00:00.000Z'],
  ['Monday 7 AM, before opening', '2026-12-07T14:00:00.000Z'],
  ['Friday after closing', '2026-12-05T01:30:00.000Z'],
  ['the morning after Thanksgiving', '2026-11-27T15:30:00.000Z'],
  ['the Monday after Christmas, 8:10 AM', '2026-12-28T15:10:00.000Z'],
  ['a Wednesday afternoon', '2026-12-09T21:00:00.000Z'],
  ['a Tuesday just after opening', '2026-12-08T15:05:00.000Z'],
];

describe.each(INSTANTS)('the demo started on %s', (_label, start) => {
  let t: TestApp;
  let seeded: DemoSeed;
  const nowMs = Date.parse(start);
  beforeAll(async () => {
    t = await makeApp({ publish: false, users: [], start });
    seeded = await seedDemo(
      t.store,
      t.instances,
      t.clock.now,
      'a demo password for tests',
      undefined,
      undefined,
      t.deps.config.attachmentsDir,
    );
  }, 120_000);
  afterAll(() => t?.close());

  it('plays the whole past week and every handoff, none left out for want of time', () => {
    expect(seeded.history).toMatchObject({
      played: demoStories(workflows).length,
      inProgress: inProgressStories(workflows).length,
      skipped: [],
    });
  });

  it('dates every event, note, task and attached file at or before now', async () => {
    const instances = (await t.store.listInstances({ limit: 200 })).items;
    expect(instances.length).toBeGreaterThan(40);
    const late: string[] = [];
    const check = (what: string, at: string | null | undefined) => {
      if (at && Date.parse(at) > nowMs) late.push(`${what} at ${at}`);
    };
    for (const instance of instances) {
      check(`${instance.definitionId} started`, instance.startedAt);
      check(`${instance.definitionId} changed`, instance.updatedAt);
      for (const e of await t.store.listEvents(instance.id))
        check(`${instance.definitionId} ${e.type} #${e.seq}`, e.at);
      for (const n of await t.store.listNoteRevisions(instance.id))
        check(`${instance.definitionId} note`, n.at);
      for (const a of await t.store.listAttachments(instance.id))
        check(`${instance.definitionId} file`, a.at);
      for (const task of await t.store.listInstanceTasks(instance.id)) {
        check(`${task.step} opened`, task.openedAt);
        check(`${task.step} closed`, task.closedAt);
      }
    }
    expect(late).toEqual([]);
  });

  it('did the past week’s and today’s work in clinic hours', async () => {
    const instances = (await t.store.listInstances({ limit: 200 })).items;
    const outside: string[] = [];
    for (const instance of instances) {
      // The requests that arrive as the demo starts come in now, whatever the hour.
      if (instance.startedAt === t.clock.now()) continue;
      for (const e of await t.store.listEvents(instance.id))
        if (!isOpen(e.at, calendar)) outside.push(`${instance.definitionId} ${e.type} #${e.seq} at ${e.at}`);
    }
    expect(outside).toEqual([]);
  });

  it('leaves no open task late, nor due absurdly far off', async () => {
    const open = await t.store.listTasks({ scope: 'all', roles: ALL_ROLES, status: 'open', limit: 500 });
    expect(open.items.length).toBeGreaterThan(10);
    for (const task of open.items) {
      if (!task.due) continue;
      expect(Date.parse(task.due), `${task.step} due ${task.due}`).toBeGreaterThanOrEqual(nowMs);
      expect(Date.parse(task.due), `${task.step} due ${task.due}`).toBeLessThan(nowMs + 30 * DAY_MS);
    }
  });

  it('hands on today’s requests on the last open day, all of them that day', async () => {
    const handedOn = await handoffs(t);
    expect(handedOn).toHaveLength(inProgressStories(workflows).length);
    const days = new Set(handedOn.map((i) => clinicDay(i.startedAt, calendar)));
    expect([...days]).toHaveLength(1);
    const day = [...days][0]!;
    // On an open day after the first hours, that is today.
    // (The clinic opens at 8 AM; every instant here is in Denver's winter time.)
    const opened = Date.parse(`${clinicDay(start, calendar)}T08:00:00-07:00`);
    if (isOpen(start, calendar) && nowMs - opened >= 4 * 3_600_000)
      expect(day).toBe(clinicDay(start, calendar));
    // Otherwise the last day the clinic was open, not a week ago.
    expect(nowMs - Date.parse(`${day}T12:00:00Z`)).toBeLessThan(6 * DAY_MS);
  });
});

/** The requests played up to the next role's step (today's handoffs), found by their patient. */
async function handoffs(t: TestApp) {
  const found = [];
  for (const want of inProgressStories(workflows)) {
    const patient = want.events[0]!.data?.patient;
    for (const summary of (await t.store.listInstances({ definitionId: want.workflowId, limit: 200 }))
      .items) {
      const instance = (await t.store.getInstance(summary.id))!;
      const steps = Object.values(instance.snapshot.context.active).map((a) => a.step);
      if (steps.includes(want.stopBefore) && instance.snapshot.context.data.patient === patient)
        found.push(summary);
    }
  }
  return found;
}
