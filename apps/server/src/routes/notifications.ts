import { listNotifications, readNotifications } from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import { clinicRoles } from '../auth/roles.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import type { ApiDocs } from '../http/openapi.ts';
import type { InstanceService } from '../instances/service.ts';
import { listedDetail, withLabels } from '../requests/subjects.ts';

export function notificationRoutes(deps: AppDeps, docs: ApiDocs, instances: InstanceService): ApiRoutes {
  const app = apiRoutes();
  app.openapi(declared(docs, listNotifications), async (c) => {
    const user = requireUser(c);
    const q = c.req.valid('query');
    const notifications = await deps.store.listNotifications({
      userId: user.id,
      roles: clinicRoles(user),
      unreadOnly: q.unread === 'true',
      limit: q.limit ?? 50,
    });
    const labelled = await withLabels(deps, instances, notifications);
    // Subjects are patient data: a list that showed any is in the access log.
    if (labelled.length > 0) {
      await recordAccess(deps, c, user, {
        category: 'task-list',
        outcome: 'allow',
        detail: listedDetail('notifications', labelled),
      });
    }
    return c.json({ notifications: labelled }, 200);
  });
  app.openapi(declared(docs, readNotifications), async (c) => {
    const user = requireUser(c);
    const { ids } = c.req.valid('json');
    const marked = await deps.store.markNotificationsRead(
      ids,
      { userId: user.id, roles: clinicRoles(user) },
      deps.clock(),
    );
    return c.json({ marked }, 200);
  });
  return app;
}
