import type { Step } from '@portalflow/engine';
import type { Change } from './changes.ts';
import { type EditorDocument, type StepPosition, uniqueId } from './document.ts';

/** Copied steps, as plain JSON (it travels through the system clipboard). */
export interface StepClipboard {
  portalflow: 'steps';
  steps: Record<string, Step>;
  positions: Record<string, StepPosition>;
}

export function copySteps(doc: EditorDocument, ids: readonly string[]): StepClipboard {
  const clip: StepClipboard = { portalflow: 'steps', steps: {}, positions: {} };
  for (const id of ids) {
    const step = doc.definition.steps[id];
    if (!step) continue;
    clip.steps[id] = structuredClone(step);
    const p = doc.layout.positions[id];
    if (p) clip.positions[id] = { ...p };
  }
  return clip;
}

export function readClipboard(text: string): StepClipboard | null {
  try {
    const value = JSON.parse(text) as Partial<StepClipboard>;
    if (value?.portalflow !== 'steps' || typeof value.steps !== 'object' || value.steps === null) return null;
    return { portalflow: 'steps', steps: value.steps, positions: value.positions ?? {} };
  } catch {
    return null;
  }
}

function remap(step: Step, rename: (id: string) => string): Step {
  switch (step.type) {
    case 'task': {
      const outcomes: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.outcomes)) outcomes[k] = rename(v);
      const out = { ...step, outcomes };
      if (step.deadline?.goTo) out.deadline = { ...step.deadline, goTo: rename(step.deadline.goTo) };
      return out;
    }
    case 'decision': {
      const out = { ...step, branches: step.branches.map((b) => ({ ...b, to: rename(b.to) })) };
      if (step.otherwise !== undefined) out.otherwise = rename(step.otherwise);
      return out;
    }
    case 'parallel':
      return { ...step, branches: step.branches.map(rename), join: rename(step.join) };
    case 'wait': {
      const out = { ...step, next: rename(step.next) };
      if (step.deadline?.goTo) out.deadline = { ...step.deadline, goTo: rename(step.deadline.goTo) };
      return out;
    }
    case 'end':
      return step;
  }
}

/**
 * The changes that paste `clip` into `doc`: ids that collide get `-2`, `-3`…; arrows between pasted
 * steps follow the new ids, arrows to other steps are kept; boxes shift by `offset`.
 */
export function pasteChanges(
  doc: EditorDocument,
  clip: StepClipboard,
  offset = { x: 40, y: 40 },
): { changes: Change[]; ids: string[] } {
  const taken = new Set(Object.keys(doc.definition.steps));
  const renamed = new Map<string, string>();
  for (const id of Object.keys(clip.steps)) {
    const next = uniqueId(id, (candidate) => taken.has(candidate));
    taken.add(next);
    renamed.set(id, next);
  }
  const changes: Change[] = [];
  for (const [id, step] of Object.entries(clip.steps)) {
    const newId = renamed.get(id)!;
    const change: Change = { type: 'addStep', id: newId, step: remap(step, (to) => renamed.get(to) ?? to) };
    const p = clip.positions[id];
    if (p) change.position = { ...p, x: p.x + offset.x, y: p.y + offset.y };
    changes.push(change);
  }
  return { changes, ids: [...renamed.values()] };
}
