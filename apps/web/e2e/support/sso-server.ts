import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, ssoConfigFromEnv, startServer } from '@portalflow/server';
import { startIdp, type TestIdp } from '../../../server/test/support/idp.ts';
import { apiSession } from './api.ts';
import { PASSWORD } from './server.ts';
import { shiftedClock } from './time-shift.ts';

export interface SsoSetup {
  idp: TestIdp;
  server: RunningServer;
  /** Stops the provider now (a test of the provider going down); `stop` then leaves it. */
  stopIdp(): Promise<void>;
  stop(): Promise<void>;
}

/** A free port: the provider must know the app's callback URL before the app listens. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * A real OpenID provider on loopback with two directory people (Nina, a nurse by group; Walt, in no
 * mapped group), and the demo server signing in through it as "Clinic Directory", its admin having
 * mapped the clinic-nurses group to the triage nurse's role.
 */
export async function startSsoServer(): Promise<SsoSetup> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const idp = await startIdp({
    redirectUri: `${base}/api/auth/oidc/callback`,
    postLogoutRedirectUri: `${base}/`,
  });
  const person = (sub: string, email: string, name: string, groups: string[]) =>
    idp.accounts.set(email, {
      sub,
      email,
      emailVerified: true,
      name,
      groups,
      amr: ['pwd'],
      password: 'directory password',
    });
  person('dir-nina', 'nina@clinic.example', 'Nina Nurse', ['clinic-nurses']);
  person('dir-walt', 'walt@clinic.example', 'Walt Visitor', ['visitors']);
  const dir = mkdtempSync(join(tmpdir(), 'pf-e2e-sso-'));
  process.env.PORTALFLOW_DEMO_PASSWORD = PASSWORD;
  const server = await startServer({
    port,
    databaseUrl: `file:${join(dir, 'pf.db')}`,
    demo: true,
    quiet: true,
    // At the suite's hour, as the browsers and the authenticator codes are (support/time-shift.ts).
    ...(shiftedClock() ? { clock: shiftedClock() } : {}),
    config: {
      sso: ssoConfigFromEnv({
        PORTALFLOW_OIDC_ISSUER: idp.issuer,
        PORTALFLOW_OIDC_CLIENT_ID: idp.clientId,
        PORTALFLOW_OIDC_CLIENT_SECRET: idp.clientSecret,
        PORTALFLOW_OIDC_REDIRECT_URI: `${base}/api/auth/oidc/callback`,
        PORTALFLOW_OIDC_PROVIDER_NAME: 'Clinic Directory',
        PORTALFLOW_OIDC_SCOPES: 'openid email profile groups',
      }),
    },
  });
  const admin = await apiSession(server.url, 'admin', PASSWORD);
  const mapped = await admin('PUT', '/sso/groups', {
    mapping: [{ group: 'clinic-nurses', roles: ['triage-nurse'] }],
  });
  if (mapped.status !== 200) throw new Error(`mapping: ${mapped.status}`);
  let idpOpen = true;
  return {
    idp,
    server,
    async stopIdp() {
      if (idpOpen) await idp.close();
      idpOpen = false;
    },
    async stop() {
      await server.close();
      if (idpOpen) await idp.close();
      idpOpen = false;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
