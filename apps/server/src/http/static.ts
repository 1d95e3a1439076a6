import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';
import { chooseEncoding, type Encoding } from './encoding.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Text files the build writes precompressed copies of (`<file>.br`, `<file>.gz`) next to. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt']);
const SUFFIX = { br: '.br', gzip: '.gz' } as const;

/** `/help/<clinic>`, `/help/<clinic>/<lang>` and `/help/<clinic>/<lang>/<entry>`: the public help page. */
const PUBLIC_HELP = /^\/help\/[^/]+(?:\/[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?(?:\/[a-z0-9-]+)?)?\/?$/;

/**
 * Serves the built web app from `root`: files as they are (hashed assets cached for a year), and
 * `index.html` for every other non-API path so the app's own routes work on reload. Text files go
 * out as the Brotli or gzip copy the build wrote beside them when the browser accepts it (nothing is
 * compressed per request). Files without a hash in their name (the pages, the service worker) are
 * revalidated on every use and carry an ETag, so an unchanged page costs a 304.
 */
export function webApp(root: string): MiddlewareHandler<AppEnv> {
  const base = normalize(root).replace(/[/]+$/, '');
  return async function webApp(c, next) {
    if (c.req.path.startsWith('/api/') || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    const wanted = normalize(join(base, decodeURIComponent(c.req.path)));
    const inside = wanted === base || wanted.startsWith(base + sep);
    let file = inside ? wanted : join(base, 'index.html');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      // A missing asset is a 404; any other path is one of the app's own routes.
      if (extname(c.req.path) !== '') return next();
      // The patients' help pages are a separate, smaller page of the build.
      file = join(base, PUBLIC_HELP.test(c.req.path) ? 'help.html' : 'index.html');
    }
    const ext = extname(file);
    const compressible = COMPRESSIBLE.has(ext);
    const encoding = compressible
      ? chooseEncoding(c.req.header('accept-encoding'), await precompressed(file))
      : 'identity';
    const body = await readFile(encoding === 'identity' ? file : file + SUFFIX[encoding]).catch(() => null);
    if (!body) return next();
    const immutable = file.includes(`${sep}assets${sep}`);
    const headers: Record<string, string> = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    // Caches must keep the Brotli, gzip and plain copies apart.
    if (compressible) headers.Vary = 'Accept-Encoding';
    if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
    if (!immutable) {
      // Each coding is its own representation, so its own (strong) tag: a hash of the bytes sent.
      headers.ETag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      const match = c.req.header('if-none-match');
      if (match?.split(',').some((t) => t.trim() === headers.ETag || t.trim() === `W/${headers.ETag}`)) {
        return c.body(null, 304, headers);
      }
    }
    headers['Content-Length'] = String(body.byteLength);
    return c.body(new Uint8Array(body), 200, headers);
  };
}

/** The precompressed copies the build left beside `file`. */
async function precompressed(file: string): Promise<Encoding[]> {
  const found: Encoding[] = [];
  for (const encoding of ['br', 'gzip'] as const) {
    if ((await stat(file + SUFFIX[encoding]).catch(() => null))?.isFile()) found.push(encoding);
  }
  return found;
}
