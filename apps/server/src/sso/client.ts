import type { SsoSignInError } from '@portalflow/contract';
import type { SsoLogin } from '@portalflow/store';
import * as oidc from 'openid-client';
import type { SsoConfig } from './config.ts';
import { providerFailureWords } from './failure-words.ts';

/** What the app takes from a finished sign-in: ID Token claims, topped up from userinfo. */
export interface ProviderClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  preferredUsername: string | null;
  groups: string[];
  /** Authentication methods the provider says it used (RFC 8176), e.g. `pwd`, `otp`, `mfa`. */
  amr: string[];
}

/** Refusals of the provider's answer, by cause; the message never carries a token or code. */
export class SsoFailure extends Error {
  constructor(
    readonly code: Extract<
      SsoSignInError,
      'SSO_PROVIDER_UNREACHABLE' | 'SSO_PROVIDER_ERROR' | 'SSO_RESPONSE_INVALID' | 'SSO_CLIENT_REJECTED'
    >,
    message: string,
  ) {
    super(message);
  }
}

/** A fetch that failed at the socket (a TypeError whose cause carries the system's code). */
const chainHasNetworkError = (error: unknown) =>
  error instanceof TypeError && typeof (error as { cause?: { code?: unknown } }).cause?.code === 'string';

/** Plain http is allowed for a provider on this machine only (development and the tests). */
const isLoopback = (issuer: string) => {
  const host = new URL(issuer).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
};

const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];
const stringOrNull = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The relying party: discovery (read once, read again after a failure), the authorization request
 * with PKCE, state and nonce, and the code exchange with openid-client checking state, nonce, the
 * ID Token's signature, issuer, audience and expiry.
 */
export class SsoClient {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(readonly settings: SsoConfig) {}

  private config(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const { issuer, clientId, clientSecret } = this.settings;
      const found = oidc.discovery(
        new URL(issuer),
        clientId,
        clientSecret ?? undefined,
        clientSecret ? oidc.ClientSecretPost(clientSecret) : oidc.None(),
        {
          // Plain http only for a provider on this machine (development and the tests).
          execute: isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
          timeout: 10,
        },
      );
      this.configuration = found;
      found.catch(() => {
        if (this.configuration === found) this.configuration = null;
      });
    }
    return this.configuration.catch((error: unknown) => {
      throw new SsoFailure(
        'SSO_PROVIDER_UNREACHABLE',
        `The sign-in provider at ${this.settings.issuer} could not be used: ${providerFailureWords(error)}`,
      );
    });
  }

  /** A fresh state, nonce and PKCE verifier for one sign-in (kept on the server). */
  newLogin(): SsoLogin {
    return {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
  }

  /** Where to send the browser: the provider's authorization endpoint with this sign-in's checks. */
  async authorizationUrl(login: SsoLogin): Promise<URL> {
    const config = await this.config();
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(login.codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    });
  }

  /**
   * Checks the provider's answer (`query` is the callback's query string) against the sign-in it
   * belongs to, exchanges the code, and returns the person's claims.
   */
  async finish(query: string, login: SsoLogin): Promise<ProviderClaims> {
    const config = await this.config();
    // The registered redirect URI with the callback's parameters: behind a proxy the request's own
    // URL differs, and the token request must name exactly the URI the provider has.
    const current = new URL(this.settings.redirectUri);
    current.search = query;
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError)
        throw new SsoFailure('SSO_PROVIDER_ERROR', `The provider refused the sign-in (${error.error})`);
      // The token endpoint refusing this app: a set-up problem no retry by the person can fix.
      if (error instanceof oidc.ResponseBodyError && error.error === 'invalid_client')
        throw new SsoFailure(
          'SSO_CLIENT_REJECTED',
          `The provider refused this app's client credentials (invalid_client): check PORTALFLOW_OIDC_CLIENT_ID and PORTALFLOW_OIDC_CLIENT_SECRET against the client registered at ${this.settings.issuer}`,
        );
      if (error instanceof oidc.ResponseBodyError)
        throw new SsoFailure(
          'SSO_PROVIDER_ERROR',
          `The provider refused the code exchange (${error.error}, HTTP ${error.status})`,
        );
      if (chainHasNetworkError(error))
        throw new SsoFailure(
          'SSO_PROVIDER_UNREACHABLE',
          `The sign-in provider at ${this.settings.issuer} could not be used: ${providerFailureWords(error)}`,
        );
      throw new SsoFailure(
        'SSO_RESPONSE_INVALID',
        `The provider's answer did not pass its checks: ${providerFailureWords(error)}`,
      );
    }
    const id = tokens.claims();
    if (!id) throw new SsoFailure('SSO_RESPONSE_INVALID', 'The provider sent no ID Token');
    let claims: Record<string, unknown> = { ...id };
    const { groupsClaim } = this.settings;
    // Providers often put groups or email only in userinfo; the ID Token's own claims win.
    if (
      (claims[groupsClaim] === undefined || claims.email === undefined) &&
      config.serverMetadata().userinfo_endpoint
    ) {
      try {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, id.sub);
        claims = { ...info, ...claims };
      } catch (error) {
        throw new SsoFailure(
          'SSO_RESPONSE_INVALID',
          `The provider's userinfo answer did not pass its checks (${(error as Error).name})`,
        );
      }
    }
    return {
      issuer: id.iss,
      subject: id.sub,
      email: stringOrNull(claims.email),
      emailVerified: claims.email_verified === true,
      name: stringOrNull(claims.name),
      preferredUsername: stringOrNull(claims.preferred_username),
      groups: strings(claims[groupsClaim]),
      amr: strings(id.amr),
    };
  }

  /** The provider's sign-out page for RP-initiated logout, or null when it has none (or cannot be reached). */
  async endSessionUrl(): Promise<string | null> {
    try {
      const config = await this.config();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc
        .buildEndSessionUrl(config, { post_logout_redirect_uri: this.settings.postLogoutRedirectUri })
        .toString();
    } catch {
      return null;
    }
  }
}
