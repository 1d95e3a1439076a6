import { Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import { isAuditor, isLead } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import type { ApiDocs } from '../http/openapi.ts';
import {
  type Audience,
  concerns,
  type FeedItem,
  type LiveMessage,
  type LiveSink,
  type Subscription,
  sseFrame,
} from '../live/hub.ts';

/** Bytes queued for one slow client before it is dropped (it reconnects and resumes from its last id). */
const MAX_QUEUED_BYTES = 256 * 1024;
/** A client further behind than this starts over (`reset`) instead of replaying the feed. */
const MAX_REPLAY = 5000;

const encoder = new TextEncoder();
const frame = (event: string, data: unknown, id?: number) =>
  encoder.encode(
    `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`,
  );

/** The feed id a reconnecting EventSource sends back, or null. */
function lastEventId(header: string | undefined): number | null {
  if (header === undefined || !/^\d{1,15}$/.test(header.trim())) return null;
  return Number(header.trim());
}

export function eventRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  docs.add({
    method: 'get',
    path: '/api/events',
    summary:
      'Server-Sent Events: queue, instance and notification changes (ids only, never patient data). ' +
      'Event ids are change-feed ids: a client reconnecting with Last-Event-ID gets what it missed, or a ' +
      '`reset` event when that is no longer kept.',
    tag: 'live',
    instanceData: false,
  });
  app.get('/', (c) => {
    const user = requireUser(c);
    const audience: Audience = {
      everything: isLead(user) || isAuditor(user),
      roles: [...user.roles],
      userId: user.id,
    };
    const resumeFrom = lastEventId(c.req.header('last-event-id'));
    let subscription: Subscription | undefined;
    let open = true;
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          const sink: LiveSink = {
            write(chunk) {
              if (!open || (controller.desiredSize ?? 0) <= 0) return false;
              controller.enqueue(chunk);
              return true;
            },
            close() {
              if (!open) return;
              open = false;
              try {
                controller.close();
              } catch {
                // Already closed by the client.
              }
            },
          };
          controller.enqueue(frame('ready', { at: deps.clock() }));
          const upTo = deps.live.cursor;
          subscription = deps.live.subscribe(audience, sink);
          if (resumeFrom === null || resumeFrom >= upTo) {
            if (resumeFrom !== null) subscription.skipThrough(resumeFrom);
            subscription.release();
            return;
          }
          const live = subscription;
          void catchUp(deps, audience, resumeFrom, upTo).then(
            (frames) => {
              for (const f of frames) if (!sink.write(f)) return live.close();
              live.release();
            },
            () => {
              sink.write(frame('reset', {}, upTo));
              live.release();
            },
          );
        },
        cancel() {
          open = false;
          subscription?.close();
        },
      },
      { highWaterMark: MAX_QUEUED_BYTES, size: (chunk) => chunk.byteLength },
    );
    c.header('Content-Type', 'text/event-stream');
    c.header('Cache-Control', 'no-store');
    c.header('Transfer-Encoding', 'chunked');
    c.header('X-Accel-Buffering', 'no');
    return c.body(body);
  });
  return app;
}

/**
 * What a client that last saw `after` missed up to `upTo` (the hub's position when it reconnected),
 * filtered for it; a single `reset` when the feed no longer reaches back that far.
 */
async function catchUp(
  deps: AppDeps,
  audience: Audience,
  after: number,
  upTo: number,
): Promise<Uint8Array[]> {
  const bounds = await deps.store.feedBounds();
  const gone = bounds.oldest === null || bounds.oldest > after + 1;
  if (gone || upTo - after > MAX_REPLAY) return [frame('reset', {}, upTo)];
  const frames: Uint8Array[] = [];
  const entries = await deps.store.readFeed(after, upTo - after);
  // Ids are dense: a first entry past `after + 1` means pruning got there between the two reads.
  if (entries.length > 0 && entries[0]!.id !== after + 1) return [frame('reset', {}, upTo)];
  for (const entry of entries) {
    if (entry.id > upTo) break;
    let message: LiveMessage;
    try {
      message = JSON.parse(entry.message) as LiveMessage;
    } catch {
      continue;
    }
    message.roles ??= [];
    message.users ??= [];
    const item: FeedItem = { id: entry.id, message };
    if (concerns(audience, message)) frames.push(sseFrame(item));
  }
  return frames;
}
