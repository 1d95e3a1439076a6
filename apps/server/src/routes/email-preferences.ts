import { Hono } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { body } from '../http/validate.ts';
import { clinicZone } from '../outbox/digest.ts';
import { EmailPreferencesBody } from '../outbox/schemas.ts';

/** The signed-in person's own email settings (`/api/email-preferences`); nobody else's. */
export function emailPreferenceRoutes(deps: AppDeps, docs: ApiDocs): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const view = async (userId: string) => ({
    preferences: await deps.store.getEmailPreferences(userId),
    timeZone: clinicZone(deps),
    emailEnabled: deps.config.outbox.smtpUrl !== null,
  });
  docs.add({
    method: 'get',
    path: '/api/email-preferences',
    summary: 'Your email notifications: address, on/off per kind, quiet hours (clinic time zone)',
    tag: 'outbox',
    instanceData: false,
  });
  app.get('/', async (c) => c.json(await view(requireUser(c).id)));
  docs.add({
    method: 'put',
    path: '/api/email-preferences',
    summary: 'Save your email notifications',
    tag: 'outbox',
    instanceData: false,
    body: EmailPreferencesBody,
  });
  app.put('/', async (c) => {
    const user = requireUser(c);
    const input = await body(c, EmailPreferencesBody);
    await deps.store.saveEmailPreferences({ userId: user.id, ...input }, deps.clock());
    return c.json(await view(user.id));
  });
  return app;
}
