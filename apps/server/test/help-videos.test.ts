import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed/demo.ts';
import { type AuthHeaders, makeApp, PASSWORD, type TestApp } from './support/app.ts';

/**
 * Clinic-made help videos over a real listener and a real libSQL file and media directory: upload
 * checks (size cap, type by signature, required valid captions) that store nothing when they refuse,
 * range requests, caching, who may play what, and caption text in search (English and Spanish).
 */

const CLINIC = 'riverside';
const MAX = 64 * 1024;

/** Bytes with a WebM (EBML) signature and a recognisable pattern, so every range can be checked. */
function webm(size: number, seed = 0): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7 + seed) % 251;
  bytes.set([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, ...Buffer.from('webm')], 0);
  return bytes;
}
const VIDEO = webm(10_000);
const SHA = createHash('sha256').update(VIDEO).digest('hex');

const EN = 'WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nOpen Medications and tap Request refill.\n';
const ES = 'WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nAbra Medicinas y toque Pedir resurtido.\n';

let t: TestApp;
let server: ServerType;
let base: string;
let writer: AuthHeaders;
let nurse: AuthHeaders;
const ids: Record<string, string> = {};

// biome-ignore lint/suspicious/noExplicitAny: answers of every shape; tests read them as JSON
type Answer = Omit<Response, 'json'> & { json(): Promise<any> };

async function call(
  method: string,
  path: string,
  init: { as?: AuthHeaders; headers?: Record<string, string>; body?: FormData | string } = {},
): Promise<Answer> {
  return fetch(`${base}${path}`, { method, headers: { ...init.as, ...init.headers }, body: init.body });
}

async function json(method: string, path: string, as: AuthHeaders, body: unknown) {
  const res = await call(method, path, {
    as,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const out = await res.json();
  expect(res.status, JSON.stringify(out)).toBeLessThan(300);
  return out;
}

function form(fields: Record<string, string | Blob>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

async function revision(id: string) {
  return (await t.store.getHelpEntry(id))!.revision;
}

async function upload(id: string, fields: Record<string, string | Blob>) {
  return call('POST', `/api/help/entries/${id}/video`, {
    as: writer,
    body: form({ revision: String(await revision(id)), ...fields }),
  });
}

const vtt = (text: string) => new Blob([text], { type: 'text/vtt' });

beforeAll(async () => {
  t = await makeApp({
    publish: false,
    config: { videoMaxBytes: MAX, publicRateLimit: { limit: 1000, windowMs: 60_000 } },
  });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writer = await t.session('portal-enrollment-specialist');
  nurse = await t.session('triage-nurse');
  await json('PUT', `/api/help/clinics/${CLINIC}`, writer, { name: 'Riverside Family Clinic' });
  const entry = async (key: string, body: Record<string, unknown>) => {
    const out = await json('POST', '/api/help/entries', writer, {
      clinic: CLINIC,
      kind: 'howto',
      audience: 'patients',
      category: 'Medicines',
      ...body,
    });
    ids[key] = out.entry.id;
  };
  await entry('refill', { title: 'Ask for a refill', body: 'Use the portal to ask for more medicine.' });
  await entry('refillEs', {
    title: 'Pedir más medicina',
    language: 'es',
    body: 'Use el portal para pedir más.',
  });
  await entry('staff', { title: 'Refill queue walkthrough', audience: 'staff', body: 'How the pool works.' });
  await entry('draft', { title: 'Draft video', body: 'Not ready.' });
  await entry('bad', { title: 'Refused uploads', body: 'Nothing attaches here.' });
});

afterAll(async () => {
  if (server) {
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await t?.close();
});

describe('uploading a help video', () => {
  it('refuses bad uploads with a code, storing nothing', async () => {
    const cases: Array<[string, Record<string, string | Blob>, number, string]> = [
      ['no captions', { video: new Blob([VIDEO]) }, 400, 'CAPTIONS_REQUIRED'],
      [
        'captions in another language only',
        { video: new Blob([VIDEO]), 'captions-es': vtt(ES) },
        400,
        'CAPTIONS_REQUIRED',
      ],
      [
        'captions without WEBVTT',
        { video: new Blob([VIDEO]), 'captions-en': vtt('1\n00:00:01,000 --> 00:00:02,000\nHi') },
        400,
        'CAPTIONS_INVALID',
      ],
      [
        'bad cue timing',
        { video: new Blob([VIDEO]), 'captions-en': vtt('WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nHi') },
        400,
        'CAPTIONS_INVALID',
      ],
      [
        'not a video (a PNG)',
        { video: new Blob([Buffer.from('\x89PNG\r\n\x1a\n0000000000000000')]), 'captions-en': vtt(EN) },
        415,
        'VIDEO_TYPE_UNSUPPORTED',
      ],
      [
        'over the size cap',
        { video: new Blob([webm(MAX + 1)]), 'captions-en': vtt(EN) },
        413,
        'VIDEO_TOO_LARGE',
      ],
      ['no video', { 'captions-en': vtt(EN) }, 400, 'VIDEO_MISSING'],
    ];
    const before = await t.store.getHelpEntry(ids.bad!);
    for (const [name, fields, status, code] of cases) {
      const res = await upload(ids.bad!, fields);
      const body = await res.json();
      expect(res.status, name).toBe(status);
      expect(body.error.code, name).toBe(code);
      expect(body.error.message, name).toBeTruthy();
    }
    expect(await t.store.getHelpEntry(ids.bad!)).toEqual(before);
    expect(await t.store.listHelpEntryChanges(ids.bad!)).toHaveLength(1);
    expect(existsSync(t.deps.config.mediaDir) ? await readdir(t.deps.config.mediaDir) : []).toEqual([]);
  });

  it('only help writers upload', async () => {
    const res = await call('POST', `/api/help/entries/${ids.refill}/video`, {
      as: nurse,
      body: form({ revision: '1', video: new Blob([VIDEO]), 'captions-en': vtt(EN) }),
    });
    expect(res.status).toBe(403);
  });

  it('stores the file by its SHA-256 beside the database and audits the change old → new', async () => {
    const res = await upload(ids.refill!, {
      video: new Blob([VIDEO], { type: 'application/octet-stream' }),
      'captions-en': vtt(EN),
      'captions-es': vtt(ES),
    });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.entry.video).toMatchObject({ sha256: SHA, type: 'video/webm', bytes: VIDEO.length });
    expect(body.entry.video.captions.map((c: { language: string }) => c.language)).toEqual(['en', 'es']);
    expect(await readdir(t.deps.config.mediaDir)).toEqual([SHA]);
    const changes = await t.store.listHelpEntryChanges(ids.refill!);
    expect(changes.at(-1)).toMatchObject({
      action: 'edited',
      changes: { video: { from: null, to: { sha256: SHA } } },
    });
    for (const [key, captions] of [
      ['refillEs', { 'captions-es': vtt(ES) }],
      ['staff', { 'captions-en': vtt(EN) }],
      ['draft', { 'captions-en': vtt(EN) }],
    ] as const) {
      const r = await upload(ids[key]!, { video: new Blob([VIDEO]), ...captions });
      expect(r.status, key).toBe(200);
    }
    // The same bytes are one file however many entries show them.
    expect(await readdir(t.deps.config.mediaDir)).toEqual([SHA]);
    for (const key of ['refill', 'refillEs', 'staff'])
      await json('POST', `/api/help/entries/${ids[key]}/publish`, writer, {
        revision: await revision(ids[key]!),
      });
  });

  it('a retried upload with the same Idempotency-Key gets the first answer, one history row', async () => {
    const rev = String(await revision(ids.bad!));
    const before = (await t.store.listHelpEntryChanges(ids.bad!)).length;
    const send = () =>
      call('POST', `/api/help/entries/${ids.bad}/video`, {
        as: writer,
        headers: { 'Idempotency-Key': 'retry-upload-1' },
        body: form({ revision: rev, video: new Blob([VIDEO]), 'captions-en': vtt(EN) }),
      });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([200, 200]);
    expect((await again.json()).entry.revision).toBe(Number(rev) + 1);
    expect(await t.store.listHelpEntryChanges(ids.bad!)).toHaveLength(before + 1);
    const removed = await call('DELETE', `/api/help/entries/${ids.bad}/video?revision=${Number(rev) + 1}`, {
      as: writer,
    });
    expect(removed.status).toBe(200);
    expect((await removed.json()).entry.video).toBeNull();
    expect((await t.store.listHelpEntryChanges(ids.bad!)).at(-1)?.changes.video?.to).toBeNull();
  });

  it('a stale revision is refused and attaches nothing', async () => {
    const res = await call('POST', `/api/help/entries/${ids.draft}/video`, {
      as: writer,
      body: form({ revision: '1', video: new Blob([webm(500, 3)]), 'captions-en': vtt(EN) }),
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('STALE_REVISION');
    expect(await readdir(t.deps.config.mediaDir)).toEqual([SHA]);
  });
});

describe('playing a help video', () => {
  const publicSrc = () => `/api/public/help/${CLINIC}/videos/${ids.refill}/${SHA}`;

  it('the public entry lists the video and its captions, and the file is cached as immutable', async () => {
    const list = await (await call('GET', `/api/public/help/${CLINIC}?lang=en`)).json();
    const entry = list.entries.find((e: { id: string }) => e.id === ids.refill);
    expect(entry.video).toEqual({
      src: publicSrc(),
      type: 'video/webm',
      captions: [
        { language: 'en', src: `/api/public/help/${CLINIC}/videos/${ids.refill}/captions/en` },
        { language: 'es', src: `/api/public/help/${CLINIC}/videos/${ids.refill}/captions/es` },
      ],
      transcript: 'Open Medications and tap Request refill.',
    });
    const res = await call('GET', publicSrc());
    expect(res.status).toBe(200);
    expect(res.headers.get('Accept-Ranges')).toBe('bytes');
    expect(res.headers.get('Content-Type')).toBe('video/webm');
    expect(res.headers.get('Content-Length')).toBe(String(VIDEO.length));
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('ETag')).toBe(`"${SHA}"`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(VIDEO);
    const captions = await call('GET', `/api/public/help/${CLINIC}/videos/${ids.refill}/captions/es`);
    expect(captions.headers.get('Content-Type')).toBe('text/vtt; charset=utf-8');
    expect(await captions.text()).toBe(ES);
    const again = await call('GET', publicSrc(), { headers: { 'If-None-Match': `"${SHA}"` } });
    expect(again.status).toBe(304);
  });

  it.each([
    ['first bytes', 'bytes=0-99', 0, 99],
    ['a middle', 'bytes=5000-5999', 5000, 5999],
    ['open-ended', 'bytes=9990-', 9990, 9999],
    ['a suffix', 'bytes=-500', 9500, 9999],
    ['past the end (clipped)', 'bytes=9000-20000', 9000, 9999],
  ])('answers a range for %s with 206 and Content-Range', async (_name, range, start, end) => {
    const res = await call('GET', publicSrc(), { headers: { Range: range } });
    expect(res.status).toBe(206);
    expect(res.headers.get('Content-Range')).toBe(`bytes ${start}-${end}/${VIDEO.length}`);
    expect(res.headers.get('Content-Length')).toBe(String(end - start + 1));
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(VIDEO.slice(start, end + 1));
  });

  it('several ranges get the whole file (200); an unsatisfiable one 416 with the size', async () => {
    const multi = await call('GET', publicSrc(), { headers: { Range: 'bytes=0-9,100-109' } });
    expect(multi.status).toBe(200);
    expect((await multi.arrayBuffer()).byteLength).toBe(VIDEO.length);
    const beyond = await call('GET', publicSrc(), { headers: { Range: 'bytes=10000-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('Content-Range')).toBe(`bytes */${VIDEO.length}`);
  });

  it('If-Range: a part when the tag matches, the whole file when it names another version', async () => {
    const same = await call('GET', publicSrc(), { headers: { Range: 'bytes=0-9', 'If-Range': `"${SHA}"` } });
    expect(same.status).toBe(206);
    const other = await call('GET', publicSrc(), { headers: { Range: 'bytes=0-9', 'If-Range': '"older"' } });
    expect(other.status).toBe(200);
    expect((await other.arrayBuffer()).byteLength).toBe(VIDEO.length);
  });

  it('range requests released together all get their own part', async () => {
    const starts = Array.from({ length: 12 }, (_, i) => i * 800);
    const parts = await Promise.all(
      starts.map((s) => call('GET', publicSrc(), { headers: { Range: `bytes=${s}-${s + 99}` } })),
    );
    for (const [i, res] of parts.entries()) {
      expect(res.status).toBe(206);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(VIDEO.slice(starts[i], starts[i]! + 100));
    }
  });

  it('staff-only and draft videos need a session and are never public or cached', async () => {
    const staffPublic = await call('GET', `/api/public/help/${CLINIC}/videos/${ids.staff}/${SHA}`);
    expect(staffPublic.status).toBe(404);
    const draftPublic = await call('GET', `/api/public/help/${CLINIC}/videos/${ids.draft}/${SHA}`);
    expect(draftPublic.status).toBe(404);
    const anonymous = await call('GET', `/api/help/entries/${ids.staff}/video/${SHA}`);
    expect(anonymous.status).toBe(401);
    const signedIn = await call('GET', `/api/help/entries/${ids.staff}/video/${SHA}`, {
      as: nurse,
      headers: { Range: 'bytes=0-3' },
    });
    expect(signedIn.status).toBe(206);
    expect(signedIn.headers.get('Cache-Control')).toBe('no-store');
    expect(new Uint8Array(await signedIn.arrayBuffer())).toEqual(VIDEO.slice(0, 4));
    // A draft is there for its writers only.
    expect((await call('GET', `/api/help/entries/${ids.draft}/video/${SHA}`, { as: nurse })).status).toBe(
      404,
    );
    expect((await call('GET', `/api/help/entries/${ids.draft}/video/${SHA}`, { as: writer })).status).toBe(
      200,
    );
    const captions = await call('GET', `/api/help/entries/${ids.staff}/captions/en`, { as: nurse });
    expect(await captions.text()).toBe(EN);
  });

  it('a record whose file is gone answers 404 with a code, not a server error', async () => {
    const gone = 'f'.repeat(64);
    const entry = (await t.store.getHelpEntry(ids.draft!))!;
    const moved = await t.store.updateHelpEntry({
      id: entry.id,
      expectedRevision: entry.revision,
      patch: { video: { ...entry.video!, sha256: gone } },
      userId: null,
    });
    expect(moved.ok).toBe(true);
    const res = await call('GET', `/api/help/entries/${ids.draft}/video/${gone}`, { as: writer });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('VIDEO_FILE_MISSING');
  });

  it('pages may load media from the same origin (CSP media-src)', async () => {
    const res = await call('GET', '/api/health');
    expect(res.headers.get('Content-Security-Policy')).toContain("media-src 'self'");
  });
});

describe('caption text is searchable', () => {
  it('public search finds words only the video says, in English and Spanish', async () => {
    const en = await (await call('GET', `/api/public/help/${CLINIC}/search?q=tap&lang=en`)).json();
    expect(en.results.map((r: { entry: { id: string } }) => r.entry.id)).toEqual([ids.refill]);
    expect(en.results[0].snippet.text).toContain('tap');
    expect(en.results[0].entry).not.toHaveProperty('captions');
    const es = await (await call('GET', `/api/public/help/${CLINIC}/search?q=resurtido&lang=es`)).json();
    expect(es.results.map((r: { entry: { id: string } }) => r.entry.id)).toEqual([ids.refillEs]);
  });

  it('staff search does too', async () => {
    const res = await (await call('GET', `/api/help/entries?clinic=${CLINIC}&q=tap`, { as: nurse })).json();
    expect(res.entries.map((e: { id: string }) => e.id).sort()).toEqual([ids.refill, ids.staff].sort());
  });
});

describe('a body far over the cap', () => {
  // Last in the file: the server answers before reading the body, then closes that connection.
  it('is cut off at the body limit with the same code, storing nothing', async () => {
    const before = await t.store.getHelpEntry(ids.bad!);
    const res = await upload(ids.bad!, {
      video: new Blob([webm(MAX + 2 * 1024 * 1024)]),
      'captions-en': vtt(EN),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('VIDEO_TOO_LARGE');
    expect(await t.store.getHelpEntry(ids.bad!)).toEqual(before);
    expect(await readdir(t.deps.config.mediaDir)).toEqual([SHA]);
  });
});

describe('the demo seed', () => {
  it('has Spanish for every published patient entry, and the refill answer carries the captioned clip', async () => {
    const demo = await makeApp({ publish: false });
    await seedDemo(
      demo.store,
      demo.instances,
      demo.clock.now,
      PASSWORD,
      undefined,
      demo.deps.config.mediaDir,
    );
    const site = await demo.call('GET', '/api/public/help/riverside');
    const count = (lang: string) =>
      site.body.entries.filter((e: { language: string }) => e.language === lang).length;
    expect(count('en')).toBeGreaterThan(10);
    expect(count('es')).toBe(count('en'));
    const withClip = site.body.entries.filter((e: { video: unknown }) => e.video !== null);
    expect(withClip.map((e: { language: string }) => e.language).sort()).toEqual(['en', 'es']);
    const clip = await demo.call('GET', withClip[0].video.src, { headers: { Range: 'bytes=0-3' } });
    expect(clip.status).toBe(206);
    const search = await demo.call('GET', '/api/public/help/riverside/search?q=toque&lang=es');
    expect(search.body.results[0].entry.title).toMatch(/resurtido/);
    await demo.close();
  });
});

describe('shareable addresses of the patient help page', () => {
  it('serves the help page (not the staff app) for the clinic, its language and one answer', async () => {
    const webRoot = await mkdtemp(join(tmpdir(), 'pf-help-web-'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>staff app</title>');
    await writeFile(join(webRoot, 'help.html'), '<!doctype html><title>patient help</title>');
    const web = await makeApp({ publish: false, config: { webRoot } });
    try {
      for (const path of [
        '/help/riverside',
        '/help/riverside/',
        '/help/riverside/es',
        '/help/riverside/es/como-pido-mas-de-mi-medicina-resurtido',
        '/help/riverside/en/how-do-i-ask-for-a-prescription-refill',
      ]) {
        const res = await web.call('GET', path);
        expect(res.status, path).toBe(200);
        expect(res.text, path).toContain('patient help');
      }
      expect((await web.call('GET', '/help/riverside/es/a/b')).text).toContain('staff app');
    } finally {
      await web.close();
      await rm(webRoot, { recursive: true, force: true });
    }
  });
});
