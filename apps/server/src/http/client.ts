import type { Context } from 'hono';
import type { ServerConfig } from '../config.ts';

/**
 * The client's address, for throttling only (never logged with patient data). `X-Forwarded-For` is
 * believed only when the server is configured to sit behind a proxy that sets it, and then only its
 * last address: the one the proxy in front of us saw. A proxy appends to what the client sent, so
 * anything before that is the client's own say and would let it pose as a new client at every guess.
 */
export function clientAddress(c: Context, config: ServerConfig): string {
  if (config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
