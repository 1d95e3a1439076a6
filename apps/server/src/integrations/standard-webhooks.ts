import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (https://www.standardwebhooks.com), symmetric signatures: the signed content is
 * `{webhook-id}.{webhook-timestamp}.{body}` with the body exactly as sent, signed with HMAC-SHA256 under
 * the secret (`whsec_` + base64 of 24–64 random bytes); `webhook-signature` is a space-separated list of
 * `v1,` + base64 signatures (several during a key rotation). Shared by inbound intake and outbound
 * webhooks. The clock is the caller's, so tests and the server's one clock agree.
 */

export const SECRET_PREFIX = 'whsec_';
/** How far a timestamp may be from now, either way (what the reference libraries allow). */
export const TOLERANCE_SECONDS = 5 * 60;

export interface WebhookHeaders {
  id: string;
  timestamp: string;
  signature: string;
}

export type VerifyFailure =
  | 'missing-headers'
  | 'bad-timestamp'
  | 'timestamp-too-old'
  | 'timestamp-too-new'
  | 'no-match';

/** A new secret: 32 random bytes, `whsec_` + base64. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** The HMAC key a secret stands for (base64 after the prefix; a bare base64 secret is accepted too). */
export function secretKey(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
}

/** `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The three headers of a request, or null when any is missing or empty. */
export function webhookHeaders(get: (name: string) => string | undefined): WebhookHeaders | null {
  const id = get('webhook-id');
  const timestamp = get('webhook-timestamp');
  const signature = get('webhook-signature');
  if (!id || !timestamp || !signature) return null;
  return { id, timestamp, signature };
}

/** The `v1` signatures of a header, decoded; entries of other versions (such as `v1a`) are skipped. */
function v1Signatures(header: string): Buffer[] {
  const found: Buffer[] = [];
  for (const entry of header.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    found.push(Buffer.from(entry.slice(comma + 1), 'base64'));
  }
  return found;
}

/**
 * Which of `secrets` signed this request: its index, or why none did. The timestamp must be whole
 * seconds within the tolerance of `nowMs`; every `v1` signature is compared with every secret's, in
 * constant time, and every comparison is made (a match does not return early).
 */
export function verifyWebhook(
  secrets: readonly string[],
  headers: WebhookHeaders | null,
  body: string,
  nowMs: number,
): { ok: true; index: number } | { ok: false; reason: VerifyFailure } {
  if (!headers) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(headers.timestamp)) return { ok: false, reason: 'bad-timestamp' };
  const timestamp = Number(headers.timestamp);
  const now = Math.floor(nowMs / 1000);
  if (now - timestamp > TOLERANCE_SECONDS) return { ok: false, reason: 'timestamp-too-old' };
  if (timestamp - now > TOLERANCE_SECONDS) return { ok: false, reason: 'timestamp-too-new' };
  const given = v1Signatures(headers.signature);
  let index = -1;
  secrets.forEach((secret, i) => {
    const expected = Buffer.from(signWebhook(secret, headers.id, timestamp, body).slice(3), 'base64');
    for (const signature of given) {
      if (signature.length === expected.length && timingSafeEqual(signature, expected) && index < 0)
        index = i;
    }
  });
  return index >= 0 ? { ok: true, index } : { ok: false, reason: 'no-match' };
}
