import { getDefinition } from '@portalflow/contract';
import { type Definition, type DefinitionIssue, PortalflowError, parseDefinition } from '@portalflow/engine';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type Answer, call } from '../api/call.ts';
import type { Draft } from '../api/types.ts';
import { layoutInWorker } from '../canvas/layoutInWorker.ts';
import { type EditorDocument, type Layout, readLayout } from '../model/document.ts';
import { type SavedBase, useEditorStore } from './useEditorStore.ts';

export type DefinitionResponse = Answer<typeof getDefinition>;

/** Stored positions, or the auto layout (in a worker) when the stored one misses steps (seeded or imported workflows). */
export async function documentFrom(definition: Definition, rawLayout: unknown): Promise<EditorDocument> {
  const layout: Layout = readLayout(rawLayout);
  const complete = Object.keys(definition.steps).every((id) => layout.positions[id]);
  if (complete) return { definition, layout };
  return { definition, layout: await layoutInWorker('complete', definition, layout) };
}

export function issuesOf(error: unknown): DefinitionIssue[] {
  if (error instanceof PortalflowError) {
    const issues = (error.details as { issues?: DefinitionIssue[] } | undefined)?.issues;
    return issues ?? [{ path: '', message: error.message }];
  }
  return [{ path: '', message: String(error) }];
}

export async function baseFrom(draft: Draft): Promise<SavedBase> {
  const definition = parseDefinition(draft.definition);
  return {
    document: await documentFrom(definition, draft.layout),
    revision: draft.revision,
    updatedAt: draft.updatedAt,
    updatedBy: draft.updatedBy,
  };
}

/** Loads the draft into the editor store once per workflow (a refetch never clobbers edits). */
export function useLoadDraft(id: string) {
  const query = useQuery({
    queryKey: ['definition', id],
    queryFn: () => call(getDefinition, { params: { id } }),
    // Read once per visit: a refetch while editing must not replace the document, and leaving the
    // editor drops the copy so the next visit reads the latest draft.
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const [state, setState] = useState<{ id: string; issues?: DefinitionIssue[]; ready: boolean }>({
    id,
    ready: false,
  });
  const load = useEditorStore((s) => s.load);
  const draft = query.data?.draft;
  useEffect(() => {
    if (!draft) return;
    let cancelled = false;
    setState({ id, ready: false });
    baseFrom(draft)
      .then((base) => {
        if (cancelled) return;
        load(base);
        setState({ id, ready: true });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ id, ready: false, issues: issuesOf(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [draft, id, load]);
  return { query, ready: state.id === id && state.ready, issues: state.id === id ? state.issues : undefined };
}
