import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/authenticate.ts';
import { clinicRoles } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body, query } from '../http/validate.ts';
import type { InstanceService } from '../instances/service.ts';
import { listedDetail, withLabels } from '../requests/subjects.ts';

const ListQuery = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();
const ReadBody = z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(500) }).strict();

export function notificationRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  docs.add({
    method: 'get',
    path: '/api/notifications',
    summary: 'Assigned to me, overdue, escalated to my roles (each with its request subject)',
    tag: 'notifications',
    instanceData: true,
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
    const labelled = await withLabels(deps, instances, notifications);
    if (labelled.length > 0) {
      await recordAccess(deps, c, user, {
        category: 'task-list',
        outcome: 'allow',
        detail: listedDetail('notifications', labelled),
      });
    }
    return c.json({ notifications: labelled });
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
