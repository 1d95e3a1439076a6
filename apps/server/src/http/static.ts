import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';

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

/** `/help/<clinic>`: the public help page. */
const PUBLIC_HELP = /^\/help\/[^/]+\/?$/;

/**
 * Serves the built web app from `root`: files as they are (hashed assets cached for a year), and
 * `index.html` for every other non-API path so the app's own routes work on reload.
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
    const body = await readFile(file).catch(() => null);
    if (!body) return next();
    const immutable = file.includes(`${sep}assets${sep}`);
    return c.body(body, 200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  };
}
