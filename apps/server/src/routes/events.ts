import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { requireUser } from '../auth/authenticate.ts';
import { type AuthUser, isAuditor, isLead } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import type { ApiDocs } from '../http/openapi.ts';
import type { LiveMessage } from '../live/hub.ts';

const HEARTBEAT_MS = 25_000;

/** Whether a live message concerns this user: their roles' queues, their own tasks, or leads/auditors. */
export function concerns(user: AuthUser, message: LiveMessage): boolean {
  if (isLead(user) || isAuditor(user)) return true;
  return message.users.includes(user.id) || message.roles.some((r) => user.roles.includes(r));
}

export function eventRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  docs.add({
    method: 'get',
    path: '/api/events',
    summary: 'Server-Sent Events: queue, instance and notification changes (ids only, never patient data)',
    tag: 'live',
    instanceData: false,
  });
  app.get('/', (c) => {
    const user = requireUser(c);
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      let open = true;
      let seq = 0;
      const queue: LiveMessage[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = deps.live.subscribe((message) => {
        if (!concerns(user, message)) return;
        queue.push(message);
        wake?.();
      });
      stream.onAbort(() => {
        open = false;
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ at: deps.clock() }) });
      while (open) {
        while (queue.length > 0 && open) {
          const message = queue.shift()!;
          const { roles: _r, users: _u, ...data } = message;
          await stream.writeSSE({ event: message.type, data: JSON.stringify(data), id: String(++seq) });
        }
        if (!open) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
        if (open && queue.length === 0) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
    });
  });
  return app;
}
