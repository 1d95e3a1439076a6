import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Hono's body limit, without its cost on every request. Hono's middleware asks the request for its
 * body stream first, and on Node that turns the adapter's lightweight request into a full web
 * `Request` (headers copied, an AbortController, the body as a web stream) for every request — GETs
 * included — which was most of the adapter's share of a task completion. Here a request whose length
 * is declared is judged by that header (Node's parser holds a body to its Content-Length); a GET or
 * HEAD that declares neither length nor chunking has no body; only the rest (chunked, or a body of
 * unknown length) is counted by Hono's middleware as it is read.
 */
export function limitBodies(
  maxSize: number,
  onError: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  const counted = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (c.req.header('transfer-encoding') === undefined) {
      if (length !== undefined && /^\d+$/.test(length)) return Number(length) > maxSize ? onError(c) : next();
      if (length === undefined && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next();
    }
    return counted(c, next);
  };
}
