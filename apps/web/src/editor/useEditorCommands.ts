import { LANE, placementOf } from '@portalflow/diagram';
import type { Definition, Step, StepKind } from '@portalflow/engine';
import { useCallback, useMemo } from 'react';
import type { Change, ConnectVia } from '../model/changes.ts';
import { copySteps, pasteChanges, type StepClipboard } from '../model/clipboard.ts';
import { type StepPosition, uniqueId } from '../model/document.ts';
import { newEndTitle } from '../model/endTitles.ts';
import type { Lane } from '../model/lanes.ts';
import { COLUMN_WIDTH, freeSpot } from '../model/scene.ts';
import { newStepId } from '../model/stepIds.ts';
import { toast } from './toast.ts';
import { useEditorStore } from './useEditorStore.ts';

/** What the app's own clipboard holds (also written to the system clipboard as JSON). */
let clipboard: StepClipboard | null = null;

function newStep(kind: StepKind, role: string | undefined, definition: Definition): Step {
  switch (kind) {
    case 'task':
      return role
        ? { type: 'task', title: 'New task', role, outcomes: {} }
        : { type: 'task', title: 'New task', outcomes: {} };
    case 'decision':
      return { type: 'decision', title: 'Decision', branches: [] };
    case 'parallel':
      return { type: 'parallel', title: 'In parallel', branches: [], join: '' };
    case 'wait':
      return { type: 'wait', title: 'Wait for the patient', signal: 'patient-replied', next: '' };
    case 'end':
      // Titled, so that two new end steps never both read “End: done”.
      return { type: 'end', title: newEndTitle(definition), outcome: 'done' };
  }
}

/** Editing commands shared by the palette, the keyboard, the canvas and the inspector. */
export function useEditorCommands() {
  const addStep = useCallback((kind: StepKind, at?: { lane: Lane; position: StepPosition }) => {
    const { document, selection, apply } = useEditorStore.getState();
    if (!document) return;
    const { definition, layout } = document;
    // Boxes and lanes only: no arrows need routing to place a new step.
    const scene = placementOf(definition, layout);
    let lane = at?.lane;
    let position = at?.position;
    if (!lane || !position) {
      // Beside the selected step, in its lane; else after the last box of the first lane.
      const selected = selection.steps[0] !== undefined ? scene.boxes.get(selection.steps[0]) : undefined;
      lane = scene.lanes.find((l) => l.role === (selected?.lane ?? scene.lanes[0]?.role)) ?? scene.lanes[0];
      if (!lane) {
        toast({
          color: 'orange',
          title: 'Add a role first',
          message: 'Steps live in lanes, and every lane is a role.',
        });
        return;
      }
      const inLane = [...scene.boxes.values()].filter((b) => b.lane === lane!.role);
      const x = selected
        ? selected.x + COLUMN_WIDTH
        : Math.max(LANE.contentLeft - COLUMN_WIDTH, ...inLane.map((b) => b.x)) + COLUMN_WIDTH;
      const y = selected ? selected.y - lane.y : LANE.padding;
      // Placed by the program, not by hand: Auto layout arranges it with the rest.
      const { pinned: _byHand, ...spot } = freeSpot(scene, lane, x, y, kind);
      position = spot;
    }
    const role = lane.role === '' ? undefined : lane.role;
    const step = newStep(kind, role, definition);
    const id = newStepId(definition, step.title ?? step.type);
    apply([{ type: 'addStep', id, step, position }], {
      select: { steps: [id], edges: [] },
    });
    useEditorStore.getState().select({ steps: [id], edges: [] }, true);
  }, []);

  const connect = useCallback((from: string, to: string) => {
    const { document, apply } = useEditorStore.getState();
    const step = document?.definition.steps[from];
    if (!document || !step) return;
    let via: ConnectVia;
    let path: string;
    switch (step.type) {
      case 'task': {
        const name = uniqueId(
          Object.keys(step.outcomes).length === 0 ? 'done' : 'outcome',
          (n) => n in step.outcomes,
        );
        via = { kind: 'outcome', name };
        path = `steps.${from}.outcomes.${name}`;
        break;
      }
      case 'decision':
        if (step.branches.length > 0 && step.otherwise === undefined) {
          via = { kind: 'otherwise' };
          path = `steps.${from}.otherwise`;
        } else {
          via = { kind: 'branch', when: '' };
          path = `steps.${from}.branches.${step.branches.length}.to`;
        }
        break;
      case 'parallel':
        if (step.branches.length > 0 && !step.join) {
          via = { kind: 'join' };
          path = `steps.${from}.join`;
        } else {
          via = { kind: 'fork' };
          path = `steps.${from}.branches.${step.branches.length}`;
        }
        break;
      case 'wait':
        via = { kind: 'next' };
        path = `steps.${from}.next`;
        break;
      default:
        return;
    }
    apply([{ type: 'connect', from, to, via }], { select: { steps: [], edges: [path] } });
  }, []);

  const deleteSelection = useCallback(() => {
    const { selection, apply, document } = useEditorStore.getState();
    if (!document) return;
    const removedSteps = new Set(selection.steps);
    const changes: Change[] = [];
    // Arrows first, highest branch index first, so removing one never shifts another's index.
    const edges = selection.edges.filter((p) => !removedSteps.has(/^steps\.([^.]+)\./.exec(p)?.[1] ?? ''));
    const skipped = edges.filter((p) => /\.(join|next)$/.test(p));
    for (const path of edges
      .filter((p) => !skipped.includes(p))
      .sort((a, b) => b.localeCompare(a, 'en', { numeric: true })))
      changes.push({ type: 'disconnect', path });
    for (const id of selection.steps) changes.push({ type: 'removeStep', id });
    if (skipped.length)
      toast({
        color: 'orange',
        title: 'Some arrows stay',
        message: 'A join and a wait’s next are required: point them elsewhere in the inspector.',
      });
    if (changes.length) apply(changes, { select: { steps: [], edges: [] } });
  }, []);

  const copy = useCallback(() => {
    const { document, selection } = useEditorStore.getState();
    if (!document || selection.steps.length === 0) return false;
    clipboard = copySteps(document, selection.steps);
    void navigator.clipboard?.writeText(JSON.stringify(clipboard)).catch(() => undefined);
    toast({
      color: 'gray',
      message: `Copied ${selection.steps.length} step${selection.steps.length > 1 ? 's' : ''}`,
      autoClose: 1500,
    });
    return true;
  }, []);

  const paste = useCallback((from: StepClipboard | null = clipboard) => {
    const { document, apply } = useEditorStore.getState();
    if (!document || !from) return;
    const { changes, ids } = pasteChanges(document, from);
    apply(changes, { select: { steps: ids, edges: [] } });
  }, []);

  return useMemo(
    () => ({ addStep, connect, deleteSelection, copy, paste }),
    [addStep, connect, deleteSelection, copy, paste],
  );
}
