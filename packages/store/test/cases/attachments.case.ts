import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at, publish, startInstance } from '../support/workflow.ts';

const SHA = (c: string) => c.repeat(64);
const draft = (over: Record<string, unknown> = {}) => ({
  name: 'statement.pdf',
  type: 'application/pdf',
  bytes: 1234,
  sha256: SHA('a'),
  authorId: 'u-desk',
  authorRole: 'front-desk',
  at: at(1),
  ...over,
});

export function attachmentCases(newHarness: NewHarness): void {
  describe('request attachments', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
      await publish(h.store);
    });
    afterEach(() => h.close());

    /** The record of a file the store must take. */
    const added = async (instanceId: string, file: ReturnType<typeof draft>) => {
      const result = await h.store.addAttachment(instanceId, file);
      if (!result.ok) throw new Error(`not attached: ${result.reason}`);
      return result.attachment;
    };

    it('records a file on an instance, on one of its tasks, and lists them oldest first', async () => {
      await startInstance(h.store, 'i-1');
      const first = await added('i-1', draft({ taskToken: 't1', step: 'triage' }));
      const second = await added('i-1', draft({ name: 'letter.png', type: 'image/png', at: at(2) }));
      expect(first).toMatchObject({
        instanceId: 'i-1',
        taskId: 'i-1:t1',
        step: 'triage',
        name: 'statement.pdf',
        bytes: 1234,
        sha256: SHA('a'),
        authorRole: 'front-desk',
        removed: null,
      });
      expect((await h.store.listAttachments('i-1')).map((a) => a.id)).toEqual([first.id, second.id]);
      expect(await h.store.getAttachment(second.id)).toEqual(second);
      expect(await h.store.listAttachments('i-2')).toEqual([]);
    });

    it('writes nothing for an instance that does not exist', async () => {
      expect(await h.store.addAttachment('i-missing', draft())).toEqual({ ok: false, reason: 'not-found' });
      expect(await h.store.addAttachment('i-missing', draft(), { maxFiles: 3 })).toEqual({
        ok: false,
        reason: 'not-found',
      });
      expect(await h.store.listAttachments('i-missing')).toEqual([]);
    });

    it('refuses a record without a hash or with no bytes, before anything is written', async () => {
      await startInstance(h.store, 'i-1');
      await expect(h.store.addAttachment('i-1', draft({ sha256: 'not-a-hash' }))).rejects.toThrow(/SHA-256/);
      await expect(h.store.addAttachment('i-1', draft({ bytes: 0 }))).rejects.toThrow(/byte/);
      expect(await h.store.listAttachments('i-1')).toEqual([]);
    });

    it('removes once with its reason: of removals released together exactly one wins', async () => {
      await startInstance(h.store, 'i-1');
      const file = await added('i-1', draft());
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          h.store.removeAttachment({ id: file.id, by: `u-${n}`, at: at(5), reason: 'another patient' }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'already-removed')).toHaveLength(5);
      const removed = (await h.store.getAttachment(file.id))!;
      expect(removed.removed).toMatchObject({ at: at(5), reason: 'another patient' });
      expect(await h.store.removeAttachment({ id: 'nope', by: 'u', at: at(6), reason: 'x' })).toEqual({
        ok: false,
        reason: 'not-found',
      });
    });

    it('counts each request’s files, removed ones not counted, in one read per page', async () => {
      for (const id of ['i-1', 'i-2', 'i-3']) await startInstance(h.store, id);
      await h.store.addAttachment('i-1', draft());
      const gone = await added('i-1', draft({ sha256: SHA('b') }));
      await h.store.addAttachment('i-1', draft({ sha256: SHA('c') }));
      const only = await added('i-2', draft());
      await h.store.removeAttachment({ id: gone.id, by: 'u', at: at(2), reason: 'wrong patient' });
      await h.store.removeAttachment({ id: only.id, by: 'u', at: at(2), reason: 'wrong patient' });
      expect(await h.store.countAttachments(['i-1', 'i-2', 'i-3', 'i-1', 'nope'])).toEqual(
        new Map([['i-1', 2]]),
      );
      expect(await h.store.countAttachments([])).toEqual(new Map());
    });

    it('says whether bytes are still named by an attachment not removed', async () => {
      await startInstance(h.store, 'i-1');
      await startInstance(h.store, 'i-2');
      const one = await added('i-1', draft());
      const two = await added('i-2', draft());
      expect(await h.store.attachmentBytesInUse(SHA('a'))).toBe(true);
      await h.store.removeAttachment({ id: one.id, by: 'u', at: at(2), reason: 'duplicate' });
      expect(await h.store.attachmentBytesInUse(SHA('a'))).toBe(true);
      await h.store.removeAttachment({ id: two.id, by: 'u', at: at(3), reason: 'duplicate' });
      expect(await h.store.attachmentBytesInUse(SHA('a'))).toBe(false);
      expect(await h.store.attachmentBytesInUse(SHA('b'))).toBe(false);
    });

    it('counts the files a request holds in the write: of files released together, only as many as there are places', async () => {
      await startInstance(h.store, 'i-1');
      await startInstance(h.store, 'i-2');
      await added('i-1', draft());
      await added('i-1', draft({ sha256: SHA('b') }));
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, n) =>
          h.store.addAttachment('i-1', draft({ sha256: SHA(String(n)) }), { maxFiles: 3 }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.reason === 'too-many-files')).toHaveLength(7);
      const held = await h.store.listAttachments('i-1');
      expect(held).toHaveLength(3);
      expect(await h.store.countAttachments(['i-1'])).toEqual(new Map([['i-1', 3]]));
      // Another request has its own places.
      expect((await h.store.addAttachment('i-2', draft(), { maxFiles: 3 })).ok).toBe(true);
    });

    it('a removed file frees its place', async () => {
      await startInstance(h.store, 'i-1');
      const first = await added('i-1', draft());
      await added('i-1', draft({ sha256: SHA('b') }));
      expect(await h.store.addAttachment('i-1', draft({ sha256: SHA('c') }), { maxFiles: 2 })).toEqual({
        ok: false,
        reason: 'too-many-files',
      });
      await h.store.removeAttachment({ id: first.id, by: 'u', at: at(2), reason: 'duplicate' });
      const again = await h.store.addAttachment('i-1', draft({ sha256: SHA('c') }), { maxFiles: 2 });
      expect(again).toMatchObject({ ok: true, attachment: { sha256: SHA('c'), removed: null } });
      expect((await h.store.addAttachment('i-1', draft({ sha256: SHA('d') }), { maxFiles: 2 })).ok).toBe(
        false,
      );
    });

    it('takes an upload key in the same write: of two adds with one key, one records the file', async () => {
      await startInstance(h.store, 'i-1');
      const once = { key: 'k-1', userId: 'u-desk', route: 'POST /attachments i-1', createdAt: at(1) };
      const results = await Promise.all([
        h.store.addAttachment('i-1', draft(), { maxFiles: 3 }, once),
        h.store.addAttachment('i-1', draft(), { maxFiles: 3 }, once),
      ]);
      const kept = results.find((r) => r.ok);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'key-used' }]);
      expect(await h.store.listAttachments('i-1')).toHaveLength(1);
      expect(await h.store.getIdempotency('k-1', 'u-desk')).toMatchObject({
        route: once.route,
        status: 201,
        response: { attachmentId: kept?.ok ? kept.attachment.id : null },
      });
      // The key is its user's: someone else's key of the same name is theirs.
      expect((await h.store.addAttachment('i-1', draft(), {}, { ...once, userId: 'u-other' })).ok).toBe(true);
      // A refused add takes no key: the same key works once the refusal is gone.
      const full = await h.store.addAttachment('i-1', draft(), { maxFiles: 2 }, { ...once, key: 'k-2' });
      expect(full).toEqual({ ok: false, reason: 'too-many-files' });
      expect(await h.store.getIdempotency('k-2', 'u-desk')).toBeNull();
      expect(await h.store.addAttachment('i-missing', draft(), {}, { ...once, key: 'k-3' })).toEqual({
        ok: false,
        reason: 'not-found',
      });
    });

    it('refuses a limit that is not a whole number from 1, before anything is written', async () => {
      await startInstance(h.store, 'i-1');
      for (const maxFiles of [0, -1, 2.5, Number.NaN])
        await expect(h.store.addAttachment('i-1', draft(), { maxFiles })).rejects.toThrow(/whole number/);
      expect(await h.store.listAttachments('i-1')).toEqual([]);
    });
  });
}
