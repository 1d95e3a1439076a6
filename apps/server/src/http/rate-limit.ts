import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';
import { ApiError } from './errors.ts';

export interface RateLimitOptions {
  /** Requests allowed per client within one window. */
  limit: number;
  windowMs: number;
  /** Wall-clock milliseconds; tests pass their own. */
  nowMs?: () => number;
  /** Most clients remembered; the oldest windows are dropped first. */
  maxClients?: number;
  /**
   * Who a window belongs to: the caller's address (`clientAddress`, which behind a trusted proxy is
   * the address the proxy saw, not the proxy's own), or per person on a signed-in route.
   */
  key: (c: Context<AppEnv>) => string;
}

/**
 * Fixed-window limit per client for the unauthenticated routes, so anyone on the internet cannot
 * make the server search or serialize without end, and per person where one signed-in route could be
 * used to sweep through patients. Over the limit: 429 with `Retry-After`.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  const now = options.nowMs ?? Date.now;
  const maxClients = options.maxClients ?? 10_000;
  return async function rateLimit(c, next) {
    const key = options.key(c);
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= options.windowMs) {
      windows.delete(key);
      if (windows.size >= maxClients) windows.delete(windows.keys().next().value!);
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    c.header('RateLimit-Limit', String(options.limit));
    c.header('RateLimit-Remaining', String(Math.max(0, options.limit - w.count)));
    if (w.count > options.limit) {
      const retry = Math.ceil((w.start + options.windowMs - t) / 1000);
      c.header('Retry-After', String(Math.max(1, retry)));
      throw new ApiError(429, 'RATE_LIMITED', `Too many requests; try again in ${Math.max(1, retry)} s`);
    }
    await next();
  };
}
