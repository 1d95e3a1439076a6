import { canonicalJson } from '@portalflow/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/index.ts';
import type { NewHarness, StoreHarness } from '../support/harness.ts';
import { triage } from '../support/workflow.ts';

export function definitionCases(newHarness: NewHarness): void {
  describe('definitions', () => {
    let h: StoreHarness;
    beforeEach(async () => {
      h = await newHarness();
    });
    afterEach(() => h.close());

    const save = (
      expectedRevision: number,
      changes: Partial<{ title: string; layout: unknown; definition: unknown }> = {},
    ) =>
      h.store.saveDraft({
        id: triage.id,
        title: changes.title ?? triage.title,
        definition: changes.definition ?? triage,
        ...(changes.layout === undefined ? {} : { layout: changes.layout }),
        expectedRevision,
        updatedBy: 'lead',
      });

    it('creates a draft at revision 1 and moves it on only from the revision read', async () => {
      const created = await save(0, { layout: { lanes: ['front-desk', 'nurse'] } });
      expect(created).toMatchObject({ ok: true, draft: { id: triage.id, revision: 1, updatedBy: 'lead' } });
      const second = await save(1, { title: 'Triage v2' });
      expect(second).toMatchObject({ ok: true, draft: { revision: 2, title: 'Triage v2' } });
      // Layout was omitted, so it is kept.
      expect((await h.store.getDraft(triage.id))?.layout).toEqual({ lanes: ['front-desk', 'nurse'] });

      const stale = await save(1, { title: 'Someone else' });
      expect(stale).toMatchObject({
        ok: false,
        reason: 'conflict',
        current: { revision: 2, title: 'Triage v2' },
      });
      expect(await save(0)).toMatchObject({ ok: false, reason: 'conflict', current: { revision: 2 } });
      expect(
        await h.store.saveDraft({
          id: 'nope',
          title: 'x',
          definition: {},
          expectedRevision: 3,
          updatedBy: null,
        }),
      ).toEqual({ ok: false, reason: 'not-found' });
    });

    it('refuses to store a workflow whose id breaks the id pattern', async () => {
      for (const id of ['weird"id\r\n', 'has space', '-x', '', 'x'.repeat(81)]) {
        await expect(
          h.store.saveDraft({ id, title: 'x', definition: { id }, expectedRevision: 0, updatedBy: null }),
        ).rejects.toMatchObject({ code: 'CHANGE_INVALID' });
        expect(await h.store.getDraft(id)).toBeNull();
      }
      expect(await h.store.listDefinitions()).toEqual([]);
    });

    it('lists published workflows by their latest version, leaving out drafts never published', async () => {
      await save(0);
      await h.store.saveDraft({
        id: 'wip',
        title: 'WIP',
        definition: {},
        expectedRevision: 0,
        updatedBy: null,
      });
      expect(await h.store.listPublished()).toEqual([]);
      await h.store.publish({ definitionId: triage.id, publishedBy: 'lead', at: '2026-03-02T16:00:00.000Z' });
      await save(1, {
        title: 'Renamed in the draft',
        definition: { ...triage, title: 'Renamed in the draft' },
      });
      expect(await h.store.listPublished()).toEqual([
        {
          id: triage.id,
          title: triage.title,
          latestVersion: 1,
          latestPublishedAt: '2026-03-02T16:00:00.000Z',
          retiredAt: null,
        },
      ]);
    });

    it('keeps an invalid work-in-progress draft as it was written', async () => {
      await h.store.saveDraft({
        id: 'wip',
        title: 'WIP',
        definition: { steps: { a: { type: 'tas' } } },
        expectedRevision: 0,
        updatedBy: null,
      });
      expect((await h.store.getDraft('wip'))?.definition).toEqual({ steps: { a: { type: 'tas' } } });
    });

    it('publishes version n+1 with the SHA-256 of the canonical definition, layout excluded', async () => {
      await save(0, { layout: { x: 1 } });
      const first = await h.store.publish({
        definitionId: triage.id,
        publishedBy: 'lead',
        at: '2026-03-01T00:00:00.000Z',
      });
      expect(first).toMatchObject({
        ok: true,
        created: true,
        version: { version: 1, publishedBy: 'lead', layout: { x: 1 } },
      });
      if (!first.ok) return;
      expect(first.version.contentHash).toBe(sha256Hex(canonicalJson(triage)));
      expect(first.version.definition).toEqual(triage);

      // Moving boxes changes the layout only: same hash, same version.
      await save(1, { layout: { x: 2 } });
      const again = await h.store.publish({ definitionId: triage.id, publishedBy: 'lead' });
      expect(again).toMatchObject({ ok: true, created: false, version: { version: 1, layout: { x: 1 } } });

      const changed = { ...triage, title: 'Triage (revised)' };
      await save(2, { definition: changed });
      const second = await h.store.publish({
        definitionId: triage.id,
        expectedRevision: 3,
        publishedBy: 'lead2',
      });
      expect(second).toMatchObject({
        ok: true,
        created: true,
        version: { version: 2, publishedBy: 'lead2' },
      });

      expect((await h.store.getVersion(triage.id))?.version).toBe(2);
      expect((await h.store.getVersion(triage.id, 1))?.definition).toEqual(triage);
      expect(await h.store.getVersion(triage.id, 9)).toBeNull();
      expect((await h.store.listVersions(triage.id)).map((v) => v.version)).toEqual([1, 2]);
      expect(await h.store.listDefinitions()).toMatchObject([
        { id: triage.id, revision: 3, latestVersion: 2 },
      ]);
    });

    it('refuses to publish a draft that moved since the caller checked it', async () => {
      await save(0);
      await save(1, { title: 'edited meanwhile' });
      const result = await h.store.publish({
        definitionId: triage.id,
        expectedRevision: 1,
        publishedBy: 'lead',
      });
      expect(result).toMatchObject({ ok: false, reason: 'conflict', current: { revision: 2 } });
      expect(await h.store.listVersions(triage.id)).toEqual([]);
      expect(await h.store.publish({ definitionId: 'missing', publishedBy: null })).toEqual({
        ok: false,
        reason: 'not-found',
      });
    });

    it('never lets a published version change, even by SQL', async () => {
      await save(0);
      await h.store.publish({ definitionId: triage.id, publishedBy: 'lead' });
      await expect(h.sql("UPDATE definition_versions SET definition = '{}'")).rejects.toThrow(/immutable/);
      await expect(h.sql('DELETE FROM definition_versions')).rejects.toThrow(/immutable/);
      expect((await h.store.getVersion(triage.id, 1))?.definition).toEqual(triage);
    });
  });
}
