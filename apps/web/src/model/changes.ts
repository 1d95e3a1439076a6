import { laneSpecs } from '@portalflow/diagram';
import type { Definition, Intake, Role, Step } from '@portalflow/engine';
import { arrowSource, type ConnectVia, connect, disconnect, mapSteps, retarget } from './arrows.ts';
import type { EditorDocument, LaneLayout, Layout, StepPosition } from './document.ts';
import { exhaustive, ModelError } from './errors.ts';
import { laneOfSteps } from './lanes.ts';

export type { ConnectVia };
export { ModelError };

/**
 * Every edit is data. `applyChanges` is pure: it returns a new document and never mutates the old
 * one (untouched steps keep their identity, which is what the history diffs and the canvas reuse).
 */
export type Change =
  | { type: 'addStep'; id: string; step: Step; position?: StepPosition }
  | { type: 'removeStep'; id: string }
  /** Merges `patch` into the step; a key set to `undefined` is removed. */
  | { type: 'updateStep'; id: string; patch: Record<string, unknown> }
  | { type: 'renameStep'; id: string; newId: string }
  /** Layout only: never changes the definition. */
  | { type: 'moveStep'; id: string; position: StepPosition }
  /** A task dragged into another lane: its owner becomes that lane's role. */
  | { type: 'setOwner'; id: string; role: string; position?: StepPosition }
  | { type: 'connect'; from: string; to: string; via: ConnectVia }
  /** Removes the arrow written at `path` (e.g. `steps.classify.outcomes.spam`). */
  | { type: 'disconnect'; path: string }
  | { type: 'addRole'; role: Role; color?: string }
  | {
      type: 'renameRole';
      id: string;
      name?: string;
      department?: string;
      description?: string;
      newId?: string;
    }
  | { type: 'reorderLane'; role: string; toIndex: number }
  | { type: 'colorLane'; role: string; color?: string }
  /** Removes a role; its tasks and escalations move to `reassignTo` (or lose their role). */
  | { type: 'removeRole'; id: string; reassignTo?: string }
  | { type: 'setStart'; id: string }
  | {
      type: 'setWorkflow';
      title?: string;
      description?: string;
      /** Who may start it from My work and its start form; null removes the start form. */
      intake?: Intake | null;
      /** The one-line subject every queue row shows; '' or null removes it. */
      subject?: string | null;
    }
  | { type: 'replaceAll'; document: EditorDocument };

export type ChangeType = Change['type'];

/** Changes that only move boxes (squashable in the history, no lint needed). */
export const LAYOUT_ONLY: ReadonlySet<ChangeType> = new Set(['moveStep', 'reorderLane', 'colorLane']);

const withSteps = (doc: EditorDocument, steps: Definition['steps']): EditorDocument => ({
  ...doc,
  definition: { ...doc.definition, steps },
});

function requireStep(doc: EditorDocument, id: string): Step {
  const step = doc.definition.steps[id];
  if (!step) throw new ModelError('STEP_NOT_FOUND', `Step '${id}' does not exist in '${doc.definition.id}'`);
  return step;
}

function setPosition(layout: Layout, id: string, position: StepPosition | undefined): Layout {
  const positions = { ...layout.positions };
  if (position) positions[id] = { ...position };
  else delete positions[id];
  return { ...layout, positions };
}

function orderedLanes(doc: EditorDocument): LaneLayout[] {
  const lanes = laneSpecs(doc.definition, doc.layout, laneOfSteps(doc.definition, doc.layout));
  return lanes.map((l, order) => {
    const saved = doc.layout.lanes.find((s) => s.role === l.role);
    return saved?.color ? { role: l.role, order, color: saved.color } : { role: l.role, order };
  });
}

export function applyChange(doc: EditorDocument, change: Change): EditorDocument {
  const { definition, layout } = doc;
  switch (change.type) {
    case 'addStep': {
      if (definition.steps[change.id])
        throw new ModelError('STEP_EXISTS', `Step '${change.id}' already exists in '${definition.id}'`);
      const next = withSteps(doc, { ...definition.steps, [change.id]: change.step });
      return change.position ? { ...next, layout: setPosition(layout, change.id, change.position) } : next;
    }
    case 'removeStep': {
      requireStep(doc, change.id);
      const steps = { ...definition.steps };
      delete steps[change.id];
      const pruned = mapSteps({ ...definition, steps }, (s) =>
        retarget(s, (to) => (to === change.id ? undefined : to)),
      );
      return {
        definition: { ...definition, steps: pruned },
        layout: setPosition(layout, change.id, undefined),
      };
    }
    case 'updateStep': {
      const step = requireStep(doc, change.id);
      const merged: Record<string, unknown> = { ...step };
      for (const [key, value] of Object.entries(change.patch)) {
        if (key === 'type') continue;
        if (value === undefined) delete merged[key];
        else merged[key] = value;
      }
      return withSteps(doc, { ...definition.steps, [change.id]: merged as Step });
    }
    case 'renameStep': {
      const { id, newId } = change;
      requireStep(doc, id);
      if (id === newId) return doc;
      if (definition.steps[newId])
        throw new ModelError('STEP_EXISTS', `Step '${newId}' already exists in '${definition.id}'`);
      const steps: Definition['steps'] = {};
      for (const [key, step] of Object.entries(definition.steps)) steps[key === id ? newId : key] = step;
      const renamed = mapSteps({ ...definition, steps }, (s) =>
        retarget(s, (to) => (to === id ? newId : to)),
      );
      const position = layout.positions[id];
      const moved = setPosition(setPosition(layout, id, undefined), newId, position);
      return {
        definition: {
          ...definition,
          steps: renamed,
          start: definition.start === id ? newId : definition.start,
        },
        layout: position ? moved : layout,
      };
    }
    case 'moveStep': {
      requireStep(doc, change.id);
      return { ...doc, layout: setPosition(layout, change.id, change.position) };
    }
    case 'setOwner': {
      const step = requireStep(doc, change.id);
      if (step.type !== 'task')
        throw new ModelError('NOT_A_TASK', `Only tasks have an owner; '${change.id}' is a ${step.type}`);
      const owned =
        step.role === change.role
          ? doc
          : withSteps(doc, { ...definition.steps, [change.id]: { ...step, role: change.role } });
      return change.position
        ? { ...owned, layout: setPosition(owned.layout, change.id, change.position) }
        : owned;
    }
    case 'connect': {
      const step = requireStep(doc, change.from);
      return withSteps(doc, {
        ...definition.steps,
        [change.from]: connect(step, change.from, change.to, change.via),
      });
    }
    case 'disconnect': {
      const { id } = arrowSource(change.path);
      return withSteps(doc, { ...definition.steps, [id]: disconnect(requireStep(doc, id), change.path) });
    }
    case 'addRole': {
      if (definition.roles.some((r) => r.id === change.role.id))
        throw new ModelError('ROLE_EXISTS', `Role '${change.role.id}' already exists in '${definition.id}'`);
      const next: EditorDocument = {
        ...doc,
        definition: { ...definition, roles: [...definition.roles, change.role] },
      };
      if (change.color === undefined) return next;
      return applyChange(next, { type: 'colorLane', role: change.role.id, color: change.color });
    }
    case 'renameRole': {
      const index = definition.roles.findIndex((r) => r.id === change.id);
      if (index < 0)
        throw new ModelError('ROLE_NOT_FOUND', `Role '${change.id}' does not exist in '${definition.id}'`);
      const role: Role = { ...definition.roles[index]! };
      if (change.name !== undefined) role.name = change.name;
      if (change.department !== undefined) {
        if (change.department === '') delete role.department;
        else role.department = change.department;
      }
      if (change.description !== undefined) {
        if (change.description === '') delete role.description;
        else role.description = change.description;
      }
      const roles = [...definition.roles];
      const newId = change.newId;
      if (newId === undefined || newId === change.id) {
        roles[index] = role;
        return { ...doc, definition: { ...definition, roles } };
      }
      if (definition.roles.some((r) => r.id === newId))
        throw new ModelError('ROLE_EXISTS', `Role '${newId}' already exists in '${definition.id}'`);
      roles[index] = { ...role, id: newId };
      const steps = mapSteps(definition, (s) => reassignRole(s, change.id, newId));
      return {
        definition: { ...definition, roles, steps },
        layout: {
          positions: renameLanePlacement(layout.positions, change.id, newId),
          lanes: layout.lanes.map((l) => (l.role === change.id ? { ...l, role: newId } : l)),
        },
      };
    }
    case 'reorderLane': {
      const lanes = orderedLanes(doc);
      const from = lanes.findIndex((l) => l.role === change.role);
      if (from < 0) throw new ModelError('ROLE_NOT_FOUND', `No lane for role '${change.role}'`);
      const [lane] = lanes.splice(from, 1);
      lanes.splice(Math.max(0, Math.min(change.toIndex, lanes.length)), 0, lane!);
      return { ...doc, layout: { ...layout, lanes: lanes.map((l, order) => ({ ...l, order })) } };
    }
    case 'colorLane': {
      const lanes = orderedLanes(doc).map((l) => {
        if (l.role !== change.role) return l;
        const out: LaneLayout = { role: l.role, order: l.order };
        if (change.color !== undefined) out.color = change.color;
        return out;
      });
      return { ...doc, layout: { ...layout, lanes } };
    }
    case 'removeRole': {
      if (!definition.roles.some((r) => r.id === change.id))
        throw new ModelError('ROLE_NOT_FOUND', `Role '${change.id}' does not exist in '${definition.id}'`);
      const roles = definition.roles.filter((r) => r.id !== change.id);
      const steps = mapSteps(definition, (s) => reassignRole(s, change.id, change.reassignTo));
      return {
        definition: { ...definition, roles, steps },
        layout: {
          positions: renameLanePlacement(layout.positions, change.id, change.reassignTo),
          lanes: layout.lanes.filter((l) => l.role !== change.id),
        },
      };
    }
    case 'setStart':
      requireStep(doc, change.id);
      return { ...doc, definition: { ...definition, start: change.id } };
    case 'setWorkflow': {
      const next = { ...definition };
      if (change.title !== undefined) next.title = change.title;
      if (change.description !== undefined) {
        if (change.description === '') delete next.description;
        else next.description = change.description;
      }
      if (change.intake !== undefined) {
        if (change.intake === null) delete next.intake;
        else next.intake = change.intake;
      }
      if (change.subject !== undefined) {
        if (change.subject === null || change.subject === '') delete next.subject;
        else next.subject = change.subject;
      }
      return { ...doc, definition: next };
    }
    case 'replaceAll':
      return change.document;
    default:
      return exhaustive(change);
  }
}

function reassignRole(step: Step, from: string, to: string | undefined): Step {
  if (step.type !== 'task' && step.type !== 'wait') return step;
  let out: Step = step;
  if (step.type === 'task' && step.role === from) {
    out = { ...step };
    if (to === undefined) delete out.role;
    else out.role = to;
  }
  if ((out.type === 'task' || out.type === 'wait') && out.deadline?.escalateTo === from) {
    const deadline = { ...out.deadline };
    if (to === undefined) delete deadline.escalateTo;
    else deadline.escalateTo = to;
    out = { ...out, deadline };
  }
  return out;
}

function renameLanePlacement(
  positions: Record<string, StepPosition>,
  from: string,
  to: string | undefined,
): Record<string, StepPosition> {
  let changed = false;
  const out: Record<string, StepPosition> = {};
  for (const [id, p] of Object.entries(positions)) {
    if (p.lane === from) {
      changed = true;
      const moved: StepPosition = { x: p.x, y: p.y };
      if (to !== undefined) moved.lane = to;
      out[id] = moved;
    } else out[id] = p;
  }
  return changed ? out : positions;
}

/** Applies changes in order. Throws a `ModelError` naming the offending id if one cannot apply. */
export function applyChanges(doc: EditorDocument, changes: readonly Change[]): EditorDocument {
  return changes.reduce(applyChange, doc);
}

export const isLayoutOnly = (changes: readonly Change[]) => changes.every((c) => LAYOUT_ONLY.has(c.type));
