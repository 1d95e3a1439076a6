// biome-ignore-all lint/suspicious/noExplicitAny: response bodies and example definitions are read as loose JSON
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleStart, makeApp, type TestApp } from './support/app.ts';

/**
 * A refresher catches a person up: one per person per workflow (for each role they hold in it),
 * comparing the version they last finished with the latest published one as a whole. Triage is
 * published four times here: v2 gives the medical assistant two business days to sort a message and
 * lets the nurse send a patient straight to booking a visit; v3 makes it three days and takes that
 * outcome back; v4 makes it four days.
 */
const TRIAGE = 'portal-message-triage';
const MA = 'medical-assistant';
const sortDeadline = (from: number, to: number) =>
  `Sort the portal message: ${days(from)}, then to Nurse manager → ${days(to)}, then to Nurse manager`;
const days = (n: number) => (n === 1 ? '1 business day' : `${n} business days`);

describe('refreshers catch a person up with the latest version', () => {
  let t: TestApp;
  const as = (username: string) => t.token(username);
  const mine = async (username: string) => {
    const res = await t.call('GET', '/api/refreshers/mine', { as: await as(username) });
    expect(res.status, res.text).toBe(200);
    return res.body.changes as any[];
  };

  beforeAll(async () => {
    t = await makeApp();
    await t.addUser('ma-2', [MA]);
    await t.addUser('ma-3', [MA]);
  });
  afterAll(() => t.close());

  async function publish(mutate: (definition: any) => void): Promise<number> {
    const lead = await as('lead');
    const current = await t.call('GET', `/api/definitions/${TRIAGE}`, { as: lead });
    const definition = structuredClone(current.body.latest.definition);
    mutate(definition);
    const saved = await t.call('PUT', `/api/definitions/${TRIAGE}`, {
      as: lead,
      body: { definition, revision: current.body.draft.revision },
    });
    expect(saved.status, saved.text).toBe(200);
    const published = await t.call('POST', `/api/definitions/${TRIAGE}/publish`, { as: lead, body: {} });
    expect(published.status, published.text).toBe(200);
    t.clock.advance('PT1H');
    return published.body.version.version as number;
  }

  /** A practice run of `version`, sorted as needing no reply: the run ends at its first task. */
  async function practise(username: string, version: number) {
    const who = await as(username);
    const started = await t.call('POST', '/api/instances', {
      as: who,
      body: { definitionId: TRIAGE, practice: true, version, data: exampleStart(TRIAGE) },
    });
    expect(started.status, started.text).toBe(201);
    const done = await t.call('POST', `/api/tasks/${started.body.instance.active[0].taskId}/complete`, {
      as: who,
      body: { outcome: 'no-reply-needed', data: { topic: 'other', redFlags: false } },
    });
    expect(done.status, done.text).toBe(200);
  }

  const acknowledge = async (username: string, version: number, role = MA) =>
    t.call('POST', '/api/refreshers/acknowledge', {
      as: await as(username),
      body: { definitionId: TRIAGE, version, role },
    });

  it('someone who missed two versions has one refresher: version 1 compared with the latest', async () => {
    expect(
      await publish((d) => {
        d.steps['sort-message'].deadline.after = 'P2D';
        d.steps['nurse-review'].outcomes['needs-visit'] = 'book-visit';
      }),
    ).toBe(2);
    // ma-2 finishes the refresher of version 2 before version 3 comes out.
    expect((await acknowledge('ma-2', 2)).status).toBe(200);
    await practise('ma-2', 2);
    expect(await mine('ma-2')).toEqual([expect.objectContaining({ version: 2, done: true })]);

    expect(
      await publish((d) => {
        d.steps['sort-message'].deadline.after = 'P3D';
        delete d.steps['nurse-review'].outcomes['needs-visit'];
      }),
    ).toBe(3);

    const changes = await mine(MA);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      definitionId: TRIAGE,
      role: MA,
      version: 3,
      previousVersion: 1,
      done: false,
      acknowledgedAt: null,
      practiceDoneAt: null,
    });
    // One deadline line, 1 → 3; the visit handed over in version 2 and taken back in 3 is no change.
    expect(changes[0].change.deadlines.map((c: any) => c.text)).toEqual([sortDeadline(1, 3)]);
    expect(changes[0].change.count).toBe(1);

    // The nurse's outcome came in version 2 and went in version 3: nothing to catch up on.
    expect(await mine('triage-nurse')).toEqual([]);
  });

  it('someone who finished version 2 is compared with version 2', async () => {
    const changes = await mine('ma-2');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ version: 3, previousVersion: 2, done: false, acknowledgedAt: null });
    expect(changes[0].change.deadlines.map((c: any) => c.text)).toEqual([sortDeadline(2, 3)]);
    expect(changes[0].change.handoffsRemoved).toHaveLength(1);
    expect(changes[0].change.handoffsRemoved[0].text).toContain('takes over from the Triage nurse (RN)');
  });

  it('finishing covers every version up to the latest; the next version is compared with it', async () => {
    // Read on a page opened before version 3 came out: a newer version has to be read first.
    const stale = await acknowledge(MA, 2);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT' });
    expect(stale.body.error.message).toMatch(/^Version 3 /);
    expect((await acknowledge(MA, 4)).status).toBe(404);

    const ack = await acknowledge(MA, 3);
    expect(ack.status, ack.text).toBe(200);
    expect(ack.body.acknowledgement).toMatchObject({ version: 3, role: MA, at: t.clock.now() });
    // Each version's changes are recorded as read, as a refresher of each version was before.
    const recorded = await t.store.listRefresherAcknowledgements({ userId: t.user(MA).id });
    expect(recorded.map((a) => [a.version, a.at])).toEqual([
      [2, t.clock.now()],
      [3, t.clock.now()],
    ]);
    // Repeated, it keeps the first time.
    const readAt = t.clock.now();
    t.clock.advance('PT1M');
    expect((await acknowledge(MA, 3)).body.acknowledgement.at).toBe(readAt);

    await practise(MA, 3);
    expect(await mine(MA)).toEqual([
      expect.objectContaining({ version: 3, previousVersion: 1, done: true, acknowledgedAt: readAt }),
    ]);

    expect(
      await publish((d) => {
        d.steps['sort-message'].deadline.after = 'P4D';
      }),
    ).toBe(4);
    const next = await mine(MA);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ version: 4, previousVersion: 3, done: false, acknowledgedAt: null });
    expect(next[0].change.deadlines.map((c: any) => c.text)).toEqual([sortDeadline(3, 4)]);
  });

  it('a version read on its own, before refreshers caught people up, does not cover the versions before it', async () => {
    // As recorded when each version was its own refresher: ma-3 read version 3's changes, not version 2's.
    const ma3 = t.user('ma-3').id;
    const earlier = t.clock.now();
    await t.store.acknowledgeRefresher({
      userId: ma3,
      definitionId: TRIAGE,
      version: 3,
      role: MA,
      at: earlier,
    });
    await practise('ma-3', 4);
    expect(await mine('ma-3')).toEqual([
      expect.objectContaining({ version: 4, previousVersion: 1, done: false, acknowledgedAt: null }),
    ]);
    t.clock.advance('PT1M');
    expect((await acknowledge('ma-3', 4)).status).toBe(200);
    const recorded = await t.store.listRefresherAcknowledgements({ userId: ma3 });
    expect(recorded.map((a) => [a.version, a.at])).toEqual([
      [3, earlier],
      [2, t.clock.now()],
      [4, t.clock.now()],
    ]);
    expect(await mine('ma-3')).toEqual([
      expect.objectContaining({ version: 4, previousVersion: 1, done: true }),
    ]);
  });

  it('leads see one row per workflow and role, each person with the version they are compared with', async () => {
    const overview = await t.call('GET', '/api/refreshers', { as: await as('lead') });
    expect(overview.status, overview.text).toBe(200);
    const triage = overview.body.changes.filter((r: any) => r.definitionId === TRIAGE);
    expect(triage.map((r: any) => r.role).sort()).toEqual([MA, 'nurse-manager', 'triage-nurse']);
    for (const r of triage) expect(r.version).toBe(4);

    const ma = triage.find((r: any) => r.role === MA);
    const person = (username: string) => ma.people.find((p: any) => p.username === username);
    expect(person(MA)).toMatchObject({ previousVersion: 3, done: false });
    expect(person('ma-2')).toMatchObject({ previousVersion: 2, done: false });
    expect(person('ma-3')).toMatchObject({ previousVersion: 1, done: true });
    // What each group of people still to do has to read: one comparison per starting version.
    expect(ma.comparisons.map((c: any) => c.previousVersion)).toEqual([2, 3]);
    expect(ma.comparisons[1].change.deadlines.map((c: any) => c.text)).toEqual([sortDeadline(3, 4)]);

    // The nurse had nothing to catch up on: up to date without reading anything.
    const nurse = triage.find((r: any) => r.role === 'triage-nurse');
    expect(nurse.people).toEqual([
      expect.objectContaining({
        username: 'triage-nurse',
        done: true,
        acknowledgedAt: null,
        previousVersion: 1,
      }),
    ]);
    expect(nurse.comparisons).toEqual([]);
  });
});
