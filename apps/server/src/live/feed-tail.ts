import type { AppDeps } from '../deps.ts';
import type { FeedItem, LiveMessage } from './hub.ts';

/** Most entries read per query; a longer backlog is read in several. */
const PAGE = 1000;

export interface FeedTail {
  /** Reads the feed now (coalesced with a read already running). */
  poll(): Promise<void>;
  /** Stops polling and pruning; waits for a read in flight. */
  stop(): Promise<void>;
}

function parse(entry: { id: number; message: string }): FeedItem | null {
  try {
    const message = JSON.parse(entry.message) as LiveMessage;
    if (!message || typeof message.type !== 'string') return null;
    message.roles ??= [];
    message.users ??= [];
    return { id: entry.id, message };
  } catch {
    return null;
  }
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
      const items: FeedItem[] = [];
      for (const entry of entries) {
        const item = parse(entry);
        if (item) items.push(item);
        else live.cursor = Math.max(live.cursor, entry.id);
      }
      live.deliver(items);
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
