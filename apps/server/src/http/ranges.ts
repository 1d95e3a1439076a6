import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { ApiError } from './errors.ts';

export type RangeRequest =
  | { kind: 'whole' }
  | { kind: 'part'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * Reads a `Range: bytes=…` header for a file of `size` bytes (RFC 9110 §14). One range — first bytes
 * (`0-99`), a middle, open-ended (`100-`) or a suffix (`-500`) — gives a part. Several ranges are
 * answered with the whole file (200): the spec allows ignoring Range, players ask for one range, and
 * it avoids multipart/byteranges bodies. A header that is not a byte range is ignored too.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (!header) return { kind: 'whole' };
  const m = /^bytes=\s*(.+)$/i.exec(header.trim());
  if (!m) return { kind: 'whole' };
  const specs = m[1]!.split(',').map((s) => s.trim());
  if (specs.length !== 1) return { kind: 'whole' };
  const one = /^(\d*)-(\d*)$/.exec(specs[0]!);
  if (!one || (one[1] === '' && one[2] === '')) return { kind: 'whole' };
  if (one[1] === '') {
    const suffix = Number(one[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(one[1]);
  const end = one[2] === '' ? size - 1 : Math.min(Number(one[2]), size - 1);
  if (one[2] !== '' && Number(one[2]) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end };
}

/**
 * Answers with a content-addressed file: strong ETag from its SHA-256, `Accept-Ranges: bytes`, 206
 * with `Content-Range` for one satisfiable range, 416 with `Content-Range: bytes *\/size` otherwise,
 * 304 for a matching `If-None-Match`, and the whole file when `If-Range` names another version.
 */
export async function sendFile(
  c: Context,
  file: { path: string; sha256: string; type: string; cacheControl: string },
): Promise<Response> {
  const info = await stat(file.path).catch(() => null);
  // The record names a file the media directory no longer has (restored database, lost volume).
  if (!info?.isFile()) throw new ApiError(404, 'VIDEO_FILE_MISSING', 'The video file is not on this server');
  const size = info.size;
  const etag = `"${file.sha256}"`;
  const headers = new Headers({
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Cache-Control': file.cacheControl,
    'Content-Type': file.type,
  });
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    return new Response(null, { status: 304, headers });
  const ifRange = c.req.header('If-Range');
  // If-Range with a date or another tag: the client's part may be of an older file, so send it all.
  const range =
    ifRange !== undefined && ifRange.trim() !== etag
      ? { kind: 'whole' as const }
      : parseRange(c.req.header('Range'), size);
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${size}`);
    headers.delete('Content-Type');
    return new Response(null, { status: 416, headers });
  }
  const head = c.req.method === 'HEAD';
  if (range.kind === 'whole') {
    headers.set('Content-Length', String(size));
    const body = head ? null : (Readable.toWeb(createReadStream(file.path)) as ReadableStream);
    return new Response(body, { status: 200, headers });
  }
  headers.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  headers.set('Content-Length', String(range.end - range.start + 1));
  const body = head
    ? null
    : (Readable.toWeb(createReadStream(file.path, { start: range.start, end: range.end })) as ReadableStream);
  return new Response(body, { status: 206, headers });
}
