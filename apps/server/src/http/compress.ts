import { pipeline, Readable } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';
import { chooseEncoding } from './encoding.ts';

type ResponseBody = ConstructorParameters<typeof Response>[0];

/** Below this many bytes compressing saves less than it costs (headers, CPU, a round of buffering). */
export const COMPRESS_THRESHOLD = 1024;

/**
 * Compresses API answers of at least `threshold` bytes with Brotli or gzip, as the client's
 * `Accept-Encoding` allows. Never the live-update stream (text/event-stream: each event must reach
 * the browser at once), never an answer that is already encoded, marked `no-transform`, partial or
 * empty. Hono's own `compress` offers gzip only and applies its threshold only when a
 * Content-Length is set, which `c.json()` answers lack; this one reads just enough of the body to
 * know, then streams the rest, so large exports are never held in memory.
 */
export function compressResponses(threshold = COMPRESS_THRESHOLD): MiddlewareHandler {
  return async function compressResponses(c, next) {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type') ?? '';
    if (
      c.req.method === 'HEAD' ||
      res.status === 204 ||
      res.status === 206 ||
      res.status === 304 ||
      res.headers.has('Content-Encoding') ||
      /^\s*text\/event-stream/i.test(type) ||
      !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
      /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('Cache-Control') ?? '')
    ) {
      return;
    }
    const length = Number(res.headers.get('Content-Length') ?? Number.NaN);
    const encoding = chooseEncoding(c.req.header('accept-encoding'), ['br', 'gzip']);
    if (encoding === 'identity' || length < threshold) {
      // Sent as it is, saying only that it varies by Accept-Encoding. The answer is left in place:
      // rebuilding it around its body stream made node write every such answer (most JSON to API
      // clients) through web streams instead of as one string.
      try {
        addVary(res.headers);
      } catch {
        // Headers that cannot change (an answer made elsewhere): rebuild it, as before.
        const headers = new Headers(res.headers);
        addVary(headers);
        replace(c, new Response(res.body, { status: res.status, statusText: res.statusText, headers }));
      }
      return;
    }
    if (!res.body) return;
    const headers = new Headers(res.headers);
    addVary(headers);
    // Read until the threshold is reached (or the body ends): small answers go out as they are.
    const reader = res.body.getReader();
    const head: Uint8Array[] = [];
    let size = 0;
    let done = false;
    while (size < threshold) {
      const chunk = await reader.read();
      if (chunk.done) {
        done = true;
        break;
      }
      head.push(chunk.value);
      size += chunk.value.byteLength;
    }
    if (done) {
      headers.set('Content-Length', String(size));
      replace(
        c,
        new Response(concat(head, size), { status: res.status, statusText: res.statusText, headers }),
      );
      return;
    }
    async function* rest() {
      yield* head;
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return;
        yield chunk.value;
      }
    }
    const compressor =
      encoding === 'br'
        ? // Quality 4: most of Brotli's gain at a fraction of the CPU of the default 11 (that is for build time).
          createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
        : createGzip({ level: 6 });
    // A failure on either side ends both (and the request's body stream with them).
    pipeline(Readable.from(rest()), compressor, () => void reader.cancel().catch(() => undefined));
    headers.delete('Content-Length');
    headers.set('Content-Encoding', encoding);
    const etag = headers.get('ETag');
    // The compressed bytes differ from the plain ones: only a weak validator still holds.
    if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
    replace(
      c,
      // (Node's web-stream types and the DOM's BodyInit disagree on the buffer type; the bytes are the same.)
      new Response(Readable.toWeb(compressor) as unknown as ResponseBody, {
        status: res.status,
        statusText: res.statusText,
        headers,
      }),
    );
  };
}

/** Adds Accept-Encoding to `Vary` unless it is there already (or `Vary` is `*`). */
function addVary(headers: Headers): void {
  const vary = headers.get('Vary');
  if (!vary) headers.set('Vary', 'Accept-Encoding');
  else if (vary !== '*' && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary))
    headers.set('Vary', `${vary}, Accept-Encoding`);
}

/** Hono merges the old answer's headers into a new one (a stale Content-Length among them): start clean. */
function replace(c: Context, res: Response): void {
  c.res = undefined;
  c.res = res;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
