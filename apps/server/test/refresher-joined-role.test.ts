// biome-ignore-all lint/suspicious/noExplicitAny: response bodies and example definitions are read as loose JSON
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, type TestApp } from './support/app.ts';

/**
 * A person who joins a role learns its job as it is then: their refresher starts from the version that
 * was current when they got the role, never from version 1. Triage is published three times here: v2
 * gives the medical assistant two business days to sort a message, v3 three days.
 */
const TRIAGE = 'portal-message-triage';
const MA = 'medical-assistant';
const sortDeadline = (from: number, to: number) =>
  `Sort the portal message: ${from} business days, then to Nurse manager → ${to} business days, then to Nurse manager`;

describe('a refresher starts from the version current when the person joined the role', () => {
  let t: TestApp;
  const mine = async (username: string) => {
    const res = await t.call('GET', '/api/refreshers/mine', { as: await t.token(username) });
    expect(res.status, res.text).toBe(200);
    return (res.body.changes as any[]).filter((c) => c.definitionId === TRIAGE && c.role === MA);
  };

  beforeAll(async () => {
    t = await makeApp();
  });
  afterAll(() => t.close());

  async function publish(after: string): Promise<number> {
    const lead = await t.token('lead');
    const current = await t.call('GET', `/api/definitions/${TRIAGE}`, { as: lead });
    const definition = structuredClone(current.body.latest.definition);
    definition.steps['sort-message'].deadline.after = after;
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

  it('someone hired, or moved into the role, after v2 reads only what v3 changed', async () => {
    expect(await publish('P2D')).toBe(2);
    // Hired after version 2 came out, and a front desk colleague given the role then too.
    await t.addUser('ma-hired', [MA]);
    await t.addUser('fd-moved', ['front-desk']);
    const moved = await t.call('PATCH', `/api/users/${t.user('fd-moved').id}`, {
      as: await t.login('admin'),
      body: { roles: ['front-desk', MA] },
    });
    expect(moved.status, moved.text).toBe(200);
    t.clock.advance('PT1H');

    // Nothing published since they joined: nothing to catch up on.
    expect(await mine('ma-hired')).toEqual([]);
    expect(await mine('fd-moved')).toEqual([]);

    expect(await publish('P3D')).toBe(3);
    for (const username of ['ma-hired', 'fd-moved']) {
      const changes = await mine(username);
      expect(changes).toHaveLength(1);
      expect(changes[0]).toMatchObject({ version: 3, previousVersion: 2, done: false });
      expect(changes[0].change.deadlines.map((c: any) => c.text)).toEqual([sortDeadline(2, 3)]);
    }
    // Someone who held the role from the start still catches up from version 1.
    expect(await mine(MA)).toEqual([
      expect.objectContaining({ version: 3, previousVersion: 1, done: false }),
    ]);

    // Reading it records version 3 only: the versions before are the job as they learned it.
    const ack = await t.call('POST', '/api/refreshers/acknowledge', {
      as: await t.token('ma-hired'),
      body: { definitionId: TRIAGE, version: 3, role: MA },
    });
    expect(ack.status, ack.text).toBe(200);
    const recorded = await t.store.listRefresherAcknowledgements({ userId: t.user('ma-hired').id });
    expect(recorded.map((a) => a.version)).toEqual([3]);
    expect(await mine('ma-hired')).toEqual([
      expect.objectContaining({
        version: 3,
        previousVersion: 2,
        acknowledgedAt: t.clock.now(),
        // A new deadline on their own step is practised too.
        practiceNeeded: true,
        done: false,
      }),
    ]);
  });

  it('leads see each new person compared with the version they joined at', async () => {
    const overview = await t.call('GET', '/api/refreshers', { as: await t.token('lead') });
    expect(overview.status, overview.text).toBe(200);
    const ma = overview.body.changes.find((r: any) => r.definitionId === TRIAGE && r.role === MA);
    const person = (username: string) => ma.people.find((p: any) => p.username === username);
    expect(person(MA)).toMatchObject({ previousVersion: 1, done: false });
    expect(person('ma-hired')).toMatchObject({ previousVersion: 2, acknowledgedAt: expect.any(String) });
    expect(person('fd-moved')).toMatchObject({ previousVersion: 2, done: false });
  });
});
