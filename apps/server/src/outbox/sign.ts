import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (symmetric): `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`, keyed
 * with the base64 bytes after `whsec_`. Kept here, small, so delivery needs no other module.
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** A new subscription secret: 32 random bytes, shown once as `whsec_` + base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
