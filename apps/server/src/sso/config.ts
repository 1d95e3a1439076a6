/**
 * Single sign-on settings, from `PORTALFLOW_OIDC_*` environment variables (see the server README).
 * Off unless the issuer is set; then the client id and redirect URI must be set too.
 */
export interface SsoConfig {
  /** The OpenID Provider's issuer URL; its discovery document is read from here. */
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE only). */
  clientSecret: string | null;
  /** This server's `/api/auth/oidc/callback` as the provider has it registered. */
  redirectUri: string;
  /** Shown on the sign-in button: "Sign in with …". */
  providerName: string;
  /** The ID Token (or userinfo) claim listing the person's groups. */
  groupsClaim: string;
  /** Scopes asked for; `openid` is always among them. */
  scopes: string;
  /** `amr` values that count as multi-factor: when the provider asserts one, local TOTP is not asked. */
  mfaAmr: string[];
  /** Where the provider sends the browser after signing out there (registered with the provider). */
  postLogoutRedirectUri: string;
  /** How long a sign-in may stay at the provider before its callback is refused. */
  loginTtlMs: number;
}

type Env = Record<string, string | undefined>;

const list = (raw: string) =>
  raw
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function url(name: string, raw: string): string {
  try {
    return new URL(raw).href;
  } catch {
    throw new Error(`${name} must be an absolute URL, not '${raw}'`);
  }
}

export function ssoConfigFromEnv(env: Env = process.env): SsoConfig | null {
  const issuer = env.PORTALFLOW_OIDC_ISSUER?.trim();
  if (!issuer) {
    const stray = ['PORTALFLOW_OIDC_CLIENT_ID', 'PORTALFLOW_OIDC_REDIRECT_URI'].filter((n) => env[n]);
    if (stray.length > 0) throw new Error(`${stray.join(' and ')} set without PORTALFLOW_OIDC_ISSUER`);
    return null;
  }
  const clientId = env.PORTALFLOW_OIDC_CLIENT_ID?.trim();
  const redirect = env.PORTALFLOW_OIDC_REDIRECT_URI?.trim();
  const missing = [
    clientId ? null : 'PORTALFLOW_OIDC_CLIENT_ID',
    redirect ? null : 'PORTALFLOW_OIDC_REDIRECT_URI',
  ].filter(Boolean);
  if (missing.length > 0 || !clientId || !redirect)
    throw new Error(`Single sign-on needs ${missing.join(' and ')} with PORTALFLOW_OIDC_ISSUER`);
  const redirectUri = url('PORTALFLOW_OIDC_REDIRECT_URI', redirect);
  const scopes = list(env.PORTALFLOW_OIDC_SCOPES ?? 'openid email profile');
  const minutes = Number(env.PORTALFLOW_OIDC_LOGIN_MINUTES ?? '10');
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new Error(
      `PORTALFLOW_OIDC_LOGIN_MINUTES must be a positive number, not '${env.PORTALFLOW_OIDC_LOGIN_MINUTES}'`,
    );
  return {
    issuer: url('PORTALFLOW_OIDC_ISSUER', issuer),
    clientId,
    clientSecret: env.PORTALFLOW_OIDC_CLIENT_SECRET || null,
    redirectUri,
    providerName: env.PORTALFLOW_OIDC_PROVIDER_NAME?.trim() || 'single sign-on',
    groupsClaim: env.PORTALFLOW_OIDC_GROUPS_CLAIM?.trim() || 'groups',
    scopes: [...new Set(['openid', ...scopes])].join(' '),
    mfaAmr: list(env.PORTALFLOW_OIDC_MFA_AMR ?? 'mfa,otp,hwk'),
    postLogoutRedirectUri: url(
      'PORTALFLOW_OIDC_POST_LOGOUT_REDIRECT_URI',
      env.PORTALFLOW_OIDC_POST_LOGOUT_REDIRECT_URI?.trim() || new URL('/', redirectUri).href,
    ),
    loginTtlMs: minutes * 60_000,
  };
}
