import { existsSync, readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../src/config.ts';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * How many files one request holds (`PORTALFLOW_MAX_FILES_PER_REQUEST`), over a real listener and a
 * real libSQL file: attachments released together never take a request past its limit, a refused file
 * leaves no bytes behind, a removed file frees its place, and a retried upload answers as it first did.
 */

const LIMIT = 3;
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const page = (label: string) => new Uint8Array([...PDF, ...new TextEncoder().encode(`${label}\n`)]);

let t: TestApp;
let listener: Listener;
let frontDesk: AuthHeaders;
let frontDesk2: AuthHeaders;
let lead: AuthHeaders;

beforeAll(async () => {
  t = await makeApp({ config: { maxFilesPerRequest: LIMIT } });
  listener = await listen(t.app);
  await t.addUser('front-desk-2', ['front-desk']);
  frontDesk = await t.login('front-desk');
  frontDesk2 = await t.login('front-desk-2');
  lead = await t.login('lead');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of every route
type Sent = { status: number; body: any; text: string; bytes: Uint8Array };

async function send(
  as: AuthHeaders,
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<Sent> {
  const headers: Record<string, string> = { ...as, ...extra };
  const init: RequestInit = { method, headers };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`${listener.base}${path}`, init);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, body: parsed, text, bytes };
}

const form = (bytes: Uint8Array, name: string) => {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(bytes)]), name);
  return f;
};

async function startQuestion(): Promise<string> {
  const started = await send(frontDesk, 'POST', '/api/requests', {
    definitionId: 'billing-question',
    data: { patient: 'DEMO-9200', channel: 'front-desk', question: 'Why was I billed twice?' },
  });
  expect(started.status, started.text).toBe(201);
  return started.body.instance.id;
}

const files = (instanceId: string) => `/api/instances/${encodeURIComponent(instanceId)}/attachments`;
const attach = (instanceId: string, bytes: Uint8Array, name: string, as = frontDesk, key?: string) =>
  send(as, 'POST', files(instanceId), form(bytes, name), key ? { 'Idempotency-Key': key } : {});
const live = async (instanceId: string) =>
  (
    (await send(lead, 'GET', files(instanceId))).body.attachments as Array<{
      id: string;
      sha256: string;
      removed: unknown;
    }>
  ).filter((a) => !a.removed);
/** Everything in the attachments directory, half-written uploads and files set aside included. */
const onDisk = () => {
  const dir = t.deps.config.attachmentsDir;
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

describe('a limit on how many files one request holds', () => {
  it('of 8 files released together onto a request with 2 of 3, exactly one is attached; the refused leave no bytes', async () => {
    const instanceId = await startQuestion();
    const first = page(`kept one ${Date.now()}`);
    for (const [n, bytes] of [first, page(`kept two ${Date.now()}`)].entries())
      expect((await attach(instanceId, bytes, `kept-${n}.pdf`)).status).toBe(201);
    const kept = await live(instanceId);
    const before = onDisk();

    // One of the burst is the very bytes of a file already held: refused, they must stay for it.
    const burst = Array.from({ length: 8 }, (_, n) => (n === 0 ? first : page(`burst ${n} ${Date.now()}`)));
    const results = await Promise.all(
      burst.map((bytes, n) => attach(instanceId, bytes, `burst-${n}.pdf`, n % 2 ? frontDesk : frontDesk2)),
    );

    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status === 409);
    expect(refused.map((r) => r.body.error.code)).toEqual(Array(7).fill('TOO_MANY_FILES'));
    expect(refused[0]!.body.error.message).toMatch(/3 files/);
    expect(refused[0]!.body.error.message).toMatch(/take one off/i);
    expect(refused[0]!.body.error.details).toEqual({ limit: LIMIT });

    const after = await live(instanceId);
    expect(after).toHaveLength(LIMIT);
    expect(after.slice(0, 2)).toEqual(kept);
    const winner = results.find((r) => r.status === 201)!.body.attachment;
    expect(onDisk()).toEqual([...new Set([...before, winner.sha256])].sort());
    for (const file of after) {
      const download = await send(lead, 'GET', `${files(instanceId)}/${file.id}`);
      expect(download.status, download.text).toBe(200);
    }
  });

  it('a removed file frees its place; removed ones stay listed but do not count', async () => {
    const instanceId = await startQuestion();
    const added = [];
    for (let n = 0; n < LIMIT; n++)
      added.push(
        (await attach(instanceId, page(`place ${n} ${Date.now()}`), `place-${n}.pdf`)).body.attachment,
      );
    const full = await attach(instanceId, page(`one too many ${Date.now()}`), 'extra.pdf');
    expect(full.status).toBe(409);
    expect(full.body.error.code).toBe('TOO_MANY_FILES');

    const removed = await send(frontDesk, 'POST', `${files(instanceId)}/${added[0].id}/remove`, {
      reason: 'duplicate scan',
    });
    expect(removed.status, removed.text).toBe(200);
    const again = await attach(instanceId, page(`in its place ${Date.now()}`), 'replacement.pdf');
    expect(again.status, again.text).toBe(201);
    expect((await attach(instanceId, page(`and no more ${Date.now()}`), 'extra.pdf')).status).toBe(409);
    expect(await live(instanceId)).toHaveLength(LIMIT);
    expect((await send(lead, 'GET', files(instanceId))).body.attachments).toHaveLength(LIMIT + 1);
  });

  it('a retried upload that already succeeded answers its first result, not TOO_MANY_FILES', async () => {
    const instanceId = await startQuestion();
    const key = `retry-${Date.now()}`;
    const last = page(`the last place ${Date.now()}`);
    for (let n = 0; n < LIMIT - 1; n++)
      await attach(instanceId, page(`early ${n} ${Date.now()}`), `early-${n}.pdf`);
    const first = await attach(instanceId, last, 'last.pdf', frontDesk, key);
    expect(first.status, first.text).toBe(201);
    const retry = await attach(instanceId, last, 'last.pdf', frontDesk, key);
    expect(retry.status, retry.text).toBe(201);
    expect(retry.body.attachment.id).toBe(first.body.attachment.id);
    expect(await live(instanceId)).toHaveLength(LIMIT);
  });

  it('the same upload sent twice at once (a double click) is attached once; both answer that attachment', async () => {
    const instanceId = await startQuestion();
    const key = `double-${Date.now()}`;
    const statement = page(`sent twice ${Date.now()}`);
    const [first, second] = await Promise.all([
      attach(instanceId, statement, 'statement.pdf', frontDesk, key),
      attach(instanceId, statement, 'statement.pdf', frontDesk, key),
    ]);
    expect([first.status, second.status], `${first.text} ${second.text}`).toEqual([201, 201]);
    expect(second.body.attachment).toEqual(first.body.attachment);
    expect(await live(instanceId)).toHaveLength(1);
    // The key belongs to its sender: a colleague's upload with the same key is an upload of its own.
    const colleague = await attach(instanceId, page(`their own ${Date.now()}`), 'other.pdf', frontDesk2, key);
    expect(colleague.status, colleague.text).toBe(201);
    expect(await live(instanceId)).toHaveLength(2);
  });

  it('another request is not held back by a full one', async () => {
    const full = await startQuestion();
    for (let n = 0; n < LIMIT; n++) await attach(full, page(`full ${n} ${Date.now()}`), `full-${n}.pdf`);
    const other = await startQuestion();
    expect((await attach(other, page(`other ${Date.now()}`), 'other.pdf')).status).toBe(201);
  });
});

describe('PORTALFLOW_MAX_FILES_PER_REQUEST', () => {
  afterEach(() => {
    delete process.env.PORTALFLOW_MAX_FILES_PER_REQUEST;
  });

  it('is 50 unless set; a count that is not a whole number from 1 stops the start, naming the setting', () => {
    expect(defaultConfig().maxFilesPerRequest).toBe(50);
    process.env.PORTALFLOW_MAX_FILES_PER_REQUEST = '12';
    expect(defaultConfig().maxFilesPerRequest).toBe(12);
    for (const bad of ['lots', '0', '-3', '2.5']) {
      process.env.PORTALFLOW_MAX_FILES_PER_REQUEST = bad;
      expect(() => defaultConfig()).toThrow(
        new RegExp(`PORTALFLOW_MAX_FILES_PER_REQUEST must be a whole number from 1, not '${bad}'`),
      );
    }
  });
});
