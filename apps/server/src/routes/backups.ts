import { downloadBackup, listBackups, type RouteSpec, takeBackup } from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import { openBackupArchive } from '../backup/download.ts';
import { listBackupSummaries, manualBackups } from '../backup/list.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, authorizedFirst, declared } from '../http/contract.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { requireAdmin } from './users.ts';

/** `/api/backups`: admins see the backups and take one now (backup/list.ts). */
export function backupRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  const adminOnly = <R extends RouteSpec>(spec: R) =>
    authorizedFirst(declared(docs, spec), (c) => requireAdmin(requireUser(c), 'sees and takes backups'));
  const takeNow = manualBackups(deps);

  app.openapi(adminOnly(listBackups), async (c) => {
    const schedule = deps.config.backups;
    return c.json(
      {
        schedule: schedule ? { dir: schedule.dir, time: schedule.time, keep: schedule.keep } : null,
        backups: schedule ? await listBackupSummaries(schedule) : [],
      },
      200,
    );
  });

  app.openapi(adminOnly(takeBackup), async (c) => {
    const user = requireUser(c);
    const taken = await takeNow(user);
    // A copy of every request's data: the access log says who took it and when.
    await recordAccess(deps, c, user, {
      category: 'backup',
      outcome: 'allow',
      detail: `backup taken: ${taken.name}`,
    });
    return c.json(taken, 201);
  });

  app.openapi(adminOnly(downloadBackup), async (c) => {
    const user = requireUser(c);
    const { name } = c.req.valid('param');
    const schedule = deps.config.backups;
    if (!schedule) throw ApiError.of('BACKUPS_OFF');
    const archive = await openBackupArchive(schedule, name);
    // A copy of every request's data leaving the server: who took which one.
    await recordAccess(deps, c, user, {
      category: 'backup',
      outcome: 'allow',
      detail: `backup downloaded: ${name}`,
    });
    return c.body(archive.body, 200, {
      'Content-Type': 'application/x-tar',
      'Content-Length': String(archive.bytes),
      'Content-Disposition': `attachment; filename="${archive.fileName}"`,
      // Patient data: no proxy or browser cache keeps a copy, and none recompresses it on the way.
      'Cache-Control': 'private, no-store, no-transform',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  return app;
}
