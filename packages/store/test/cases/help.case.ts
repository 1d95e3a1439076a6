import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHelpEntry } from '../../src/index.ts';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { at } from '../support/workflow.ts';

const faq = (patch: Partial<NewHelpEntry> = {}): NewHelpEntry => ({
  clinic: 'riverside',
  kind: 'faq',
  audience: 'patients',
  language: 'en',
  category: 'Signing in',
  tags: ['password'],
  title: 'How do I reset my password?',
  body: 'Choose **Forgot password**.',
  videoUrl: null,
  userId: 'u-writer',
  at: at(0),
  ...patch,
});

export function helpCases(newHarness: NewHarness): void {
  describe('help center', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
      await h.store.putHelpClinic({ slug: 'riverside', name: 'Riverside Family Clinic', at: at(0) });
    });
    afterEach(() => h.close());

    it('keeps clinics by slug and renames them in place', async () => {
      await h.store.putHelpClinic({ slug: 'riverside', name: 'Riverside Clinic', at: at(5) });
      expect(await h.store.listHelpClinics()).toEqual([
        { slug: 'riverside', name: 'Riverside Clinic', createdAt: at(0), updatedAt: at(5) },
      ]);
      expect(await h.store.getHelpClinic('nowhere')).toBeNull();
    });

    it('creates drafts, refuses an unknown clinic, and filters the list', async () => {
      const a = (await h.store.createHelpEntry(faq()))!;
      expect(a).toMatchObject({ status: 'draft', revision: 1, createdBy: 'u-writer', publishedAt: null });
      await h.store.createHelpEntry(
        faq({ audience: 'staff', status: 'published', title: 'Unlocking an account' }),
      );
      expect(await h.store.createHelpEntry(faq({ clinic: 'nowhere' }))).toBeNull();
      expect((await h.store.listHelpEntries({ clinic: 'riverside' })).length).toBe(2);
      const published = await h.store.listHelpEntries({ status: 'published' });
      expect(published.map((e) => [e.title, e.audience, e.publishedAt])).toEqual([
        ['Unlocking an account', 'staff', at(0)],
      ]);
      expect(await h.store.listHelpEntries({ audience: 'patients', status: 'published' })).toEqual([]);
    });

    it('records each edit as old → new, at the revision read; a stale edit is a conflict', async () => {
      const a = (await h.store.createHelpEntry(faq()))!;
      const edited = await h.store.updateHelpEntry({
        id: a.id,
        expectedRevision: 1,
        patch: { title: 'Resetting your password', tags: ['password', 'login'], body: a.body },
        userId: 'u-editor',
        at: at(1),
      });
      expect(edited).toMatchObject({ ok: true, entry: { revision: 2, title: 'Resetting your password' } });
      const stale = await h.store.updateHelpEntry({
        id: a.id,
        expectedRevision: 1,
        patch: { title: 'Lost update' },
        userId: 'u-other',
        at: at(2),
      });
      expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { revision: 2 } });
      const published = await h.store.updateHelpEntry({
        id: a.id,
        expectedRevision: 2,
        patch: { status: 'published' },
        userId: 'u-editor',
        at: at(3),
      });
      expect(published).toMatchObject({ ok: true, entry: { status: 'published', publishedAt: at(3) } });
      const changes = await h.store.listHelpEntryChanges(a.id);
      expect(changes.map((c) => [c.seq, c.action, c.userId, c.at])).toEqual([
        [1, 'created', 'u-writer', at(0)],
        [2, 'edited', 'u-editor', at(1)],
        [3, 'published', 'u-editor', at(3)],
      ]);
      expect(changes[1]!.changes).toEqual({
        title: { from: 'How do I reset my password?', to: 'Resetting your password' },
        tags: { from: ['password'], to: ['password', 'login'] },
      });
      expect(changes[2]!.changes).toEqual({ status: { from: 'draft', to: 'published' } });
    });

    it('deletes at the revision read and keeps the history', async () => {
      const a = (await h.store.createHelpEntry(faq()))!;
      expect(await h.store.deleteHelpEntry({ id: a.id, expectedRevision: 9, userId: 'u' })).toMatchObject({
        ok: false,
        reason: 'conflict',
      });
      expect(
        await h.store.deleteHelpEntry({ id: a.id, expectedRevision: 1, userId: 'u', at: at(4) }),
      ).toMatchObject({ ok: true });
      expect(await h.store.getHelpEntry(a.id)).toBeNull();
      expect(await h.store.deleteHelpEntry({ id: a.id, expectedRevision: 1, userId: 'u' })).toEqual({
        ok: false,
        reason: 'not-found',
      });
      const last = (await h.store.listHelpEntryChanges(a.id)).at(-1)!;
      expect(last).toMatchObject({ action: 'deleted', userId: 'u', at: at(4) });
      expect(last.changes.title).toEqual({ from: 'How do I reset my password?', to: null });
    });
  });
}
