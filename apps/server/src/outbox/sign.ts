import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (symmetric): `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`, keyed
 * with the base64 bytes after `whsec_`. Kept here, small, so delivery needs no other module.
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  // Several secrets (a rotation under way, newest first): one signature each, space-separated, as the
  // specification provides; a receiver accepts the delivery when any of them matches its secret.
  return secret
    .split(' ')
    .filter((s) => s !== '')
    .map((one) => {
      const key = Buffer.from(one.startsWith('whsec_') ? one.slice(6) : one, 'base64');
      const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
      return `v1,${mac}`;
    })
    .join(' ');
}

/** A new subscription secret: 32 random bytes, shown once as `whsec_` + base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
