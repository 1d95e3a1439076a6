import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, makeApp, type TestApp } from './support/app.ts';
import { type Listener, listen } from './support/listen.ts';

/**
 * Files attached to a request, over a real listener and a real libSQL file: the bytes decide the type,
 * downloads never render in the browser, the name (which may name the patient) stays out of URLs, logs
 * and the access log, and reads and writes follow the request's own access rules.
 */

const BILLING = 'billing-question';
const PATIENT_NAME = 'Maria Lopez';
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

let t: TestApp;
let listener: Listener;
let frontDesk: AuthHeaders;
let frontDesk2: AuthHeaders;
let billing: AuthHeaders;
let auditor: AuthHeaders;
let lead: AuthHeaders;

beforeAll(async () => {
  t = await makeApp();
  listener = await listen(t.app);
  await t.addUser('front-desk-2', ['front-desk']);
  frontDesk = await t.login('front-desk');
  frontDesk2 = await t.login('front-desk-2');
  billing = await t.login('billing-specialist');
  auditor = await t.login('auditor');
  lead = await t.login('lead');
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of every route
type Sent = { status: number; body: any; text: string; headers: Headers; bytes: Uint8Array };

async function send(as: AuthHeaders, method: string, path: string, body?: unknown | FormData): Promise<Sent> {
  const init: RequestInit = { method, headers: { ...as } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
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
  return { status: res.status, body: parsed, text, headers: res.headers, bytes };
}

const form = (bytes: Uint8Array, name: string, taskId?: string) => {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(bytes)]), name);
  if (taskId) f.append('taskId', taskId);
  return f;
};

/** A billing question the front desk logs; its first task is the front desk's. */
async function startQuestion() {
  const started = await send(frontDesk, 'POST', '/api/requests', {
    definitionId: BILLING,
    data: { patient: 'DEMO-9100', channel: 'front-desk', question: 'Why was I billed twice?' },
  });
  expect(started.status, started.text).toBe(201);
  const instanceId: string = started.body.instance.id;
  const task = (await t.store.listInstanceTasks(instanceId)).find((x) => x.status === 'open')!;
  return { instanceId, taskId: task.id };
}

const files = (instanceId: string) => `/api/instances/${encodeURIComponent(instanceId)}/attachments`;
const stored = () => {
  const dir = t.deps.config.attachmentsDir;
  return existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith('.')) : [];
};

describe('attaching a file', () => {
  it('keeps it on the task it was attached on, typed by its bytes; the download is the same bytes, never inline', async () => {
    const { instanceId, taskId } = await startQuestion();
    const name = `${PATIENT_NAME} statement.pdf`;
    const added = await send(frontDesk, 'POST', files(instanceId), form(PDF, name, taskId));
    expect(added.status, added.text).toBe(201);
    expect(added.body.attachment).toMatchObject({
      instanceId,
      taskId,
      step: 'log-question',
      stepTitle: 'Log the billing question and attach the statement',
      name,
      type: 'application/pdf',
      bytes: PDF.length,
      authorId: t.user('front-desk').id,
      authorRole: 'front-desk',
      removed: null,
    });
    const listed = await send(frontDesk, 'GET', files(instanceId));
    expect(listed.body.attachments.map((a: { id: string }) => a.id)).toEqual([added.body.attachment.id]);

    const download = await send(frontDesk, 'GET', `${files(instanceId)}/${added.body.attachment.id}`);
    expect(download.status).toBe(200);
    expect(download.bytes).toEqual(PDF);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(download.headers.get('content-disposition')).toContain(encodeURIComponent(name));
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    expect(download.headers.get('cache-control')).toContain('no-store');

    // The name (a patient's) is in no log line and no access-log row; the access log has the reads.
    expect(t.logs.join('\n')).not.toContain(PATIENT_NAME);
    const rows = (await t.store.listAccess({ instanceId, limit: 50 })).items;
    expect(JSON.stringify(rows)).not.toContain(PATIENT_NAME);
    expect(rows.map((r: { detail: string | null }) => r.detail)).toEqual(
      expect.arrayContaining(['attachment', 'attachments', 'attachment download']),
    );
  });

  it('a photo can be viewed in the page (inline, sandboxed, logged as a view); a PDF never is', async () => {
    const { instanceId } = await startQuestion();
    const photo = (await send(frontDesk, 'POST', files(instanceId), form(PNG, 'referral letter.png'))).body
      .attachment;
    const pdf = (await send(frontDesk, 'POST', files(instanceId), form(PDF, 'statement.pdf'))).body
      .attachment;
    const viewed = await send(frontDesk, 'GET', `${files(instanceId)}/${photo.id}?view=inline`);
    expect(viewed.status).toBe(200);
    expect(viewed.bytes).toEqual(PNG);
    expect(viewed.headers.get('content-type')).toBe('image/png');
    expect(viewed.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(viewed.headers.get('x-content-type-options')).toBe('nosniff');
    expect(viewed.headers.get('content-security-policy')).toContain('sandbox');
    const notInline = await send(frontDesk, 'GET', `${files(instanceId)}/${pdf.id}?view=inline`);
    expect(notInline.status).toBe(200);
    expect(notInline.headers.get('content-disposition')).toMatch(/^attachment; /);
    const rows = (await t.store.listAccess({ instanceId, limit: 50 })).items;
    expect(rows.filter((r: { detail: string | null }) => r.detail === 'attachment view')).toHaveLength(1);
    expect((await send(frontDesk, 'GET', `${files(instanceId)}/${photo.id}?view=page`)).status).toBe(400);
  });

  it('the queue row says how many files the request holds, removed ones not counted', async () => {
    const { instanceId } = await startQuestion();
    const rowOf = async () => {
      const pool = await send(frontDesk, 'GET', '/api/tasks?scope=pool&limit=500');
      expect(pool.status).toBe(200);
      return pool.body.items.find((r: { instanceId: string }) => r.instanceId === instanceId);
    };
    expect((await rowOf()).files).toBe(0);
    const first = (await send(frontDesk, 'POST', files(instanceId), form(PDF, 'statement.pdf'))).body
      .attachment;
    await send(frontDesk, 'POST', files(instanceId), form(PNG, 'letter.png'));
    expect((await rowOf()).files).toBe(2);
    await send(frontDesk, 'POST', `${files(instanceId)}/${first.id}/remove`, { reason: 'wrong statement' });
    expect((await rowOf()).files).toBe(1);
  });

  it('keeps a file whose name says PDF but whose bytes are a web page off the request and off the disk', async () => {
    const { instanceId } = await startQuestion();
    const before = stored();
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const refused = await send(frontDesk, 'POST', files(instanceId), form(html, 'statement.pdf'));
    expect(refused.status).toBe(415);
    expect(refused.body.error.code).toBe('ATTACHMENT_TYPE_UNSUPPORTED');
    const empty = await send(frontDesk, 'POST', files(instanceId), form(new Uint8Array(), 'empty.pdf'));
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('ATTACHMENT_MISSING');
    const json = await send(frontDesk, 'POST', files(instanceId), { file: 'statement.pdf' });
    expect(json.status).toBe(415);
    expect((await send(frontDesk, 'GET', files(instanceId))).body.attachments).toEqual([]);
    expect(stored()).toEqual(before);
  });

  it('names a PNG by its type whatever it was called', async () => {
    const { instanceId } = await startQuestion();
    const added = await send(frontDesk, 'POST', files(instanceId), form(PNG, '../../etc/referral.pdf'));
    expect(added.status, added.text).toBe(201);
    expect(added.body.attachment).toMatchObject({ type: 'image/png', name: 'referral.png' });
  });

  it('refuses a file over the limit with the limit, and keeps nothing', async () => {
    const small = await makeApp({ config: { attachmentMaxBytes: 1024 } });
    const smallListener = await listen(small.app);
    try {
      const desk = await small.login('front-desk');
      const started = await fetch(`${smallListener.base}/api/requests`, {
        method: 'POST',
        headers: { ...desk, 'content-type': 'application/json' },
        body: JSON.stringify({ definitionId: BILLING, data: { patient: 'DEMO-9101', channel: 'portal' } }),
      }).then((r) => r.json() as Promise<{ instance: { id: string } }>);
      const big = new Uint8Array(4096);
      big.set(PDF);
      const res = await fetch(`${smallListener.base}/api/instances/${started.instance.id}/attachments`, {
        method: 'POST',
        headers: { ...desk },
        body: form(big, 'scan.pdf'),
      });
      const body = (await res.json()) as { error: { code: string } };
      expect(res.status).toBe(413);
      expect(body.error.code).toBe('ATTACHMENT_TOO_LARGE');
      expect(await small.store.listAttachments(started.instance.id)).toEqual([]);
    } finally {
      await smallListener.close();
      await small.close();
    }
  });

  it('takes a scan of several megabytes, past the 1 MB limit of JSON bodies', async () => {
    const { instanceId } = await startQuestion();
    const scan = new Uint8Array(3 * 1024 * 1024);
    scan.set(PDF);
    const added = await send(frontDesk, 'POST', files(instanceId), form(scan, 'scan.pdf'));
    expect(added.status, added.text).toBe(201);
    expect(added.body.attachment.bytes).toBe(scan.length);
  });

  it('ten files attached at once are ten files', async () => {
    const { instanceId, taskId } = await startQuestion();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) => {
        const bytes = new Uint8Array([...PDF, ...new TextEncoder().encode(`page ${n}\n`)]);
        return send(
          n % 2 ? frontDesk : frontDesk2,
          'POST',
          files(instanceId),
          form(bytes, `page-${n}.pdf`, taskId),
        );
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const listed = (await send(lead, 'GET', files(instanceId))).body.attachments;
    expect(new Set(listed.map((a: { id: string }) => a.id)).size).toBe(10);
    expect(new Set(listed.map((a: { sha256: string }) => a.sha256)).size).toBe(10);
  });
});

describe('who may see and attach', () => {
  it('a role not on the request sees nothing and attaches nothing; the auditor reads but does not attach', async () => {
    const { instanceId } = await startQuestion();
    const added = await send(frontDesk, 'POST', files(instanceId), form(PDF, 'statement.pdf'));
    const one = `${files(instanceId)}/${added.body.attachment.id}`;
    expect((await send(billing, 'GET', files(instanceId))).status).toBe(403);
    expect((await send(billing, 'GET', one)).status).toBe(403);
    expect((await send(billing, 'POST', files(instanceId), form(PDF, 'x.pdf'))).status).toBe(403);
    expect((await send(auditor, 'GET', files(instanceId))).status).toBe(200);
    const audited = await send(auditor, 'GET', one);
    expect(audited.status).toBe(200);
    expect(audited.bytes).toEqual(PDF);
    const auditorAdds = await send(auditor, 'POST', files(instanceId), form(PDF, 'x.pdf'));
    expect(auditorAdds.status).toBe(403);
    const rows = (await t.store.listAccess({ instanceId, limit: 50 })).items;
    expect(rows.filter((r: { outcome: string }) => r.outcome === 'deny').length).toBeGreaterThanOrEqual(4);
  });

  it('a task of another request, or a closed one, is refused; an ended request takes no more files', async () => {
    const a = await startQuestion();
    const b = await startQuestion();
    const other = await send(frontDesk, 'POST', files(a.instanceId), form(PDF, 'x.pdf', b.taskId));
    expect(other.status).toBe(404);
    const cancelled = await send(lead, 'POST', `/api/instances/${a.instanceId}/cancel`, {
      reason: 'duplicate',
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    const closed = await send(frontDesk, 'POST', files(a.instanceId), form(PDF, 'x.pdf'));
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('REQUEST_CLOSED');
  });
});

describe('taking a file off', () => {
  it('by whoever attached it, with a reason: listed as removed, no longer downloadable, its bytes gone', async () => {
    const { instanceId } = await startQuestion();
    const unique = new Uint8Array([...PDF, ...new TextEncoder().encode(`${Date.now()} only here\n`)]);
    const added = (await send(frontDesk, 'POST', files(instanceId), form(unique, 'wrong.pdf'))).body
      .attachment;
    const path = `${files(instanceId)}/${added.id}`;
    expect(stored()).toContain(added.sha256);

    const notTheirs = await send(frontDesk2, 'POST', `${path}/remove`, { reason: 'another patient' });
    expect(notTheirs.status).toBe(403);
    const noReason = await send(frontDesk, 'POST', `${path}/remove`, { reason: '' });
    expect(noReason.status).toBe(400);

    const removed = await send(frontDesk, 'POST', `${path}/remove`, { reason: "another patient's letter" });
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.attachment.removed).toMatchObject({
      by: t.user('front-desk').id,
      reason: "another patient's letter",
    });
    const gone = await send(frontDesk, 'GET', path);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('ATTACHMENT_GONE');
    expect(stored()).not.toContain(added.sha256);
    const listed = (await send(auditor, 'GET', files(instanceId))).body.attachments;
    expect(listed[0].removed.reason).toBe("another patient's letter");
  });

  it('removals released together: one wins, the others hear it was already removed', async () => {
    const { instanceId } = await startQuestion();
    const added = (await send(frontDesk, 'POST', files(instanceId), form(PDF, 'twice.pdf'))).body.attachment;
    const path = `${files(instanceId)}/${added.id}/remove`;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        send(n % 2 ? lead : frontDesk, 'POST', path, { reason: 'duplicate scan' }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(
      Array(7).fill('ATTACHMENT_REMOVED'),
    );
  });

  it('keeps bytes another request still holds, and works on an ended request', async () => {
    const a = await startQuestion();
    const b = await startQuestion();
    const shared = new Uint8Array([...PDF, ...new TextEncoder().encode('shared scan\n')]);
    const onA = (await send(frontDesk, 'POST', files(a.instanceId), form(shared, 'scan.pdf'))).body
      .attachment;
    const onB = (await send(frontDesk, 'POST', files(b.instanceId), form(shared, 'scan.pdf'))).body
      .attachment;
    await send(lead, 'POST', `/api/instances/${a.instanceId}/cancel`, { reason: 'wrong patient' });
    const removed = await send(lead, 'POST', `${files(a.instanceId)}/${onA.id}/remove`, {
      reason: 'wrong patient',
    });
    expect(removed.status, removed.text).toBe(200);
    const stillThere = await send(frontDesk, 'GET', `${files(b.instanceId)}/${onB.id}`);
    expect(stillThere.status).toBe(200);
    expect(stillThere.bytes).toEqual(shared);
    expect(existsSync(join(t.deps.config.attachmentsDir, onB.sha256))).toBe(true);
  });

  // The removal asks whether other requests hold the bytes (before it moves them, and again after);
  // the answer is no, and before the removal acts on it, the front desk attaches the same scan to
  // another request.
  it.each([1, 2])(
    'the same bytes attached elsewhere while the last copy is removed stay downloadable (at question %i)',
    async (question) => {
      const a = await startQuestion();
      const b = await startQuestion();
      const scan = new Uint8Array([...PDF, ...new TextEncoder().encode(`raced scan ${Date.now()}\n`)]);
      const onA = (await send(frontDesk, 'POST', files(a.instanceId), form(scan, 'scan.pdf'))).body
        .attachment;
      const store = t.deps.store;
      const inUse = store.attachmentBytesInUse.bind(store);
      let asked = 0;
      let onB: { id: string } | undefined;
      store.attachmentBytesInUse = async (sha256: string) => {
        const answer = await inUse(sha256);
        if (++asked === question) {
          const added = await send(frontDesk, 'POST', files(b.instanceId), form(scan, 'scan.pdf'));
          expect(added.status, added.text).toBe(201);
          onB = added.body.attachment;
        }
        return answer;
      };
      try {
        const removed = await send(frontDesk, 'POST', `${files(a.instanceId)}/${onA.id}/remove`, {
          reason: 'wrong request',
        });
        expect(removed.status, removed.text).toBe(200);
      } finally {
        store.attachmentBytesInUse = inUse;
      }
      expect(asked).toBeGreaterThanOrEqual(question);
      const download = await send(frontDesk, 'GET', `${files(b.instanceId)}/${onB!.id}`);
      expect(download.status, download.text).toBe(200);
      expect(download.bytes).toEqual(scan);
      expect(readdirSync(t.deps.config.attachmentsDir).filter((f) => f.startsWith('.'))).toEqual([]);
    },
  );
});

describe("the auditor's record", () => {
  it('history, JSON and CSV exports list each file with who attached it, and its removal with the reason', async () => {
    const { instanceId, taskId } = await startQuestion();
    const added = (await send(frontDesk, 'POST', files(instanceId), form(PDF, '=cmd|calc.pdf', taskId))).body
      .attachment;
    await send(frontDesk, 'POST', `${files(instanceId)}/${added.id}/remove`, {
      reason: 'scanned upside down',
    });
    // The file's name and the reason it came off are the request's words: read with the values.
    const history = await send(auditor, 'GET', `/api/instances/${instanceId}/history?values=true`);
    expect(history.status, history.text).toBe(200);
    expect(history.body.attachments).toHaveLength(1);
    expect(history.body.attachments[0]).toMatchObject({
      id: added.id,
      stepTitle: 'Log the billing question and attach the statement',
      removed: { reason: 'scanned upside down' },
    });
    const json = await send(auditor, 'GET', `/api/instances/${instanceId}/export?format=json`);
    expect(json.body.attachments.map((a: { id: string }) => a.id)).toEqual([added.id]);
    const csv = await send(auditor, 'GET', `/api/instances/${instanceId}/export?format=csv`);
    expect(csv.text).toMatch(/,attachment(\r?\n|$)/m);
    expect(csv.text).toContain(`sha256:${added.sha256}`);
    expect(csv.text).toMatch(/scanned upside down.*,attachment-removed(\r?\n|$)/m);
    // A name that a spreadsheet would run as a formula is written as text.
    expect(csv.text).not.toMatch(/(^|,)"?=cmd/m);
  });
});

describe('live updates', () => {
  it('an attachment and a removal each tell open screens the request changed: its id, never the file name', async () => {
    const { instanceId } = await startQuestion();
    const before = (await t.store.feedBounds()).newest;
    const added = (await send(frontDesk, 'POST', files(instanceId), form(PDF, `${PATIENT_NAME}.pdf`))).body
      .attachment;
    await send(frontDesk, 'POST', `${files(instanceId)}/${added.id}/remove`, { reason: 'wrong file' });
    const rows = await t.store.readFeed(before);
    const messages = rows.flatMap(
      (r) => JSON.parse(r.message) as Array<{ type: string; instanceId?: string }>,
    );
    const changed = messages.filter((m) => m.type === 'instance.changed' && m.instanceId === instanceId);
    expect(changed.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toContain(PATIENT_NAME);
  });
});

describe('the limit the browser checks against', () => {
  it('GET /api/config says how large a file may be, as this server is configured', async () => {
    const small = await makeApp({ config: { attachmentMaxBytes: 3 * 1024 * 1024 } });
    try {
      const res = await small.app.request('/api/config', { headers: await small.token('front-desk') });
      expect(((await res.json()) as { attachmentMaxBytes?: number }).attachmentMaxBytes).toBe(
        3 * 1024 * 1024,
      );
    } finally {
      await small.close();
    }
  });
});
