import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import type { Idempotency } from '../instances/service.ts';
import { ApiError } from './errors.ts';

/**
 * The request's `Idempotency-Key`, if it sent one. A retried request with the same key gets the
 * first result instead of acting twice; keys are per user and tied to the route they were used on.
 */
export function idempotencyOf(c: Context<AppEnv>): Idempotency | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > 200)
    throw new ApiError(400, 'VALIDATION_FAILED', 'Idempotency-Key is 1 to 200 characters');
  return { key, route: `${c.req.method} ${c.req.routePath} ${c.req.path}` };
}
