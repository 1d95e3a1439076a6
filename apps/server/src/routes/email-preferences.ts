import { getEmailPreferences, saveEmailPreferences } from '@portalflow/contract';
import { requireUser } from '../auth/authenticate.ts';
import type { AppDeps } from '../deps.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { clinicZone } from '../outbox/digest.ts';

/** The signed-in person's own email settings (`/api/email-preferences`); nobody else's. */
export function emailPreferenceRoutes(deps: AppDeps, docs: ApiDocs): ApiRoutes {
  const app = apiRoutes();
  const view = async (userId: string) => ({
    preferences: await deps.store.getEmailPreferences(userId),
    timeZone: clinicZone(deps),
    emailEnabled: deps.config.outbox.smtpUrl !== null,
  });
  app.openapi(declared(docs, getEmailPreferences), async (c) => c.json(await view(requireUser(c).id), 200));
  app.openapi(declared(docs, saveEmailPreferences), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    const saved = await deps.store.getEmailPreferences(user.id);
    // Where the emails go is the account's, like its password: a stolen token must not divert them.
    if (user.via !== 'session' && input.address !== saved.address)
      throw new ApiError(
        403,
        'SESSION_REQUIRED',
        'Change where your emails go signed in, not with an API token',
      );
    // A client that predates a kind leaves it out: it keeps what the person chose.
    const cancelled = input.cancelled ?? saved.cancelled;
    await deps.store.saveEmailPreferences({ userId: user.id, ...input, cancelled }, deps.clock());
    return c.json(await view(user.id), 200);
  });
  return app;
}
