import { type ClientRequest, request } from 'node:http';

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
  /** performance.now() (of this process) when the event's last byte arrived. */
  receivedAt: number;
}

export interface SseClient {
  status: number;
  events: SseEvent[];
  /** The first event (from the start) matching, waiting up to `ms` for it. */
  next(match: (e: SseEvent) => boolean, ms?: number): Promise<SseEvent>;
  /** Called for every event as it arrives (after it is recorded). */
  onEvent?: (e: SseEvent) => void;
  /** Settles when the stream ends: the server closed it (a session ended), or `close` was called. */
  ended: Promise<void>;
  close(): void;
}

/**
 * A small Server-Sent Events client over node:http (lighter than fetch when a benchmark opens
 * thousands): parses `id`, `event` and `data` fields, ignores comments (heartbeats).
 */
export function openSse(
  url: string,
  headers: Record<string, string>,
  options: { keep?: boolean } = {},
): Promise<SseClient> {
  const keep = options.keep !== false;
  return new Promise((resolve, reject) => {
    let req: ClientRequest | undefined;
    const events: SseEvent[] = [];
    const waiters = new Set<() => void>();
    let end!: () => void;
    const client: SseClient = {
      status: 0,
      events,
      ended: new Promise<void>((resolve) => {
        end = resolve;
      }),
      async next(match, ms = 5000) {
        const deadline = Date.now() + ms;
        for (;;) {
          const found = events.find(match);
          if (found) return found;
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`);
          await new Promise<void>((done) => {
            const wake = () => {
              clearTimeout(timer);
              waiters.delete(wake);
              done();
            };
            const timer = setTimeout(wake, Math.min(left, 200));
            waiters.add(wake);
          });
        }
      },
      close: () => req?.destroy(),
    };
    req = request(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false }, (res) => {
      client.status = res.statusCode ?? 0;
      res.on('close', end);
      if (client.status !== 200) {
        res.resume();
        resolve(client);
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        if (end < 0) return;
        const now = performance.now();
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          let event = 'message';
          let data = '';
          let id: string | undefined;
          let any = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            if (colon <= 0) continue;
            const field = line.slice(0, colon);
            const value = line.slice(colon + 1).trimStart();
            if (field === 'event') event = value;
            else if (field === 'data') data = value;
            else if (field === 'id') id = value;
            else continue;
            any = true;
          }
          if (!any) continue;
          const e: SseEvent = { event, data, receivedAt: now };
          if (id !== undefined) e.id = id;
          if (keep) events.push(e);
          client.onEvent?.(e);
        }
        for (const wake of [...waiters]) wake();
      });
      res.on('error', () => {});
      resolve(client);
    });
    req.on('error', (error) => {
      end();
      if (client.status === 0) reject(error);
    });
    req.end();
  });
}
