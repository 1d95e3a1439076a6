import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/authenticate.ts';
import { clinicRoles } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body, query } from '../http/validate.ts';

const ListQuery = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();
const ReadBody = z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(500) }).strict();

export function notificationRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  docs.add({
    method: 'get',
    path: '/api/notifications',
    summary: 'Assigned to me, overdue, escalated to my roles',
    tag: 'notifications',
    instanceData: false,
    query: ListQuery,
  });
  app.get('/', async (c) => {
    const user = requireUser(c);
    const q = query(c, ListQuery);
    const notifications = await deps.store.listNotifications({
      userId: user.id,
      roles: clinicRoles(user),
      unreadOnly: q.unread === 'true',
      limit: q.limit ?? 50,
    });
    return c.json({ notifications });
  });
  docs.add({
    method: 'post',
    path: '/api/notifications/read',
    summary: 'Mark notifications read',
    tag: 'notifications',
    instanceData: false,
    body: ReadBody,
  });
  app.post('/read', async (c) => {
    const user = requireUser(c);
    const { ids } = await body(c, ReadBody);
    const marked = await deps.store.markNotificationsRead(
      ids,
      { userId: user.id, roles: clinicRoles(user) },
      deps.clock(),
    );
    return c.json({ marked });
  });
  return app;
}
