import { type SsoGroupsView, saveSsoGroups, ssoGroups } from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { checkRoles, requireAdmin } from './users.ts';

/** The admins' mapping of the provider's groups to roles, and its trail of changes. */
export function ssoGroupRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();

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

  app.openapi(declared(docs, ssoGroups), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    await recordAccess(deps, c, user, { category: 'account', outcome: 'allow', detail: 'group mapping' });
    return c.json(await view(), 200);
  });

  app.openapi(declared(docs, saveSsoGroups), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const input = c.req.valid('json');
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
    return c.json(await view(), 200);
  });

  return app;
}
