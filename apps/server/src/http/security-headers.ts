import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';

/**
 * Headers on every response: no framing, no sniffing, a strict CSP for the web app (help videos and
 * their captions from this origin only: `media-src 'self'`), HSTS over TLS, and `no-store` on API
 * responses, which may carry protected health information. The live stream, written straight to the
 * socket, sets the same ones from here.
 */
export function securityHeaderValues(options: { hsts: boolean; path: string }): Record<string, string> {
  if (SUBRESOURCE.test(options.path) && !WORKER.test(options.path)) {
    // A script or style sheet of the app obeys no CSP, framing, referrer, opener or permissions policy
    // of its own (those apply to documents and workers); a screen loads ~40 of them over HTTP/1.1,
    // where those headers (~450 bytes) outweighed many a file. What a subresource does obey stays.
    const headers: Record<string, string> = {
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    if (options.hsts) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
    return headers;
  }
  const headers: Record<string, string> = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self'; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
  if (options.hsts) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  // Every API answer may carry patient data or account secrets: never kept by a browser or proxy.
  // The public help site is the exception: the same published text for everyone, cacheable by design.
  if (
    (options.path.startsWith('/api/') && !options.path.startsWith('/api/public/')) ||
    options.path.startsWith('/fhir/')
  )
    headers['Cache-Control'] = 'no-store';
  return headers;
}

/** The built app's hashed scripts and style sheets (apps/web's `assets/`). */
const SUBRESOURCE = /^\/assets\/[^/]+\.(?:js|css)$/;
/**
 * A worker's script, whose own answer sets the worker's CSP (CSP 3): the build names each after its
 * source file, and the web app's workers are all `…Worker.ts` (apps/web/test/worker-names.test.ts).
 */
const WORKER = /Worker-[^/]+\.js$/;

export function securityHeaders(options: { hsts: boolean }): MiddlewareHandler<AppEnv> {
  return async function securityHeaders(c, next) {
    await next();
    const hsts = options.hsts || new URL(c.req.url).protocol === 'https:';
    // A file served for download (an attachment) carries a sandbox policy of its own, stricter than
    // the app's: it stays.
    const sandboxed = c.res.headers.get('Content-Security-Policy')?.startsWith('sandbox') === true;
    for (const [name, value] of Object.entries(securityHeaderValues({ hsts, path: c.req.path })))
      if (!(sandboxed && name === 'Content-Security-Policy')) c.res.headers.set(name, value);
  };
}
