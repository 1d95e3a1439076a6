import { randomBytes } from 'node:crypto';
import { ssoCallback, ssoProvider, ssoStart } from '@portalflow/contract';
import { sha256Hex } from '@portalflow/store';
import type { AuthUser } from '../auth/roles.ts';
import { knownDevice, markDevice, startSession, throttleClient } from '../auth/session-steps.ts';
import { LoginThrottle } from '../auth/throttle.ts';
import { stageAfterPassword } from '../auth/two-factor.ts';
import type { AppDeps } from '../deps.ts';
import { recordAccess } from '../http/access.ts';
import { clientAddress } from '../http/client.ts';
import { type ApiRoutes, apiRoutes, declared } from '../http/contract.ts';
import { ApiError } from '../http/errors.ts';
import type { ApiDocs } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { ssoAccount } from '../sso/account.ts';
import { type SsoClient, SsoFailure } from '../sso/client.ts';
import { clearSsoCookie, readSsoCookie, writeSsoCookie } from '../sso/login-cookie.ts';

/** Where the browser lands after the callback: the web app, which reads `/api/me` for the stage. */
const APP = '/';
/** A refused sign-in lands on the sign-in page with a code (never a detail, a token or a name). */
const refused = (code: string) => `${APP}?sso_error=${encodeURIComponent(code)}`;

/**
 * Sign-in through the clinic's OpenID Provider: authorization code with PKCE, state and nonce.
 * `start` keeps the checks on the server and sends the browser to the provider; `callback` checks
 * the answer, finds or makes the account (see sso/account.ts) and starts the same session a
 * password sign-in does, asking for the local second factor unless the provider asserted one.
 */
export function oidcRoutes(deps: AppDeps, docs: ApiDocs, sso: SsoClient | null): ApiRoutes {
  const app = apiRoutes();
  // Failed callbacks per client address only: one browser's bad answers never slow anyone else's.
  const throttle = new LoginThrottle({
    freeFailures: deps.config.loginFreeFailures,
    baseMs: deps.config.loginBackoffBaseMs,
    capMs: deps.config.loginBackoffCapMs,
    accountFailures: deps.config.loginAccountFailures,
  });
  const configured = (): SsoClient => {
    if (!sso) throw new ApiError(404, 'SSO_NOT_CONFIGURED', 'Single sign-on is not set up on this server');
    return sso;
  };

  app.openapi(declared(docs, ssoProvider), (c) =>
    c.json(
      { provider: sso ? { name: sso.settings.providerName, startUrl: '/api/auth/oidc/start' } : null },
      200,
    ),
  );

  // Each start stores a sign-in under way before anyone is known: limited per client like the other
  // routes open to anyone.
  app.use(
    ssoStart.path,
    rateLimit({ ...deps.config.publicRateLimit, key: (c) => clientAddress(c, deps.config) }),
  );
  app.openapi(declared(docs, ssoStart), async (c) => {
    const client = configured();
    const login = client.newLogin();
    let target: URL;
    try {
      target = await client.authorizationUrl(login);
    } catch (error) {
      // The sign-in button is a link: the browser goes back to the sign-in page, which says this in
      // words and still offers the password; the cause goes to the log for whoever runs the server.
      if (error instanceof SsoFailure) {
        deps.log(`single sign-on unavailable (${error.code}): ${error.message}`);
        c.header('Cache-Control', 'no-store');
        return c.redirect(refused(error.code), 302);
      }
      throw error;
    }
    const secret = randomBytes(32).toString('base64url');
    const at = deps.clock();
    const expiresAt = new Date(Date.parse(at) + client.settings.loginTtlMs).toISOString();
    await deps.store.saveSsoLogin({ id: sha256Hex(secret), ...login, at, expiresAt });
    writeSsoCookie(c, deps.config, secret, client.settings.loginTtlMs);
    c.header('Cache-Control', 'no-store');
    return c.redirect(target.href, 302);
  });

  app.openapi(declared(docs, ssoCallback), async (c) => {
    const client = configured();
    c.header('Cache-Control', 'no-store');
    const now = deps.clock();
    const address = throttleClient(deps, c, null);
    const reserved = throttle.reserve('single sign-on', address, true, Date.parse(now));
    const audit = (user: AuthUser | null, outcome: 'allow' | 'deny', detail: string) =>
      recordAccess(deps, c, user, {
        category: 'authentication',
        outcome,
        detail: `single sign-on: ${detail}`,
      });
    if (!reserved.ok) {
      await audit(null, 'deny', 'throttled');
      c.header('Retry-After', String(Math.ceil(reserved.waitMs / 1000)));
      return c.redirect(refused('TOO_MANY_ATTEMPTS'), 302);
    }
    let signedIn = false;
    try {
      const secret = readSsoCookie(c, deps.config);
      clearSsoCookie(c, deps.config);
      const login = secret ? await deps.store.takeSsoLogin(sha256Hex(secret), now) : null;
      if (!login) {
        await audit(null, 'deny', 'no sign-in under way in this browser (or it expired)');
        return c.redirect(refused('SSO_LOGIN_EXPIRED'), 302);
      }
      let claims: Awaited<ReturnType<SsoClient['finish']>>;
      try {
        claims = await client.finish(new URL(c.req.url).search, login);
      } catch (error) {
        if (!(error instanceof SsoFailure)) throw error;
        deps.log(`single sign-on refused (${error.code}): ${error.message}`);
        await audit(null, 'deny', error.message);
        return c.redirect(refused(error.code), 302);
      }
      const found = await ssoAccount(deps, claims);
      if (!found.ok) {
        const who = found.user ? subject(found.user) : null;
        await audit(who, 'deny', found.detail);
        deps.log(`single sign-on refused (${found.code})`);
        return c.redirect(refused(found.code), 302);
      }
      const { user } = found;
      const device = await knownDevice(deps, c, user.id);
      const mfa = claims.amr.some((m) => client.settings.mfaAmr.includes(m));
      // A second factor the provider asserted counts; otherwise the account's own rule applies.
      const stage = mfa ? 'full' : await stageAfterPassword(deps, user, device, now);
      await startSession(deps, c, user.id, stage);
      if (stage === 'full') await markDevice(deps, c, user.id, device, false);
      signedIn = true;
      await audit(
        subject(user),
        'allow',
        `${found.how === 'linked' ? 'signed in' : found.how === 'email' ? 'linked by verified email' : 'account created'}` +
          `${mfa ? '; provider asserted multi-factor' : ''}; next: ${stage === 'full' ? 'signed in' : stage}`,
      );
      return c.redirect(APP, 302);
    } finally {
      if (signedIn) reserved.attempt.succeeded();
      else reserved.attempt.failed();
    }
  });

  return app;
}

const subject = (u: { id: string; username: string; displayName: string; roles: string[] }): AuthUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  via: 'session',
});
