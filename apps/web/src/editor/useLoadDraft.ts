import type { getDefinition } from '@portalflow/contract';
import { type Definition, type DefinitionIssue, PortalflowError, parseDefinition } from '@portalflow/engine';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Answer } from '../api/call.ts';
import type { Draft, Me } from '../api/types.ts';
import { layoutInWorker, startLayoutWorker } from '../canvas/layoutInWorker.ts';
import { routeAhead } from '../canvas/useCanvasScene.ts';
import { type EditorDocument, type Layout, readLayout } from '../model/document.ts';
import { draftFor } from './askForDraft.ts';
import { roleCatalogQuery } from './inspector/common.ts';
import { keptWorkFor, openResumed } from './resumeKeptWork.ts';
import { type SavedBase, useEditorStore } from './useEditorStore.ts';
import { peopleQuery, readHeldRoles } from './useHeldRoles.ts';

/**
 * How long the open waits for the staff list once the draft is read: lint then runs once, with the
 * roles people hold, instead of a second time (and a second drawing of the marks) when they arrive.
 */
const PEOPLE_WAIT_MS = 400;

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
    queryFn: () => draftFor(id),
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
  const client = useQueryClient();
  // The staff list and the role catalog are asked for with the draft, not after the editor has drawn
  // it; the layout worker starts meanwhile, ready to route a large workflow's arrows.
  useEffect(() => {
    startLayoutWorker();
    void client.prefetchQuery(peopleQuery);
    void client.prefetchQuery(roleCatalogQuery);
  }, [client]);
  const draft = query.data?.draft;
  useEffect(() => {
    if (!draft) return;
    let cancelled = false;
    setState({ id, ready: false });
    Promise.all([baseFrom(draft), readHeldRoles(client, PEOPLE_WAIT_MS)])
      .then(([base, heldRoles]) => {
        if (cancelled) return;
        // What this lead left unfinished here before a reload comes back with the draft.
        const resumed = keptWorkFor(client.getQueryData<Me | null>(['me']), id, base);
        const opened = resumed?.edited ?? resumed?.base.document ?? base.document;
        // A large workflow's arrows start routing in the worker while the editor draws its boxes.
        routeAhead(opened.definition, opened.layout);
        if (resumed) openResumed(resumed, heldRoles ?? undefined);
        else load(base, base.document, heldRoles ?? undefined);
        setState({ id, ready: true });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ id, ready: false, issues: issuesOf(error) });
      });
    return () => {
      cancelled = true;
    };
  }, [draft, id, load, client]);
  return { query, ready: state.id === id && state.ready, issues: state.id === id ? state.issues : undefined };
}
