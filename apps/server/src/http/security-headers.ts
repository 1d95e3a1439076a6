import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';

/**
 * Headers on every response: no framing, no sniffing, a strict CSP for the web app, HSTS over TLS,
 * and `no-store` on API responses, which may carry protected health information.
 */
export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler<AppEnv> {
  return async function securityHeaders(c, next) {
    await next();
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('X-Frame-Options', 'DENY');
    h.set(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
    if (options.hsts) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (c.req.path.startsWith('/api/') && !h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  };
}
