import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachAll, type PendingFile } from '../src/work/attachments/attachAll.ts';

/** Several files sent to a request that fills up on the way: each one not attached says why. */

const FULL = {
  code: 'TOO_MANY_FILES',
  message:
    'This request already holds 3 files, the most one request can hold. Take one off first (a duplicate or an outdated scan), or combine pages into one PDF.',
  details: { limit: 3 },
};

const attachment = {
  id: 'att-1',
  instanceId: 'inst-1',
  taskId: null,
  step: null,
  stepTitle: null,
  name: 'a.pdf',
  type: 'application/pdf',
  bytes: 9,
  sha256: 'a'.repeat(64),
  authorId: 'u-desk',
  authorRole: 'front-desk',
  at: '2026-03-02T09:00:00.000Z',
  removed: null,
};

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const pending = (name: string): PendingFile => ({
  file: new File(['%PDF-1.4\n'], name, { type: 'application/pdf' }),
  summary: 'PDF · 9 bytes',
  key: `key-${name}`,
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('attachAll', () => {
  it('when the request is full, each file not attached carries the server’s message, and every file is tried', async () => {
    let sent = 0;
    vi.stubGlobal('fetch', async () =>
      ++sent === 1 ? answer(201, { attachment }) : answer(409, { error: FULL }),
    );
    const progress: number[] = [];
    const failures = await attachAll(
      'inst-1',
      undefined,
      [pending('a.pdf'), pending('b.pdf'), pending('c.pdf')],
      (n) => progress.push(n),
    );
    expect(failures.map((f) => [f.pending.file.name, f.message])).toEqual([
      ['b.pdf', FULL.message],
      ['c.pdf', FULL.message],
    ]);
    expect(progress).toEqual([1, 2, 3]);
  });
});
