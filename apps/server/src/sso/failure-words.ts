/**
 * Why talking to the provider failed, in words for whoever runs the server: the operational log is
 * where an IT contact looks when staff say "single sign-on failed", and an error's class name
 * ("TypeError") tells them nothing. Network, TLS and protocol causes are told apart because each has
 * its own remedy. Never quotes a response body, token or claim.
 */

/** The error and the causes it wraps, outermost first (fetch puts the socket's error in `cause`). */
function chain(error: unknown): Array<{ name?: string; code?: string; error?: string; status?: number }> {
  const found: Array<{ name?: string; code?: string; error?: string; status?: number }> = [];
  let at: unknown = error;
  for (let depth = 0; depth < 5 && at && typeof at === 'object'; depth++) {
    found.push(at as (typeof found)[number]);
    at = (at as { cause?: unknown }).cause;
  }
  return found;
}

const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing listens at that address',
  ENOTFOUND: 'host name not found: check the issuer URL and this server’s DNS',
  EAI_AGAIN: 'host name could not be looked up right now (DNS)',
  ECONNRESET: 'the connection was cut',
  EHOSTUNREACH: 'no route to the host: check the network between this server and the provider',
  ENETUNREACH: 'no route to the host: check the network between this server and the provider',
  ETIMEDOUT: 'no answer in time',
  UND_ERR_CONNECT_TIMEOUT: 'no answer in time',
};

const PROTOCOL: Record<string, string> = {
  OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED:
    'its discovery document names another issuer: PORTALFLOW_OIDC_ISSUER must be exactly the provider’s issuer',
  OAUTH_RESPONSE_IS_NOT_CONFORM: 'it answered with an unexpected HTTP status',
  OAUTH_RESPONSE_IS_NOT_JSON:
    'its answer was not JSON: is PORTALFLOW_OIDC_ISSUER the issuer and not a web page?',
  OAUTH_INVALID_RESPONSE: 'its answer was not a valid OpenID Connect answer',
  OAUTH_JWT_TIMESTAMP_CHECK_FAILED:
    'the ID Token is not valid at this server’s time: check this server’s clock (and the provider’s)',
  OAUTH_JWT_CLAIM_COMPARISON_FAILED: 'the ID Token names another issuer, client or sign-in',
  OAUTH_KEY_SELECTION_FAILED: 'the ID Token is signed with a key the provider does not publish',
  OAUTH_HTTP_REQUEST_FORBIDDEN: 'plain http is allowed only for a provider on this machine; use https',
};

/** "connection refused: nothing listens at that address (ECONNREFUSED)", or the like. */
export function providerFailureWords(error: unknown): string {
  const links = chain(error);
  for (const link of links) {
    if (link.name === 'TimeoutError' || link.name === 'AbortError')
      return 'no answer within 10 seconds (timeout)';
    const code = link.code ?? '';
    if (NETWORK[code]) return `${NETWORK[code]} (${code})`;
    if (/CERT|SELF_SIGNED|TLS|SSL/.test(code))
      return `its TLS certificate was not accepted (${code}): it must be valid for the issuer’s host and trusted here (NODE_EXTRA_CA_CERTS for a clinic’s own authority)`;
    if (PROTOCOL[code]) {
      const status = links.find((l) => typeof l.status === 'number')?.status;
      return `${PROTOCOL[code]}${status ? ` (HTTP ${status})` : ''} (${code})`;
    }
  }
  const named = links.find((l) => l.code)?.code ?? links[0]?.name ?? 'unknown';
  return `an error of kind ${named}`;
}
