import { Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body } from '../http/validate.ts';
import { SsoGroupsBody, type SsoGroupsView } from '../sso/schemas.ts';
import { checkRoles, requireAdmin } from './users.ts';

/** The admins' mapping of the provider's groups to roles, and its trail of changes. */
export function ssoGroupRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function view(): Promise<SsoGroupsView> {
    const [mapping, changes] = await Promise.all([
      deps.store.getSsoGroupRoles(),
      deps.store.listSsoMappingChanges(50),
    ]);
    const sso = deps.config.sso;
    return {
      provider: sso ? { name: sso.providerName, groupsClaim: sso.groupsClaim } : null,
      mapping: Object.entries(mapping).map(([group, roles]) => ({ group, roles })),
      changes,
    };
  }

  docs.add({
    method: 'get',
    path: '/api/sso/groups',
    summary: "The provider's groups and the roles each gives (admin), with the latest changes, newest first",
    tag: 'accounts',
    instanceData: false,
    responses: { 200: 'Mapping and changes', 403: 'Not an admin' },
  });
  app.get('/groups', async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    await recordAccess(deps, c, user, { category: 'account', outcome: 'allow', detail: 'group mapping' });
    return c.json(await view());
  });

  docs.add({
    method: 'put',
    path: '/api/sso/groups',
    summary:
      'Replace the group mapping (admin); every role must exist. Takes effect at each person’s next single sign-on; the change is kept in an append-only trail',
    tag: 'accounts',
    body: SsoGroupsBody,
    instanceData: false,
    responses: { 200: 'The new mapping', 403: 'Not an admin', 422: 'Unknown role' },
  });
  app.put('/groups', async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const input = await body(c, SsoGroupsBody);
    await checkRoles(
      deps,
      input.mapping.flatMap((m) => m.roles),
    );
    const changed = await deps.store.setSsoGroupRoles({
      mapping: Object.fromEntries(input.mapping.map((m) => [m.group, m.roles])),
      actorId: user.id,
      at: deps.clock(),
    });
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: changed ? 'group mapping changed' : 'group mapping saved unchanged',
    });
    return c.json(await view());
  });

  return app;
}
