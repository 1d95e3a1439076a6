import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleStart, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * The request body limit over a real socket, where the adapter's request is Node's own: a body judged
 * by its declared length, a chunked body counted as it arrives, a GET without a body, and a burst of
 * oversized requests sent together. An oversized request changes nothing.
 */

const TRIAGE = 'portal-message-triage';
const LIMIT = 4096;

let t: TestApp;
let listener: Listener | undefined;
let base: URL;
let token: Record<string, string>;

beforeAll(async () => {
  t = await makeApp({ config: { bodyLimitBytes: LIMIT } });
  listener = await listen(t.app);
  base = new URL(listener.base);
  token = await t.token('lead');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

/** One request with Node's http client: `chunks` are written one by one (chunked unless a length is set). */
function send(
  method: string,
  path: string,
  chunks: string[],
  headers: Record<string, string>,
): Promise<{ status: number; body: { error?: { code: string } } & Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: base.hostname, port: base.port, method, path, headers: { ...token, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    // The server may answer 413 and close before an oversized body is all written.
    req.on('error', (error) => (/EPIPE|ECONNRESET/.test(String(error)) ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const startBody = (padding: number) =>
  JSON.stringify({ definitionId: TRIAGE, data: { ...exampleStart(TRIAGE), subject: 'x'.repeat(padding) } });

async function instanceCount(): Promise<number> {
  return (await t.store.listInstances({ limit: 500 })).items.length;
}

describe('request body limit', () => {
  it('refuses a body whose declared length is over the limit, and stores nothing', async () => {
    const before = await instanceCount();
    const body = startBody(LIMIT * 2);
    const res = await send('POST', '/api/instances', [body], {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    });
    expect(res.status).toBe(413);
    expect(res.body.error?.code).toBe('BODY_TOO_LARGE');
    expect(await instanceCount()).toBe(before);
  });

  it('counts a chunked body as it arrives and refuses it past the limit', async () => {
    const before = await instanceCount();
    const body = startBody(LIMIT * 2);
    const pieces = body.match(/.{1,1000}/gs) ?? [];
    const res = await send('POST', '/api/instances', pieces, { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
    expect(res.body.error?.code).toBe('BODY_TOO_LARGE');
    expect(await instanceCount()).toBe(before);
  });

  it('takes bodies under the limit, declared or chunked, and GETs without one', async () => {
    const body = startBody(10);
    const declared = await send('POST', '/api/instances', [body], {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    });
    expect(declared.status).toBe(201);
    const chunked = await send('POST', '/api/instances', [body.slice(0, 20), body.slice(20)], {
      'content-type': 'application/json',
    });
    expect(chunked.status).toBe(201);
    const list = await send('GET', '/api/tasks?scope=mine', [], {});
    expect(list.status).toBe(200);
  });

  it('refuses a burst of oversized requests sent together, each with 413, and stores none of them', async () => {
    const before = await instanceCount();
    const body = startBody(LIMIT * 3);
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, k) =>
        k % 2 === 0
          ? send('POST', '/api/instances', [body], {
              'content-type': 'application/json',
              'content-length': String(Buffer.byteLength(body)),
            })
          : send('POST', '/api/instances', body.match(/.{1,2000}/gs) ?? [], {
              'content-type': 'application/json',
            }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(new Array(16).fill(413));
    expect(await instanceCount()).toBe(before);
  });
});
