// `replay` of an instance moved to another version: it starts on version 1 and switches at the move.

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ROLE_TITLES } from '@portalflow/contract';
import {
  type Definition,
  type EngineEvent,
  type MigratedEvent,
  migrateSnapshot,
  parseDefinition,
  proposeMapping,
  transition,
} from '@portalflow/engine';
import { GENESIS_HASH, openStore, projectEffects, type Store } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binArgs } from './support/bin.ts';

const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [...binArgs, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DATABASE_URL: '' },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const v1: Definition = parseDefinition({
  id: 'refill',
  title: 'Prescription refill',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'nurse', name: 'Nurse' },
    { id: 'pharmacist', name: 'Pharmacist' },
  ],
  start: 'intake',
  steps: {
    intake: { type: 'task', role: 'front-desk', title: 'Check the request', outcomes: { ok: 'review' } },
    review: { type: 'task', role: 'nurse', title: 'Review the refill', outcomes: { approved: 'done' } },
    done: { type: 'end', outcome: 'refilled' },
  },
});
/** Version 2: the review is renamed and owned by the pharmacist. */
const v2: Definition = parseDefinition({
  ...v1,
  steps: {
    intake: {
      type: 'task',
      role: 'front-desk',
      title: 'Check the request',
      outcomes: { ok: 'refill-review' },
    },
    'refill-review': {
      type: 'task',
      role: 'pharmacist',
      title: 'Review the refill',
      outcomes: { approved: 'done' },
    },
    done: { type: 'end', outcome: 'refilled' },
  },
});

async function publish(store: Store, definition: Definition, revision: number) {
  const saved = await store.saveDraft({
    id: definition.id,
    title: definition.title,
    definition,
    expectedRevision: revision,
    updatedBy: null,
  });
  if (!saved.ok) throw new Error('save');
  const published = await store.publish({ definitionId: definition.id, publishedBy: null });
  if (!published.ok) throw new Error('publish');
}

let dir: string;
let url: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pf-cli-migrated-'));
  url = `file:${join(dir, 'pf.db')}`;
  const store = await openStore({ url });
  await publish(store, v1, 0);
  await publish(store, v2, 1);
  let snapshot = null;
  let revision = 0;
  let prevHash = GENESIS_HASH;
  const events: EngineEvent[] = [
    { type: 'start', data: {} },
    { type: 'complete', step: 'intake', outcome: 'ok', role: 'front-desk' },
  ];
  for (const [i, event] of events.entries()) {
    const at = `2026-03-02T16:0${i}:00.000Z`;
    const r = transition(v1, snapshot, event, at);
    if (!r.ok) throw r.error;
    const c = await store.commitInstanceChange({
      instanceId: 'i-moved',
      expectedRevision: revision,
      ...(revision === 0 ? { create: { definitionId: 'refill', version: 1, startedBy: null } } : {}),
      event: { at, actor: null, role: null, type: event.type, payload: event, prevHash },
      snapshot: r.snapshot,
      ...projectEffects(r.effects, { definition: v1, snapshot: r.snapshot, at }),
    });
    if (!c.ok) throw new Error(c.reason);
    snapshot = r.snapshot;
    revision = c.revision;
    prevHash = c.hash;
  }
  const at = '2026-03-02T16:05:00.000Z';
  const mapping = proposeMapping(v1, v2);
  const moved = migrateSnapshot(v1, v2, snapshot!, mapping, at);
  if (!moved.ok) throw new Error(moved.blockers[0]!.message);
  const event: MigratedEvent = { type: 'migrated', from: 1, to: 2, mapping };
  const c = await store.commitInstanceChange({
    instanceId: 'i-moved',
    expectedRevision: revision,
    pin: { from: 1, to: 2 },
    event: { at, actor: 'lead', role: 'designer', type: 'migrated', payload: event, prevHash },
    snapshot: moved.snapshot,
    ...projectEffects(moved.effects, { definition: v2, snapshot: moved.snapshot, at }),
  });
  if (!c.ok) throw new Error(c.reason);
  await store.close();
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('portalflow replay across a migration', () => {
  it('replays from version 1, switches at the migrated event and matches the stored state', () => {
    const whole = cli(['replay', 'i-moved', '--db', url, '--json']);
    expect(whole.code, whole.err).toBe(0);
    const report = JSON.parse(whole.out);
    expect(report).toMatchObject({
      version: 2,
      matchesStored: true,
      ok: true,
      chain: { ok: true, count: 3 },
    });
    expect(report.active.map((a: { step: string; role: string }) => [a.step, a.role])).toEqual([
      ['refill-review', 'pharmacist'],
    ]);
    const before = cli(['replay', 'i-moved', '--db', url, '--json', '--at', '2']);
    expect(before.code, before.err).toBe(0);
    expect(
      JSON.parse(before.out).active.map((a: { step: string; role: string }) => [a.step, a.role]),
    ).toEqual([['review', 'nurse']]);
  }, 120_000);

  it('names who moved it by the product role’s title, as every screen does', () => {
    const r = cli(['replay', 'i-moved', '--db', url]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`lead (${SYSTEM_ROLE_TITLES.designer})`);
    expect(r.out).not.toMatch(/\(designer\)|\(Designer\)/);
  }, 120_000);
});
