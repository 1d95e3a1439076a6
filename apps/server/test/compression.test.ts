import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESS_THRESHOLD, compressResponses } from '../src/http/compress.ts';
import { chooseEncoding } from '../src/http/encoding.ts';
import { makeApp, type TestApp } from './support/app.ts';

/**
 * Compressed answers for slow clinic links: the built web app's files as the Brotli or gzip copy the
 * build wrote beside them, API answers of 1 KiB and more compressed on the way out, chosen by the
 * browser's Accept-Encoding (q-values respected) — and never the live-update stream.
 */

/** A stand-in for a built chunk: text that compresses well, as minified code does. */
const SCRIPT = Buffer.from(
  Array.from(
    { length: 400 },
    (_, i) => `export const step${i} = () => "Sort the portal message ${i}";\n`,
  ).join(''),
);
const PAGE = Buffer.from(`<!doctype html><title>portalflow</title>${'<div id="root"></div>'.repeat(80)}`);
const ASSET = '/assets/main-AbC123.js';

let t: TestApp;
let webRoot: string;
let server: ServerType;
let base: string;

beforeAll(async () => {
  webRoot = await mkdtemp(join(tmpdir(), 'pf-web-'));
  await mkdir(join(webRoot, 'assets'));
  // As the build leaves them: each text file with a .br and a .gz copy beside it.
  for (const [path, bytes] of [
    [ASSET, SCRIPT],
    ['/index.html', PAGE],
  ] as const) {
    await writeFile(join(webRoot, path), bytes);
    await writeFile(join(webRoot, `${path}.br`), brotliCompressSync(bytes));
    await writeFile(join(webRoot, `${path}.gz`), gzipSync(bytes));
  }
  // A file the build did not compress (too small): served as it is.
  await writeFile(join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await makeApp({ config: { webRoot } });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (server) {
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await t?.close();
  await rm(webRoot, { recursive: true, force: true });
});

/** What a client that decodes nothing itself receives: status, headers and the raw bytes. */
interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function rawGet(path: string, headers: Record<string, string> = {}, ms = 10_000): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.setTimeout(ms, () => req.destroy(new Error(`no answer to ${path} within ${ms} ms`)));
    req.on('error', reject);
    req.end();
  });
}

function decode(encoding: string | null | undefined, bytes: Buffer): Buffer {
  if (encoding === 'br') return brotliDecompressSync(bytes);
  if (encoding === 'gzip') return gunzipSync(bytes);
  return bytes;
}

async function viaApp(path: string, acceptEncoding?: string, extra: Record<string, string> = {}) {
  const res = await t.app.request(path, {
    headers: { ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }), ...extra },
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('choosing a coding from Accept-Encoding', () => {
  const both = ['br', 'gzip'] as const;
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['BR', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=0.8', 'br'],
    ['br;q=0.5, gzip;q=0.9', 'gzip'],
    ['br;q=0.5, gzip;q=0.5', 'br'],
    ['gzip;q=0.2, identity', 'identity'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0.3, gzip', 'gzip'],
    ['*;q=0', 'identity'],
    ['identity;q=0, gzip', 'gzip'],
    ['deflate', 'identity'],
    ['br;q=2, gzip', 'gzip'],
    ['br;q=abc', 'identity'],
  ] as const)('%s → %s', (header, expected) => {
    expect(chooseEncoding(header, both)).toBe(expected);
  });

  it('offers only the copies that exist', () => {
    expect(chooseEncoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(chooseEncoding('br', ['gzip'])).toBe('identity');
    expect(chooseEncoding('br, gzip', [])).toBe('identity');
  });
});

describe('the web app files', () => {
  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate', 'gzip'],
    [undefined, null],
    ['identity', null],
    ['br;q=0, gzip;q=0', null],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1, br;q=0.4', 'gzip'],
  ] as const)('a hashed asset asked for with %s is sent as %s', async (accept, encoding) => {
    const { res, bytes } = await viaApp(ASSET, accept);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe(encoding);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers.get('content-length'))).toBe(bytes.byteLength);
    if (encoding) expect(bytes.byteLength).toBeLessThan(SCRIPT.byteLength / 3);
    expect(decode(encoding, bytes).equals(SCRIPT)).toBe(true);
  });

  it('the start page is compressed too, revalidated with a tag per coding', async () => {
    const br = await viaApp('/', 'br, gzip');
    expect(br.res.headers.get('content-encoding')).toBe('br');
    expect(br.res.headers.get('cache-control')).toBe('no-cache');
    expect(br.res.headers.get('vary')).toBe('Accept-Encoding');
    expect(decode('br', br.bytes).equals(PAGE)).toBe(true);
    const tag = br.res.headers.get('etag');
    expect(tag).toMatch(/^"[\w-]+"$/);

    // An app route gets the same page, with the same tag.
    const route = await viaApp('/work', 'br, gzip');
    expect(route.res.headers.get('etag')).toBe(tag);

    // Unchanged: a 304 with nothing in it.
    const again = await viaApp('/work', 'br, gzip', { 'if-none-match': tag! });
    expect(again.res.status).toBe(304);
    expect(again.bytes.byteLength).toBe(0);
    expect(again.res.headers.get('etag')).toBe(tag);
    expect(again.res.headers.get('vary')).toBe('Accept-Encoding');

    // The gzip copy is another representation: the Brotli tag does not validate it.
    const gz = await viaApp('/', 'gzip', { 'if-none-match': tag! });
    expect(gz.res.status).toBe(200);
    expect(gz.res.headers.get('etag')).not.toBe(tag);
    expect(decode('gzip', gz.bytes).equals(PAGE)).toBe(true);
  });

  it('a file without compressed copies goes out as it is', async () => {
    const { res, bytes } = await viaApp('/favicon.svg', 'br, gzip');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(bytes.toString()).toContain('<svg');
  });

  it('over a real socket, a burst of mixed clients each get bytes that decode to the file', async () => {
    const accepts = ['br', 'gzip', 'identity', 'gzip, br', 'br;q=0, gzip', '*;q=0', 'deflate'];
    const answers = await Promise.all(
      Array.from({ length: 28 }, (_, i) =>
        rawGet(ASSET, { 'accept-encoding': accepts[i % accepts.length]! }),
      ),
    );
    answers.forEach((a, i) => {
      const expected = { 0: 'br', 1: 'gzip', 3: 'br', 4: 'gzip' }[i % accepts.length];
      expect(a.status).toBe(200);
      expect(a.headers['content-encoding']).toBe(expected);
      expect(a.headers.vary).toBe('Accept-Encoding');
      expect(Number(a.headers['content-length'])).toBe(a.body.byteLength);
      expect(decode(expected, a.body).equals(SCRIPT)).toBe(true);
    });
  });
});

describe('API answers', () => {
  it('a large answer is compressed as asked, and decodes to the same JSON', async () => {
    const plain = await viaApp('/api/openapi.json', 'identity');
    expect(plain.res.headers.get('content-encoding')).toBeNull();
    expect(plain.res.headers.get('vary')).toContain('Accept-Encoding');
    const document = JSON.parse(plain.bytes.toString());
    expect(plain.bytes.byteLength).toBeGreaterThan(COMPRESS_THRESHOLD);

    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0.1, gzip;q=0.9', 'gzip'],
    ] as const) {
      const { res, bytes } = await viaApp('/api/openapi.json', accept);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('vary')).toContain('Accept-Encoding');
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(bytes.byteLength).toBeLessThan(plain.bytes.byteLength / 3);
      expect(JSON.parse(decode(encoding, bytes).toString())).toEqual(document);
    }
  });

  it('a small answer is not worth compressing', async () => {
    const { res, bytes } = await viaApp('/api/health', 'br, gzip');
    expect(res.status).toBe(200);
    expect(bytes.byteLength).toBeLessThan(COMPRESS_THRESHOLD);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBe(bytes.byteLength);
    expect(JSON.parse(bytes.toString()).ok).toBe(true);
  });

  it('errors keep their code and message through compression', async () => {
    const { res, bytes } = await viaApp('/api/no-such-route', 'br, gzip');
    expect(res.status).toBe(404);
    expect(JSON.parse(decode(res.headers.get('content-encoding'), bytes).toString()).error.code).toBeTruthy();
  });

  it('a signed-in queue travels compressed over a real socket, to a burst of clients at once', async () => {
    const as = await t.login('front-desk');
    const plain = await rawGet('/api/tasks?scope=pool', { ...as, 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    const expected = JSON.parse(plain.body.toString());
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        rawGet('/api/tasks?scope=pool', { ...as, 'accept-encoding': i % 2 ? 'gzip' : 'br, gzip' }),
      ),
    );
    for (const a of answers) {
      expect(a.status).toBe(200);
      const encoding =
        plain.body.byteLength >= COMPRESS_THRESHOLD ? a.headers['content-encoding'] : undefined;
      expect(JSON.parse(decode(encoding as string | undefined, a.body).toString())).toEqual(expected);
    }
  });

  it('never compresses the live-update stream', async () => {
    const as = await t.login('front-desk');
    const res = await new Promise<{ status: number; headers: Record<string, unknown>; first: string }>(
      (resolve, reject) => {
        const req = request(
          `${base}/api/events`,
          { headers: { ...as, 'accept-encoding': 'br, gzip' } },
          (r) => {
            r.once('data', (chunk: Buffer) => {
              resolve({ status: r.statusCode ?? 0, headers: r.headers, first: chunk.toString('utf8') });
              req.destroy();
            });
          },
        );
        req.setTimeout(10_000, () => req.destroy(new Error('no event stream within 10 s')));
        req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
        req.end();
      },
    );
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/event-stream');
    expect(res.headers['content-encoding']).toBeUndefined();
    // Readable as it arrives: plain text, not compressed bytes.
    expect(res.first).toMatch(/^(:|event:|id:|retry:|data:)/m);
  });
});

describe('the compression middleware on its own', () => {
  const big = JSON.stringify({
    rows: Array.from({ length: 300 }, (_, i) => ({ id: i, title: `Step ${i}` })),
  });
  const app = new Hono();
  app.use('*', compressResponses());
  app.get('/encoded', (c) =>
    c.body(new Uint8Array(gzipSync(big)), 200, {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
    }),
  );
  app.get('/no-transform', (c) =>
    c.body(big, 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-transform' }),
  );
  app.get('/stream', (c) => {
    // A long answer produced piece by piece (as an export is): compressed without waiting for the end.
    const encoder = new TextEncoder();
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i === 50) return controller.close();
        controller.enqueue(encoder.encode(`${JSON.stringify({ row: i++, note: 'x'.repeat(40) })}\n`));
      },
    });
    return c.body(stream, 200, { 'Content-Type': 'application/json' });
  });
  app.get('/png', (c) => c.body(new Uint8Array(4096), 200, { 'Content-Type': 'image/png' }));
  app.get('/json', (c) => c.json(JSON.parse(big), 200, { ETag: '"v1"' }));

  it('leaves an answer that is already encoded alone', async () => {
    const res = await app.request('/encoded', { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(big);
  });

  it('respects no-transform, and does not compress what is compressed by nature', async () => {
    for (const path of ['/no-transform', '/png']) {
      const res = await app.request(path, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.headers.get('content-encoding')).toBeNull();
    }
  });

  it('compresses a streamed answer and weakens a strong tag', async () => {
    const streamed = await app.request('/stream', { headers: { 'accept-encoding': 'gzip' } });
    expect(streamed.headers.get('content-encoding')).toBe('gzip');
    const lines = gunzipSync(Buffer.from(await streamed.arrayBuffer()))
      .toString()
      .trim()
      .split('\n');
    expect(lines).toHaveLength(50);
    expect(JSON.parse(lines[49]!).row).toBe(49);

    const json = await app.request('/json', { headers: { 'accept-encoding': 'br' } });
    expect(json.headers.get('content-encoding')).toBe('br');
    expect(json.headers.get('etag')).toBe('W/"v1"');
    expect(brotliDecompressSync(Buffer.from(await json.arrayBuffer())).toString()).toBe(big);
  });
});
