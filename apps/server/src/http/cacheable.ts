import { createHash } from 'node:crypto';
import type { Context } from 'hono';

/**
 * A public JSON answer that shared caches and browsers may keep for `maxAgeSeconds`, with an ETag so
 * a revalidation costs a 304. Only for responses that are the same for every caller.
 */
export function cacheableJson(c: Context, value: unknown, maxAgeSeconds: number): Response {
  const body = JSON.stringify(value);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = {
    'Cache-Control': `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${maxAgeSeconds * 10}`,
    ETag: etag,
  };
  const match = c.req.header('if-none-match');
  if (match?.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) {
    return c.body(null, 304, headers);
  }
  return c.body(body, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
}
