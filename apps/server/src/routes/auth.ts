import { confirmTotp, login, logout, me, session, setupTotp, verifyTotp } from '@portalflow/contract';
import type { Context } from 'hono';
import { requireUser } from '../auth/authenticate.ts';
import {
  clearSessionCookie,
  readDeviceCookie,
  readSessionCookie,
  writeDeviceCookie,
  writeSessionCookie,
} from '../auth/session.ts';
import type { Browser, SessionStep, SignInAudit, SignInService } from '../auth/sign-in.ts';
import { TooManyAttempts } from '../auth/sign-in.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { clientAddress } from '../http/client.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import type { ApiDocs } from '../http/openapi.ts';
import type { SsoClient } from '../sso/client.ts';

/**
 * Signing in and out over HTTP: the route reads the browser's cookies and address, calls one step of
 * the sign-in service, and sets the cookies the step made. The protocol itself is in auth/sign-in.ts.
 */
export function authRoutes(
  deps: AppDeps,
  docs: ApiDocs,
  signIn: SignInService,
  sso: SsoClient | null = null,
): ApiRoutes {
  const app = apiRoutes();

  const browser = (c: Context<AppEnv>): Browser => ({
    deviceSecret: readDeviceCookie(c, deps.config),
    sessionSecret: readSessionCookie(c, deps.config),
    address: clientAddress(c, deps.config),
    userAgent: c.req.header('user-agent'),
  });
  const audit =
    (c: Context<AppEnv>): SignInAudit =>
    (user, outcome, detail) =>
      recordAccess(deps, c, user, { category: 'authentication', outcome, detail });

  /** Runs a step; a throttled one answers with `Retry-After`, a passed one sets its cookies. */
  async function step<A>(c: Context<AppEnv>, run: Promise<SessionStep<A>>): Promise<A> {
    try {
      const done = await run;
      writeSessionCookie(c, deps.config, done.sessionSecret);
      if (done.deviceSecret) writeDeviceCookie(c, deps.config, done.deviceSecret);
      return done.answer;
    } catch (error) {
      if (error instanceof TooManyAttempts) c.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }

  app.openapi(declared(docs, login), async (c) => {
    const input = c.req.valid('json');
    return c.json(await step(c, signIn.password(input, browser(c), audit(c))), 200);
  });

  app.openapi(declared(docs, verifyTotp), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    return c.json(await step(c, signIn.secondFactor(user, input, browser(c), audit(c))), 200);
  });

  app.openapi(declared(docs, setupTotp), async (c) => {
    const user = requireUser(c);
    return c.json(await signIn.startEnrollment(user), 200);
  });

  app.openapi(declared(docs, confirmTotp), async (c) => {
    const user = requireUser(c);
    const input = c.req.valid('json');
    return c.json(await step(c, signIn.confirmEnrollment(user, input, browser(c), audit(c))), 200);
  });

  app.openapi(declared(docs, logout), async (c) => {
    const user = requireUser(c);
    await signIn.signOut(user, audit(c));
    clearSessionCookie(c, deps.config);
    // An account that signs in through the clinic's provider ends that session too, when it offers how.
    const providerLogoutUrl =
      sso && (await deps.store.hasSsoIdentity(user.id)) ? await sso.endSessionUrl() : null;
    return c.json({ ok: true as const, providerLogoutUrl }, 200);
  });

  app.openapi(declared(docs, me), async (c) => c.json(await signIn.me(requireUser(c)), 200));

  // The caller as `authenticate` found it: a browser with no (working) session is no one, not refused.
  app.openapi(declared(docs, session), async (c) => {
    const user = c.get('user');
    return c.json({ me: user ? await signIn.me(user) : null }, 200);
  });

  return app;
}
