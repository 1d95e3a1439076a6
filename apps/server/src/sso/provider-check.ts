import type { SsoStatus } from '@portalflow/contract';
import * as oidc from 'openid-client';
import type { SsoConfig } from './config.ts';
import { providerFailureWords } from './failure-words.ts';

/** Plain http is allowed for a provider on this machine only, as for signing in (client.ts). */
const isLoopback = (issuer: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(issuer).hostname);

/**
 * Whether the provider answers now: its discovery document read afresh (not the copy sign-ins use,
 * which may be hours old), within 5 seconds so the admin's screen is not left waiting.
 */
export async function checkProvider(
  settings: SsoConfig,
  now: () => string,
): Promise<NonNullable<SsoStatus['provider']>> {
  try {
    await oidc.discovery(
      new URL(settings.issuer),
      settings.clientId,
      settings.clientSecret ?? undefined,
      settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None(),
      { execute: isLoopback(settings.issuer) ? [oidc.allowInsecureRequests] : [], timeout: 5 },
    );
    return { answers: true, problem: null, checkedAt: now() };
  } catch (error) {
    return { answers: false, problem: providerFailureWords(error), checkedAt: now() };
  }
}

/** The settings an admin reads: where sign-on goes and how, never the client secret. */
export function shownSettings(settings: SsoConfig): NonNullable<SsoStatus['settings']> {
  return {
    issuer: settings.issuer,
    providerName: settings.providerName,
    clientId: settings.clientId,
    clientSecretSet: settings.clientSecret !== null,
    redirectUri: settings.redirectUri,
    groupsClaim: settings.groupsClaim,
    scopes: settings.scopes,
    mfaAmr: settings.mfaAmr,
  };
}
