import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/server.ts';

/**
 * A second server process starting the demo on a database an older version wrote links the demo's
 * English and Spanish answers. That is a change to the clinic's help like an edit, so it is announced
 * on the change feed: a process already running forgets the help it kept and reads it again.
 */
const CLINIC = 'riverside';

let dir: string;
let url: string;
let first: RunningServer;
let second: RunningServer | undefined;
/** How often the first process read the clinic's help history (its earlier addresses come from it). */
let historyReads = 0;

interface PublicEntry {
  id: string;
  translations: Record<string, string>;
}

async function publicSite(server: RunningServer): Promise<PublicEntry[]> {
  const res = await fetch(`${server.url}/api/public/help/${CLINIC}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: PublicEntry[] }).entries;
}

/** The help.changed messages of the change feed after an id. */
async function helpChangedAfter(server: RunningServer, afterId: number): Promise<unknown[]> {
  const rows = await server.store.readFeed(afterId, 500);
  return rows
    .flatMap((row) => JSON.parse(row.message) as Array<{ type: string; clinic?: string }>)
    .filter((m) => m.type === 'help.changed' && m.clinic === CLINIC);
}

beforeAll(async () => {
  dir = await mkdtemp(
    join(process.env.PORTALFLOW_TEST_TMPDIR ?? tmpdir(), 'portalflow-help-link-announced-'),
  );
  url = `file:${join(dir, 'pf.db')}`;
  first = await startServer({ port: 0, databaseUrl: url, demo: true, quiet: true });
  // The answers as a version before the links wrote them: no answer names its translation.
  const store = await openStore({ url });
  for (const e of await store.listHelpEntries({ clinic: CLINIC, audience: 'patients' }))
    if (e.translationOf)
      await store.updateHelpEntry({
        id: e.id,
        expectedRevision: e.revision,
        patch: { translationOf: null },
        userId: null,
      });
  await store.close();
  const read = first.store.listHelpClinicChanges.bind(first.store);
  first.store.listHelpClinicChanges = (clinic) => {
    historyReads++;
    return read(clinic);
  };
}, 120_000);
afterAll(async () => {
  await second?.close();
  await first?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a second process linking the demo answers', () => {
  it('announces the change, and the first process reads the help again', async () => {
    await first.feed.poll();
    const entries = await publicSite(first);
    expect(entries.filter((e) => Object.keys(e.translations).length > 0)).toEqual([]);
    await publicSite(first);
    const reads = historyReads;
    const feedBefore = (await first.store.feedBounds()).newest;

    second = await startServer({ port: 0, databaseUrl: url, demo: true, quiet: true });
    const linked = (await publicSite(second)).filter((e) => Object.keys(e.translations).length > 0);
    expect(linked.length).toBeGreaterThan(10);

    expect(await helpChangedAfter(first, feedBefore)).toHaveLength(1);
    await first.feed.poll();
    const again = await publicSite(first);
    expect(historyReads - reads, 'the first process read the help history again').toBe(1);
    expect(again.filter((e) => Object.keys(e.translations).length > 0)).toHaveLength(linked.length);
  }, 60_000);
});
