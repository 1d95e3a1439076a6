import { type SsoGroupsView, saveSsoGroups, ssoGroups, ssoStatus } from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { checkProvider, shownSettings } from '../sso/provider-check.ts';
import { checkRoles, requireAdmin } from './users.ts';

/**
 * Single sign-on for admins: how this server runs it (settings and a live check of the provider),
 * the mapping of the provider's groups to roles, and its trail of changes with who made each.
 */
export function ssoGroupRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();

  async function view(): Promise<SsoGroupsView> {
    const [mapping, changes] = await Promise.all([
      deps.store.getSsoGroupRoles(),
      deps.store.listSsoMappingChanges(50),
    ]);
    const sso = deps.config.sso;
    const names = new Map<string, string>();
    for (const id of new Set(changes.map((c) => c.actorId)))
      if (id) names.set(id, (await deps.store.getUser(id))?.displayName ?? id);
    return {
      provider: sso ? { name: sso.providerName, groupsClaim: sso.groupsClaim } : null,
      mapping: Object.entries(mapping).map(([group, roles]) => ({ group, roles })),
      changes: changes.map((c) => ({ ...c, actorName: c.actorId ? (names.get(c.actorId) ?? null) : null })),
    };
  }

  app.openapi(declared(docs, ssoGroups), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    await recordAccess(deps, c, user, { category: 'account', outcome: 'allow', detail: 'group mapping' });
    return c.json(await view(), 200);
  });

  app.openapi(declared(docs, ssoStatus), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: 'single sign-on status',
    });
    const sso = deps.config.sso;
    if (!sso) return c.json({ settings: null, provider: null }, 200);
    return c.json({ settings: shownSettings(sso), provider: await checkProvider(sso, deps.clock) }, 200);
  });

  app.openapi(declared(docs, saveSsoGroups), async (c) => {
    const user = requireUser(c);
    requireAdmin(user);
    const input = c.req.valid('json');
    await checkRoles(
      deps,
      input.mapping.flatMap((m) => m.roles),
    );
    // A save made from an older screen would replace the whole mapping, dropping the other admin's
    // groups without anyone seeing it: the store checks `expectedChange` in the write's transaction.
    const changed = await deps.store.setSsoGroupRoles({
      mapping: Object.fromEntries(input.mapping.map((m) => [m.group, m.roles])),
      actorId: user.id,
      at: deps.clock(),
      ...(input.expectedChange !== undefined ? { expectedChange: input.expectedChange } : {}),
    });
    if (changed === 'changed-meanwhile') {
      const [newest] = await deps.store.listSsoMappingChanges(1);
      const by = newest?.actorId ? (await deps.store.getUser(newest.actorId))?.displayName : null;
      throw new ApiError(
        409,
        'CONFLICT',
        `${by ?? 'Another admin'} changed the group mapping since you opened it; reload to see their change, then make yours again`,
      );
    }
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: changed ? 'group mapping changed' : 'group mapping saved unchanged',
    });
    return c.json(await view(), 200);
  });

  return app;
}
