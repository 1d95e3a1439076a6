import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';

/**
 * Headers on every response: no framing, no sniffing, a strict CSP for the web app (help videos and
 * their captions from this origin only: `media-src 'self'`), HSTS over TLS,
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
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self'; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (options.hsts || new URL(c.req.url).protocol === 'https:')
      h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // Every API answer may carry patient data or account secrets: never kept by a browser or proxy.
    // The public help site is the exception: the same published text for everyone, cacheable by design.
    if (c.req.path.startsWith('/api/') && !c.req.path.startsWith('/api/public/'))
      h.set('Cache-Control', 'no-store');
  };
}
