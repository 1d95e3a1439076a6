import { changeOwnPassword, endOtherOwnSessions, endOwnSession, listOwnSessions } from '@portalflow/contract';
import type { Context } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import type { OwnAccountService } from '../auth/own-account.ts';
import {
  clearSessionCookie,
  readDeviceCookie,
  readSessionCookie,
  writeSessionCookie,
} from '../auth/session.ts';
import { TooManyAttempts } from '../auth/sign-in.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { clientAddress } from '../http/client.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import type { ApiDocs } from '../http/openapi.ts';

/** `/api/me/password` and `/api/me/sessions`: a person's own password and sessions (auth/own-account.ts). */
export function ownAccountRoutes(deps: AppDeps, docs: ApiDocs, account: OwnAccountService): ApiRoutes {
  const app = apiRoutes();
  const log = (c: Context<AppEnv>, outcome: 'allow' | 'deny', detail: string) =>
    recordAccess(deps, c, requireUser(c), { category: 'account', outcome, detail });

  app.openapi(declared(docs, changeOwnPassword), async (c) => {
    const user = requireUser(c);
    try {
      const done = await account.changePassword(
        user,
        c.req.valid('json'),
        {
          deviceSecret: readDeviceCookie(c, deps.config),
          sessionSecret: readSessionCookie(c, deps.config),
          address: clientAddress(c, deps.config),
          userAgent: c.req.header('user-agent'),
        },
        (who, outcome, detail) => recordAccess(deps, c, who, { category: 'authentication', outcome, detail }),
      );
      writeSessionCookie(c, deps.config, done.sessionSecret);
      return c.json(done.answer, 200);
    } catch (error) {
      if (error instanceof TooManyAttempts) c.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  });

  app.openapi(declared(docs, listOwnSessions), async (c) => {
    const sessions = await account.sessions(requireUser(c));
    await log(c, 'allow', 'own sessions');
    return c.json({ sessions }, 200);
  });

  app.openapi(declared(docs, endOwnSession), async (c) => {
    const user = requireUser(c);
    const { sessionId } = c.req.valid('param');
    await account.endSession(user, sessionId);
    await log(c, 'allow', 'ended one of own sessions');
    if (sessionId === user.sessionId) clearSessionCookie(c, deps.config);
    return c.json({ ended: 1 as const }, 200);
  });

  app.openapi(declared(docs, endOtherOwnSessions), async (c) => {
    const ended = await account.endOthers(requireUser(c));
    await log(c, 'allow', `ended ${ended} other own sessions`);
    return c.json({ ended }, 200);
  });

  return app;
}
