/**
 * Why a delivery failed, as the admin reads it on the Deliveries list: a code, then a sentence saying
 * what happened, on whose side, and where to look. A bare "ECONNREFUSED" or "SMTP ESOCKET" tells a
 * clinic's IT contact nothing; the system's own code stays in brackets for the search engine.
 * Never quotes a receiver's answer body or a mail server's reply text (either could echo the message).
 */

/** The codes of an error and of the errors it wraps (fetch puts the socket's error in `cause`). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let at: unknown = error;
  for (let depth = 0; depth < 5 && at && typeof at === 'object'; depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    at = (at as { cause?: unknown }).cause;
  }
  return codes;
}

const isTls = (code: string) => /CERT|SELF_SIGNED|TLS|SSL/.test(code);

/** A receiver's HTTP answer other than 2xx. */
export function webhookStatusWords(status: number): string {
  if (status === 410)
    return 'RECEIVER_GONE: The receiver answered HTTP 410 Gone: it wants no more deliveries from this subscription.';
  if (status >= 300 && status < 400)
    return `RECEIVER_REDIRECTED: The receiver answered HTTP ${status} (a redirect), which is never followed: subscribe the address it redirects to.`;
  if (status === 401 || status === 403)
    return `RECEIVER_REFUSED: The receiver refused it (HTTP ${status}): if it checks signatures, it may hold an old or wrong signing secret for this subscription.`;
  if (status === 404)
    return 'RECEIVER_REFUSED: The receiver has no such address (HTTP 404): check the subscription’s URL.';
  if (status >= 400 && status < 500)
    return `RECEIVER_REFUSED: The receiver refused it (HTTP ${status}): its own log says why.`;
  return `RECEIVER_ERROR: The receiver failed while taking it (HTTP ${status}): the problem is on its side.`;
}

/** A receiver whose address (named, or resolved from its name) is this server or a private network. */
export function webhookPrivateWords(address: string): string {
  return `WEBHOOK_ADDRESS_PRIVATE: The receiver’s address ${address} is this server or a private network, where webhooks are not sent: subscribe a public address, or allow private ones (PORTALFLOW_WEBHOOK_ALLOW_PRIVATE=1) if the receiver is inside the clinic’s network on purpose.`;
}

/** A webhook that got no HTTP answer at all. */
export function webhookNetworkWords(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return `RECEIVER_TIMEOUT: The receiver did not answer within ${Math.round(timeoutMs / 1000)} seconds (PORTALFLOW_WEBHOOK_TIMEOUT_SECONDS): it should answer at once and do the work afterwards.`;
  const codes = codesOf(error);
  const code = codes.find((c) => !c.startsWith('UND_ERR_SOCKET')) ?? codes[0] ?? name ?? 'unknown';
  if (code === 'ECONNREFUSED')
    return 'RECEIVER_UNREACHABLE: Nothing answered at the receiver’s address (connection refused, ECONNREFUSED): is it running, and reachable from this server?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `RECEIVER_UNREACHABLE: The receiver’s host name was not found (${code}): check the URL and this server’s DNS.`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return `RECEIVER_UNREACHABLE: The receiver cut the connection before answering (${code}).`;
  if (isTls(code))
    return `RECEIVER_TLS: The receiver’s TLS certificate was not accepted (${code}): it must be valid for its host and trusted here (NODE_EXTRA_CA_CERTS for a clinic’s own authority).`;
  return `RECEIVER_UNREACHABLE: The receiver could not be reached (${code}).`;
}

/** An email the mail server (or the way to it) did not take. */
export function smtpWords(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; name?: string; message?: string };
  const reply = e.responseCode;
  if (e.code === 'EAUTH' || reply === 535 || reply === 534 || reply === 530)
    return `SMTP_AUTH: The mail server refused the user name or password in PORTALFLOW_SMTP_URL${reply ? ` (${reply})` : ''}.`;
  if (reply && reply >= 500)
    return `SMTP_REJECTED: The mail server refused the message (${reply}): for example a sender (PORTALFLOW_MAIL_FROM) it does not send for, or a recipient it does not accept; its own log says which.`;
  if (reply && reply >= 400) return `SMTP_DEFERRED: The mail server asked to try later (${reply}).`;
  const codes = codesOf(error);
  if (codes.some(isTls) || /certificate/i.test(e.message ?? ''))
    return `SMTP_TLS: The mail server’s TLS certificate was not accepted (${codes.find(isTls) ?? e.code ?? 'TLS'}).`;
  if (e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? ''))
    return 'SMTP_TIMEOUT: The mail server did not answer in time (ETIMEDOUT): check PORTALFLOW_SMTP_URL and the network.';
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'EDNS')
    return `SMTP_UNREACHABLE: The mail server at PORTALFLOW_SMTP_URL could not be reached (${e.code}): is it running, and reachable from this server?`;
  return `SMTP_FAILED: The email could not be sent (${e.code ?? e.name ?? 'unknown'}).`;
}
