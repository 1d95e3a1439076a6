import { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { liveEvents } from '@portalflow/contract';
import { credentialOf, requireUser } from '../auth/authenticate.ts';
import { isAuditor, isLead } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { securityHeaderValues } from '../http/security-headers.ts';
import { parseFeedRow } from '../live/feed-tail.ts';
import { eventFrame, type Frame } from '../live/frame.ts';
import { type Audience, concerns, type LiveSink, type Subscription, sseFrame } from '../live/hub.ts';
import type { StreamAuth } from '../live/stream-auth.ts';

/** Bytes queued for one slow client before it is dropped (it reconnects and resumes from its last id). */
const MAX_QUEUED_BYTES = 256 * 1024;
/** A client further behind than this starts over (`reset`) instead of replaying the feed. */
const MAX_REPLAY = 5000;

const LAST_CHUNK = Buffer.from('0\r\n\r\n');

/** How far a client got: a whole feed row, or a row up to message `index` (see `eventId`). */
interface Position {
  row: number;
  index: number | null;
}

/** The id a reconnecting EventSource sends back (`12` or `12.3`), or null. */
function lastEventId(header: string | undefined): Position | null {
  const match = header === undefined ? null : /^(\d{1,15})(?:\.(\d{1,6}))?$/.exec(header.trim());
  if (!match) return null;
  return { row: Number(match[1]), index: match[2] === undefined ? null : Number(match[2]) };
}

export function eventRoutes(deps: AppDeps, docs: ApiDocs, streams: StreamAuth): ApiRoutes {
  const app = apiRoutes();
  app.openapi(declared(docs, liveEvents), (c) => {
    const user = requireUser(c);
    // Kept for the stream's life: it re-checks this very session or token (see StreamAuth).
    const presented = credentialOf(c, deps);
    if (!presented) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in first');
    const headers = securityHeaderValues({
      hsts: deps.config.secureCookies || new URL(c.req.url).protocol === 'https:',
      path: c.req.path,
    });
    const audience: Audience = {
      everything: isLead(user) || isAuditor(user),
      roles: [...user.roles],
      userId: user.id,
    };
    const resumeFrom = lastEventId(c.req.header('last-event-id'));
    const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
    if (outgoing instanceof ServerResponse) {
      // On Node, frames go straight to the socket: no stream machinery per connection and per event.
      // After the head, each frame is one ready-made HTTP/1.1 chunk written to the socket itself.
      outgoing.writeHead(200, { ...headers, ...SSE_HEADERS, 'Transfer-Encoding': 'chunked' });
      outgoing.flushHeaders();
      const socket = outgoing.socket!;
      const socketSink: LiveSink = {
        write(frame) {
          if (socket.destroyed || socket.writableLength > MAX_QUEUED_BYTES) return false;
          socket.write(frame.chunk);
          return true;
        },
        close() {
          if (!socket.destroyed) socket.end(LAST_CHUNK);
        },
      };
      let subscription: Subscription | undefined;
      const guard = streams.watch(presented, user, socketSink, () => {
        subscription?.close();
        socketSink.close();
      });
      subscription = open(deps, audience, resumeFrom, guard.sink);
      outgoing.once('close', () => {
        guard.stop();
        subscription?.close();
      });
      return RESPONSE_ALREADY_SENT;
    }
    // Elsewhere (app.request() in tests, other runtimes): a web stream.
    let subscription: Subscription | undefined;
    let stop: (() => void) | undefined;
    let closed = false;
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          const sink: LiveSink = {
            write(frame) {
              if (closed || (controller.desiredSize ?? 0) <= 0) return false;
              controller.enqueue(frame.bytes);
              return true;
            },
            close() {
              if (closed) return;
              closed = true;
              stop?.();
              try {
                controller.close();
              } catch {
                // Already closed by the client.
              }
            },
          };
          const guard = streams.watch(presented, user, sink, () => {
            subscription?.close();
            sink.close();
          });
          stop = guard.stop;
          subscription = open(deps, audience, resumeFrom, guard.sink);
        },
        cancel() {
          closed = true;
          stop?.();
          subscription?.close();
        },
      },
      { highWaterMark: MAX_QUEUED_BYTES, size: (chunk) => chunk.byteLength },
    );
    for (const [name, value] of Object.entries({ ...headers, ...SSE_HEADERS })) c.header(name, value);
    return c.body(body);
  });
  return app;
}

/**
 * What the event stream adds to the security headers every response carries (set here from the same
 * source, as the stream is written straight to the socket, past the middleware).
 */
const SSE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-store',
  'X-Accel-Buffering': 'no',
};

/**
 * Starts a connection: the `ready` event, then (when resuming) what it missed from the feed, then
 * live frames — those that arrived meanwhile are held and follow in order.
 */
function open(deps: AppDeps, audience: Audience, resumeFrom: Position | null, sink: LiveSink): Subscription {
  sink.write(eventFrame('ready', { at: deps.clock() }));
  const upTo = deps.live.cursor;
  const subscription = deps.live.subscribe(audience, sink);
  if (resumeFrom === null || resumeFrom.row >= upTo) {
    // A client ahead of this process (it was on a faster one) skips what it has.
    if (resumeFrom !== null)
      subscription.skipThrough(resumeFrom.index === null ? resumeFrom.row : resumeFrom.row - 1);
    subscription.release();
    return subscription;
  }
  void catchUp(deps, audience, resumeFrom, upTo).then(
    (frames) => {
      for (const f of frames) {
        if (!sink.write(f)) {
          subscription.close();
          return sink.close();
        }
      }
      subscription.release();
    },
    () => {
      sink.write(eventFrame('reset', {}, upTo));
      subscription.release();
    },
  );
  return subscription;
}

/**
 * What a client at `from` missed up to `upTo` (the hub's position when it reconnected), filtered for
 * it; a single `reset` when the feed no longer reaches back that far.
 */
async function catchUp(deps: AppDeps, audience: Audience, from: Position, upTo: number): Promise<Frame[]> {
  // A row the client saw only part of is read again, and the part it saw skipped.
  const after = from.index === null ? from.row : from.row - 1;
  const bounds = await deps.store.feedBounds();
  const gone = bounds.oldest === null || bounds.oldest > after + 1;
  if (gone || upTo - after > MAX_REPLAY) return [eventFrame('reset', {}, upTo)];
  const frames: Frame[] = [];
  const entries = await deps.store.readFeed(after, upTo - after);
  // Ids are dense: a first entry past `after + 1` means pruning got there between the two reads.
  if (entries.length > 0 && entries[0]!.id !== after + 1) return [eventFrame('reset', {}, upTo)];
  for (const entry of entries) {
    if (entry.id > upTo) break;
    const row = parseFeedRow(entry);
    row.messages.forEach((message, index) => {
      const seen = row.id === from.row && from.index !== null && index <= from.index;
      if (!seen && concerns(audience, message)) frames.push(sseFrame(row, index));
    });
  }
  return frames;
}
