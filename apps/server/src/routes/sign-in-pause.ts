import { getSignInPause, liftSignInPause, type RouteSpec } from '@portalflow/contract';
import type { SignInPauses } from '../accounts/sign-in-pause.ts';
import { requireUser } from '../auth/authenticate.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { type ApiRoutes, apiRoutes, authorizedFirst, declared } from '../http/contract.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { requireAdmin } from './users.ts';

/** An admin sees whether a person's sign-in is paused after failed attempts, and lets them in now. */
export function signInPauseRoutes(deps: AppDeps, docs: ApiDocs, pauses: SignInPauses): ApiRoutes {
  const app = apiRoutes();
  const adminOnly = <R extends RouteSpec>(spec: R) =>
    authorizedFirst(declared(docs, spec), (c) => requireAdmin(requireUser(c)));

  app.openapi(adminOnly(getSignInPause), async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid('param');
    const pause = await pauses.of(id);
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `sign-in pause of ${id}`,
    });
    return c.json(pause, 200);
  });

  app.openapi(adminOnly(liftSignInPause), async (c) => {
    const user = requireUser(c);
    const { id } = c.req.valid('param');
    const answer = await pauses.lift(id, user.id);
    await recordAccess(deps, c, user, {
      category: 'account',
      outcome: 'allow',
      detail: `sign-in pause of ${id} ${answer.lifted ? 'lifted' : 'not lifted: none'}`,
    });
    return c.json(answer, 200);
  });

  return app;
}
