import { loadClinicHours } from '../clinic/hours.ts';
import type { AppDeps } from '../deps.ts';
import { earlierAddresses } from '../help/earlier-addresses.ts';
import type { FeedRow, LiveMessage } from './hub.ts';

/** Most entries read per query; a longer backlog is read in several. */
const PAGE = 1000;

export interface FeedTail {
  /** Reads the feed now (coalesced with a read already running). */
  poll(): Promise<void>;
  /** Stops polling and pruning; waits for a read in flight. */
  stop(): Promise<void>;
}

/** A feed row's messages (a JSON array; a lone object is taken as one); malformed ones are skipped. */
export function parseFeedRow(entry: { id: number; message: string }): FeedRow {
  let parsed: unknown;
  try {
    parsed = JSON.parse(entry.message);
  } catch {
    return { id: entry.id, messages: [] };
  }
  const messages: LiveMessage[] = [];
  for (const m of Array.isArray(parsed) ? parsed : [parsed]) {
    if (!m || typeof m !== 'object' || typeof (m as LiveMessage).type !== 'string') continue;
    const message = m as LiveMessage;
    message.roles = Array.isArray(message.roles) ? message.roles : [];
    message.users = Array.isArray(message.users) ? message.users : [];
    messages.push(message);
  }
  return { id: entry.id, messages };
}

/**
 * Tails the store's change feed into this process's live hub: every `livePollMs` for changes made by
 * other processes, and at once after a change committed here. One read at a time; reads asked for
 * while one runs are folded into one more. Starts at the feed's current end (clients that were away
 * catch up through Last-Event-ID), and prunes entries older than `liveRetentionMs`.
 */
export async function startFeedTail(deps: AppDeps): Promise<FeedTail> {
  const { store, live, config } = deps;
  live.cursor = (await store.feedBounds()).newest;
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let failing = false;
  let poller: ReturnType<typeof setTimeout> | undefined;
  let soon: ReturnType<typeof setImmediate> | undefined;
  /** (time, cursor) marks: everything up to a mark's cursor is older than the mark's time. */
  const marks: Array<{ at: number; cursor: number }> = [];
  let lastPrune = Date.now();

  async function read(): Promise<void> {
    do {
      again = false;
      let entries: Awaited<ReturnType<typeof store.readFeed>>;
      try {
        entries = await store.readFeed(live.cursor, PAGE);
        if (failing) deps.log('live feed: reading again');
        failing = false;
      } catch (error) {
        if (!failing) deps.log(`live feed: read failed: ${(error as Error).message}`);
        failing = true;
        return;
      }
      const rows = entries.map(parseFeedRow);
      // Another process saved the clinic hours: new requests here get them too.
      if (rows.some((row) => row.messages.some((m) => m.type === 'clinic.changed')))
        await loadClinicHours(deps).catch((error: unknown) =>
          deps.log(`clinic hours: could not reload: ${(error as Error).message}`),
        );
      // Help edited in any process: the help kept in memory here is read again.
      for (const row of rows)
        for (const m of row.messages)
          if (m.type === 'help.changed' && typeof m.clinic === 'string')
            earlierAddresses(store).forget(m.clinic);
      live.deliver(rows);
      if (entries.length === PAGE) again = true;
    } while (again && !stopped);
    await prune();
  }

  async function prune(): Promise<void> {
    const now = Date.now();
    const step = Math.max(1000, Math.min(60_000, config.liveRetentionMs / 10));
    if (now - lastPrune < step) return;
    lastPrune = now;
    marks.push({ at: now, cursor: live.cursor });
    let through = 0;
    while (marks.length > 0 && now - marks[0]!.at >= config.liveRetentionMs) through = marks.shift()!.cursor;
    if (through > 0) {
      try {
        await store.pruneFeed(through);
      } catch (error) {
        deps.log(`live feed: prune failed: ${(error as Error).message}`);
      }
    }
  }

  function poll(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = read().finally(() => {
      running = null;
      schedule();
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    clearTimeout(poller);
    poller = setTimeout(() => void poll(), config.livePollMs);
    poller.unref?.();
  }

  // Commits resolved in the same turn of the event loop (one group-commit batch) share one read.
  live.onCommit(() => {
    soon ??= setImmediate(() => {
      soon = undefined;
      void poll();
    });
  });
  schedule();

  return {
    poll,
    async stop() {
      stopped = true;
      live.onCommit(undefined);
      clearTimeout(poller);
      if (soon) clearImmediate(soon);
      await running;
    },
  };
}
