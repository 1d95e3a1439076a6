import type { Definition, Edge, Step } from '@portalflow/engine';
import { allEdges, roleNameIn as roleName } from '@portalflow/engine';
import { canonical } from './canonical.ts';
import type { Layout } from './document.ts';

/** What changed between two versions of a workflow, in the words a designer reviews. */
export interface VersionDiff {
  added: string[];
  removed: string[];
  /** Steps present in both whose content differs, with the fields that changed. */
  changed: Array<{ id: string; fields: string[] }>;
  /** Tasks that moved to another lane: "Triage nurse → Provider". */
  owners: Array<{ id: string; from?: string; to?: string; text: string }>;
  edges: {
    added: Edge[];
    removed: Edge[];
    /** The same arrow (same path) now pointing elsewhere. */
    retargeted: Array<{ edge: Edge; was: string }>;
  };
  roles: { added: string[]; removed: string[]; renamed: Array<{ id: string; from: string; to: string }> };
  start?: { from: string; to: string };
  title?: { from: string; to: string };
  empty: boolean;
}

function changedFields(a: Step, b: Step): string[] {
  if (a.type !== b.type) return ['type'];
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  const fields: string[] = [];
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    if (canonical(ra[key]) !== canonical(rb[key])) fields.push(key);
  }
  return fields;
}

export function diffVersions(a: Definition, b: Definition): VersionDiff {
  const diff: VersionDiff = {
    added: [],
    removed: [],
    changed: [],
    owners: [],
    edges: { added: [], removed: [], retargeted: [] },
    roles: { added: [], removed: [], renamed: [] },
    empty: true,
  };
  for (const id of Object.keys(b.steps)) if (!a.steps[id]) diff.added.push(id);
  for (const [id, before] of Object.entries(a.steps)) {
    const after = b.steps[id];
    if (!after) {
      diff.removed.push(id);
      continue;
    }
    if (before === after) continue;
    const fields = changedFields(before, after);
    if (fields.length > 0) diff.changed.push({ id, fields });
    const fromRole = before.type === 'task' ? before.role : undefined;
    const toRole = after.type === 'task' ? after.role : undefined;
    if (before.type === 'task' && after.type === 'task' && fromRole !== toRole) {
      const owner: VersionDiff['owners'][number] = {
        id,
        text: `${roleName(a, fromRole)} → ${roleName(b, toRole)}`,
      };
      if (fromRole !== undefined) owner.from = fromRole;
      if (toRole !== undefined) owner.to = toRole;
      diff.owners.push(owner);
    }
  }
  const edgesA = new Map(allEdges(a).map((e) => [e.path, e]));
  const edgesB = new Map(allEdges(b).map((e) => [e.path, e]));
  for (const [path, e] of edgesB) {
    const old = edgesA.get(path);
    if (!old) diff.edges.added.push(e);
    else if (old.to !== e.to) diff.edges.retargeted.push({ edge: e, was: old.to });
  }
  for (const [path, e] of edgesA) if (!edgesB.has(path)) diff.edges.removed.push(e);
  for (const r of b.roles) {
    const old = a.roles.find((x) => x.id === r.id);
    if (!old) diff.roles.added.push(r.id);
    else if (old.name !== r.name) diff.roles.renamed.push({ id: r.id, from: old.name, to: r.name });
  }
  for (const r of a.roles) if (!b.roles.some((x) => x.id === r.id)) diff.roles.removed.push(r.id);
  if (a.start !== b.start) diff.start = { from: a.start, to: b.start };
  if (a.title !== b.title) diff.title = { from: a.title, to: b.title };
  diff.empty =
    diff.added.length +
      diff.removed.length +
      diff.changed.length +
      diff.edges.added.length +
      diff.edges.removed.length +
      diff.edges.retargeted.length +
      diff.roles.added.length +
      diff.roles.removed.length +
      diff.roles.renamed.length ===
      0 &&
    !diff.start &&
    !diff.title;
  return diff;
}

export type DiffMark = 'added' | 'removed' | 'changed';

/** A drawable comparison: the newer workflow plus what was removed, each marked. */
export interface DiffOverlay {
  definition: Definition;
  layout: Layout;
  steps: Map<string, DiffMark>;
  edges: Map<string, DiffMark>;
  notes: Map<string, string>;
}

/**
 * Builds one diagram showing both versions: everything in `b`, plus `a`'s removed steps and the
 * removed outcome and otherwise arrows of steps still there, drawn dashed.
 */
export function diffOverlay(
  a: Definition,
  layoutA: Layout,
  b: Definition,
  layoutB: Layout,
  diff = diffVersions(a, b),
): DiffOverlay {
  const steps: Definition['steps'] = { ...b.steps };
  for (const id of diff.removed) steps[id] = a.steps[id]!;
  const edges = new Map<string, DiffMark>();
  for (const e of diff.edges.removed) {
    const step = steps[e.from];
    if (!step || diff.removed.includes(e.from)) {
      edges.set(e.path, 'removed');
      continue;
    }
    if (e.kind === 'outcome' && step.type === 'task' && !(e.label in step.outcomes)) {
      steps[e.from] = { ...step, outcomes: { ...step.outcomes, [e.label]: e.to } };
      edges.set(e.path, 'removed');
    } else if (e.kind === 'otherwise' && step.type === 'decision' && step.otherwise === undefined) {
      steps[e.from] = { ...step, otherwise: e.to };
      edges.set(e.path, 'removed');
    }
  }
  for (const e of diff.edges.added) edges.set(e.path, 'added');
  for (const { edge } of diff.edges.retargeted) edges.set(edge.path, 'changed');
  const marks = new Map<string, DiffMark>();
  for (const id of diff.added) marks.set(id, 'added');
  for (const id of diff.removed) marks.set(id, 'removed');
  for (const { id } of diff.changed) marks.set(id, 'changed');
  const notes = new Map<string, string>();
  for (const o of diff.owners) notes.set(o.id, `Owner: ${o.text}`);
  const roles = [...b.roles];
  for (const r of a.roles) if (!roles.some((x) => x.id === r.id)) roles.push(r);
  const positions = { ...layoutB.positions };
  for (const id of diff.removed) {
    const p = layoutA.positions[id];
    if (p) positions[id] = p;
  }
  return {
    definition: { ...b, roles, steps },
    layout: { positions, lanes: layoutB.lanes },
    steps: marks,
    edges,
    notes,
  };
}
