import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person at the test provider: their claims, and the methods the provider says it used to sign them in. */
export interface IdpAccount {
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  groups: string[];
  /** RFC 8176 values put in the ID Token's `amr`, e.g. `['pwd', 'otp', 'mfa']`. */
  amr: string[];
  password: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, IdpAccount>;
  close(): Promise<void>;
}

const htmlText = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID Provider (`oidc-provider`, a certified implementation) on 127.0.0.1, with one
 * confidential client for the app and a small login page of its own: an account's password signs
 * it in, and the account's `amr` goes into the ID Token, so tests choose whether the provider
 * asserts multi-factor. Consent is granted on the client's behalf (a clinic's own app).
 */
export async function startIdp(options: {
  redirectUri: string;
  postLogoutRedirectUri: string;
}): Promise<TestIdp> {
  const accounts = new Map<string, IdpAccount>();
  const clientId = 'portalflow';
  const clientSecret = 'a-client-secret-only-the-tests-use-0123456789';
  // biome-ignore lint/suspicious/noExplicitAny: see oidc-provider.d.ts
  let provider: any;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String((error as Error).message));
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://idp');
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!match) return provider.callback()(req, res);
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'POST' && match[2]) {
      const form = await formBody(req);
      const account = accounts.get(form.get('login') ?? '');
      if (!account || account.password !== form.get('password')) {
        res.statusCode = 401;
        res.setHeader('content-type', 'text/html');
        return res.end(loginPage(details.uid, 'Wrong email or password'));
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: account.sub, amr: account.amr } },
        { mergeWithLastSubmission: false },
      );
    }
    res.setHeader('content-type', 'text/html');
    res.end(loginPage(details.uid));
  }
  const loginPage = (
    uid: string,
    error?: string,
  ) => `<!doctype html><html lang="en"><head><title>Test provider sign-in</title></head>
<body><h1>Test provider</h1>${error ? `<p role="alert">${htmlText(error)}</p>` : ''}
<form method="post" action="/interaction/${htmlText(uid)}/login">
<label>Email <input name="login" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button></form></body></html>`;

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: {
      // amr reaches the ID Token only as a claim of a scope asked for.
      openid: ['sub', 'amr'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    cookies: { keys: ['test-provider-cookie-key'] },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id) ?? [...accounts.values()].find((a) => a.sub === id);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: async () => ({
          sub: account.sub,
          ...(account.email ? { email: account.email, email_verified: account.emailVerified ?? false } : {}),
          ...(account.name ? { name: account.name } : {}),
          groups: account.groups,
        }),
      };
    },
    // The clinic's own app: every scope it asks for is granted without a consent page.
    // biome-ignore lint/suspicious/noExplicitAny: oidc-provider's context
    async loadExistingGrant(ctx: any) {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  });
  // Quiet: the provider warns about its development keys, which is what a test wants.
  provider.on('server_error', () => {});
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
