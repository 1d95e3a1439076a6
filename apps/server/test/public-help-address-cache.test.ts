import { openStore, type Store } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import type { AppDeps } from '../src/deps.ts';
import { type FeedTail, startFeedTail } from '../src/live/feed-tail.ts';
import { LiveHub } from '../src/live/hub.ts';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';

/**
 * The earlier addresses of renamed answers come from the clinic's whole help history. A patient's
 * phone asks for the public help on every look, so the history is read once per process and kept,
 * and read again only after a help edit: one made here, or one another process made on the same
 * database (which this process hears of through the change feed).
 */
const CLINIC = 'riverside';

let t: TestApp;
let writer: AuthHeaders;
/** A second server process on the same database file: its own store connection and its own memory. */
let other: { deps: AppDeps; app: ReturnType<typeof createApp>['app']; feed: FeedTail; store: Store };
/** How often each process read the clinic's help history. */
const historyReads = new Map<Store, number>();

function counted(store: Store): Store {
  const read = store.listHelpClinicChanges.bind(store);
  store.listHelpClinicChanges = (clinic) => {
    historyReads.set(store, (historyReads.get(store) ?? 0) + 1);
    return read(clinic);
  };
  return store;
}

async function publicSite(app: { request: (path: string) => Response | Promise<Response> }) {
  const res = await app.request(`/api/public/help/${CLINIC}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: Array<{ id: string; title: string; earlierSlugs: string[] }> })
    .entries;
}

async function rename(id: string, title: string) {
  const entry = (await t.store.getHelpEntry(id))!;
  const res = await t.call('PUT', `/api/help/entries/${id}`, {
    as: writer,
    body: { revision: entry.revision, title },
  });
  expect(res.status, res.text).toBe(200);
}

let answer: string;
beforeAll(async () => {
  t = await makeApp({ publish: false });
  counted(t.store);
  writer = await t.session('portal-enrollment-specialist');
  await t.call('PUT', `/api/help/clinics/${CLINIC}`, { as: writer, body: { name: 'Riverside' } });
  const created = await t.call('POST', '/api/help/entries', {
    as: writer,
    body: {
      clinic: CLINIC,
      kind: 'faq',
      audience: 'patients',
      language: 'en',
      category: 'Billing',
      title: 'How do I pay my bill?',
      body: 'Online or by phone.',
    },
  });
  answer = created.body.entry.id;
  await t.call('POST', `/api/help/entries/${answer}/publish`, { as: writer, body: { revision: 1 } });

  const store = counted(await openStore({ url: t.dbUrl }));
  const deps: AppDeps = { ...t.deps, store, live: new LiveHub(), log: () => {} };
  const { app } = createApp(deps);
  other = { deps, app, store, feed: await startFeedTail(deps) };
});
afterAll(async () => {
  await other?.feed.stop();
  await other?.store.close();
  await t?.close();
});

describe("the public help's earlier addresses", () => {
  it('are read from the history once per process, not on every look', async () => {
    const before = historyReads.get(other.store) ?? 0;
    for (let i = 0; i < 5; i++) await publicSite(other.app);
    await other.app.request(`/api/public/help/${CLINIC}/search?q=bill`);
    expect((historyReads.get(other.store) ?? 0) - before).toBe(1);
  });

  it('follow a rename made in this process at once', async () => {
    await publicSite(t.app);
    // Not through the change feed: this process knows of its own edit before it answers.
    await t.feed.stop();
    await rename(answer, 'Paying your bill');
    const entry = (await publicSite(t.app)).find((e) => e.id === answer);
    expect(entry?.title).toBe('Paying your bill');
    expect(entry?.earlierSlugs).toEqual(['how-do-i-pay-my-bill']);
  });

  it('follow a rename made by another process once the change feed brings it', async () => {
    await other.feed.poll();
    expect((await publicSite(other.app)).find((e) => e.id === answer)?.earlierSlugs).toEqual([
      'how-do-i-pay-my-bill',
    ]);
    await rename(answer, 'Pay your bill online or by phone');
    await other.feed.poll();
    const entry = (await publicSite(other.app)).find((e) => e.id === answer);
    expect(entry?.title).toBe('Pay your bill online or by phone');
    expect(entry?.earlierSlugs.sort()).toEqual(['how-do-i-pay-my-bill', 'paying-your-bill']);
  });
});
