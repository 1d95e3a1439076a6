import { getDefinition, publishDefinition, saveDefinition } from '@portalflow/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { call } from '../api/call.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import type { Draft } from '../api/types.ts';
import type { EditorDocument } from '../model/document.ts';
import { diffDocuments, isEmptyDiff } from '../model/history.ts';
import { toast } from './toast.ts';
import { useEditorStore } from './useEditorStore.ts';
import type { DefinitionResponse } from './useLoadDraft.ts';
import { publishedTitle } from './versionWords.ts';

// The store's selectors run on every change (a lint result, a selection): diff a pair of documents once.
let lastDiffed: { base: EditorDocument; document: EditorDocument; dirty: boolean } | undefined;
function dirtyOf(base: EditorDocument, document: EditorDocument): boolean {
  if (lastDiffed?.base !== base || lastDiffed.document !== document)
    lastDiffed = { base, document, dirty: !isEmptyDiff(diffDocuments(base, document)) };
  return lastDiffed.dirty;
}

/** Whether the editor holds edits the server does not have. */
export function useDirty(): boolean {
  return useEditorStore((s) => !!s.document && !!s.base && dirtyOf(s.base.document, s.document));
}

/**
 * Save and publish. A save names the revision it started from; when someone saved in between,
 * the server refuses (409) and `conflict` holds their draft so the designer can review it —
 * nothing is ever overwritten silently.
 */
export function useDraftActions(id: string) {
  const client = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [conflict, setConflict] = useState<Draft | null>(null);

  // Refused because another window saved, maybe published too: what is live is read again (only
  // `latest`, so the editor keeps this window's work), or the header would go on naming the old version.
  const refused = useCallback(
    (current: Draft) => {
      setConflict(current);
      void call(getDefinition, { params: { id } })
        .then((fresh) =>
          client.setQueryData<DefinitionResponse>(['definition', id], (old) =>
            old ? { ...old, latest: fresh.latest } : old,
          ),
        )
        .catch(() => undefined);
      void client.invalidateQueries({ queryKey: ['versions', id] });
    },
    [client, id],
  );

  const save = useCallback(async (): Promise<boolean> => {
    const { document, base, rebase } = useEditorStore.getState();
    if (!document || !base) return false;
    setSaving(true);
    try {
      const res = await call(saveDefinition, {
        params: { id },
        body: { definition: document.definition, layout: document.layout, revision: base.revision },
        idempotencyKey: newIdempotencyKey(),
      });
      rebase({
        document,
        revision: res.draft.revision,
        updatedAt: res.draft.updatedAt,
        updatedBy: res.draft.updatedBy,
      });
      void client.invalidateQueries({ queryKey: ['definitions'] });
      toast({
        color: 'teal',
        title: 'Saved',
        message: `${document.definition.title} — draft saved`,
      });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_REVISION') {
        refused((error.details as { current: Draft }).current);
        return false;
      }
      toast({
        color: 'red',
        title: 'Not saved',
        message: error instanceof Error ? error.message : String(error),
      });
      return false;
    } finally {
      setSaving(false);
    }
  }, [client, id, refused]);

  const publish = useCallback(
    async (dirty: boolean): Promise<boolean> => {
      if (dirty && !(await save())) return false;
      const base = useEditorStore.getState().base;
      if (!base) return false;
      setPublishing(true);
      try {
        const res = await call(publishDefinition, {
          params: { id },
          body: { revision: base.revision },
          idempotencyKey: newIdempotencyKey(),
        });
        const v = res.version.version;
        // Update only `latest`: the draft object stays the same, so the editor is not reloaded.
        client.setQueryData<DefinitionResponse>(['definition', id], (old) =>
          old ? { ...old, latest: res.version } : old,
        );
        void client.invalidateQueries({ queryKey: ['definitions'] });
        // The roles' titles and duties are the published workflows'.
        void client.invalidateQueries({ queryKey: ['roles'] });
        void client.invalidateQueries({ queryKey: ['versions', id] });
        toast({
          color: 'teal',
          title: publishedTitle(v, res.created),
          message: res.created
            ? 'New requests start on this version; running ones stay on theirs.'
            : 'Nothing changed since that version.',
        });
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'STALE_REVISION') {
          refused((error.details as { current: Draft }).current);
          return false;
        }
        toast({
          color: 'red',
          title: 'Not published',
          message: error instanceof Error ? error.message : String(error),
        });
        return false;
      } finally {
        setPublishing(false);
      }
    },
    [client, id, save, refused],
  );

  return { save, publish, saving, publishing, conflict, clearConflict: () => setConflict(null) };
}
