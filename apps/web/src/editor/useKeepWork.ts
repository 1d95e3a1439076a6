import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Me } from '../api/types.ts';
import { diffDocuments, isEmptyDiff } from '../model/history.ts';
import { keptWorkText } from './keptWork.ts';
import { flushKept, keepSoon, writeKept } from './keptWorkStorage.ts';
import { useEditorStore } from './useEditorStore.ts';

/**
 * Keeps the open workflow's unsaved changes and unfinished entries in this browser as they are made
 * (see keptWork.ts), and lets go of them once saved or fixed: a reload opens the editor as it was left.
 */
export function useKeepWork(id: string): void {
  const client = useQueryClient();
  useEffect(() => {
    const write = () => {
      // Signed out meanwhile: nothing is written back.
      const me = client.getQueryData<Me | null>(['me']);
      const { document, base, entries } = useEditorStore.getState();
      if (!me || !document || !base || document.definition.id !== id) return;
      const changed = document !== base.document && !isEmptyDiff(diffDocuments(base.document, document));
      const keep = changed || Object.keys(entries).length > 0;
      writeKept(me.user.id, id, keep ? keptWorkText(base, changed ? document : null, entries) : null);
    };
    const unsubscribe = useEditorStore.subscribe((now, before) => {
      if (now.document !== before.document || now.base !== before.base || now.entries !== before.entries)
        keepSoon(write);
    });
    window.addEventListener('pagehide', flushKept);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flushKept);
      flushKept();
    };
  }, [client, id]);
}
