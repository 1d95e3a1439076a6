import {
  LAYER,
  type Scene,
  type SceneBox,
  type SceneEdge,
  stepSubtitle,
  type TextBlock,
} from '@portalflow/diagram';
import type { Definition, Step } from '@portalflow/engine';
import { roleNameIn as roleName, stepTitle } from '@portalflow/engine';
import { MarkerType, Position } from '@xyflow/react';
import { edgeId, type LintOverlay } from '../model/lintOverlay.ts';
import type { BoxText, DiagramHighlight, DiffState, StepEdge, StepNode } from './types.ts';

/** Info findings (e.g. no help text) live only in the problems panel: a box shows errors and warnings. */
function drawn<M extends { errors: number; warnings: number }>(marks: M | undefined): marks is M {
  return !!marks && (marks.errors > 0 || marks.warnings > 0);
}

/** What is drawn over the plain diagram: lint marks, a run's path, a comparison, the selection. */
export interface Decorations {
  overlay?: LintOverlay;
  highlight?: DiagramHighlight;
  diff?: { steps: Map<string, DiffState>; edges: Map<string, DiffState>; notes: Map<string, string> };
  selected?: ReadonlySet<string>;
  editable?: boolean;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
const shallowEqual = same;

/**
 * What each node and arrow was last built from. After an edit most boxes and arrows of the scene
 * are the very same objects, so most elements are kept after a few identity checks instead of being
 * rebuilt and compared field by field (1,000 steps, 1,500 arrows on every keystroke).
 */
interface NodeInputs {
  box: SceneBox;
  step: Step;
  roles: Definition['roles'];
  start: boolean;
  marks: unknown;
  active: boolean;
  visited: boolean;
  diff: unknown;
  note: unknown;
  selected: boolean;
  editable: boolean;
}
interface EdgeInputs {
  edge: SceneEdge;
  marks: unknown;
  lit: boolean;
  diff: unknown;
  selected: boolean;
  editable: boolean;
}
const nodeInputs = new WeakMap<StepNode, NodeInputs>();
const edgeInputs = new WeakMap<StepEdge, EdgeInputs>();

function sameInputs<T extends object>(was: T | undefined, now: T): boolean {
  if (!was) return false;
  for (const k in now) if (was[k] !== now[k]) return false;
  return true;
}

/** Text placed relative to its box: the canvas draws the very lines the SVG draws. */
const boxText = (block: TextBlock, box: { x: number; y: number }): BoxText => ({
  lines: block.lines,
  top: block.y - box.y,
  left: block.anchor === 'middle' ? 0 : block.x - box.x,
});

/** The handles' size on screen (`.pf-handle`). */
const HANDLE = 9;

/**
 * Where a box's handles are (what `StepFrame` draws: an arrow comes in on the left, leaves on the
 * right; an end has no way out), known from the scene so React Flow need not draw a box to measure
 * it. Otherwise it would draw every box of the workflow once on opening, even the ones off screen.
 */
function handlesOf(kind: SceneBox['kind'], width: number, height: number): NonNullable<StepNode['handles']> {
  const y = height / 2 - HANDLE / 2;
  const target = {
    id: null,
    type: 'target',
    position: Position.Left,
    x: -HANDLE / 2,
    y,
    width: HANDLE,
    height: HANDLE,
  } as const;
  if (kind === 'end') return [target];
  return [
    target,
    {
      id: null,
      type: 'source',
      position: Position.Right,
      x: width - HANDLE / 2,
      y,
      width: HANDLE,
      height: HANDLE,
    },
  ];
}

/**
 * React Flow nodes for the steps. Unchanged nodes keep their previous object, so after an edit
 * only the touched boxes re-render (what keeps a 1,000-step workflow responsive).
 */
export function toFlowNodes(
  definition: Definition,
  scene: Scene,
  deco: Decorations,
  previous: readonly StepNode[] = [],
): StepNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  const active = new Set(deco.highlight?.active ?? []);
  const visited = new Set(deco.highlight?.visited ?? []);
  const nodes: StepNode[] = [];
  for (const box of scene.boxes.values()) {
    const step = definition.steps[box.id]!;
    const inputs: NodeInputs = {
      box,
      step,
      roles: definition.roles,
      start: definition.start === box.id,
      marks: deco.overlay?.steps.get(box.id),
      active: active.has(box.id),
      visited: visited.has(box.id),
      diff: deco.diff?.steps.get(box.id),
      note: deco.diff?.notes.get(box.id),
      selected: deco.selected?.has(box.id) ?? false,
      editable: deco.editable ?? false,
    };
    // The same box (the scene hands unchanged ones on), step and marks: the node cannot have changed.
    const kept = before.get(box.id);
    if (kept && sameInputs(nodeInputs.get(kept), inputs)) {
      nodes.push(kept);
      continue;
    }
    const data: StepNode['data'] = {
      stepId: box.id,
      title: stepTitle(definition, box.id),
      isStart: definition.start === box.id,
      titleText: boxText(box.title, box),
      shape: {
        x: box.shape.x - box.x,
        y: box.shape.y - box.y,
        width: box.shape.width,
        height: box.shape.height,
      },
    };
    if (box.subtitle) data.subtitleText = boxText(box.subtitle, box);
    const subtitle = stepSubtitle(definition, box.id);
    if (subtitle) data.subtitle = subtitle;
    const marks = deco.overlay?.steps.get(box.id);
    if (drawn(marks)) data.marks = marks;
    if (active.has(box.id)) {
      data.state = 'active';
      data.activeRole = step.type === 'task' ? roleName(definition, step.role) : 'automatic';
    } else if (visited.has(box.id)) data.state = 'visited';
    const diff = deco.diff?.steps.get(box.id);
    if (diff) data.diff = diff;
    const note = deco.diff?.notes.get(box.id);
    if (note) data.note = note;
    const selected = deco.selected?.has(box.id) ?? false;
    const editable = deco.editable ?? false;
    const old = before.get(box.id);
    if (
      old &&
      old.type === box.kind &&
      old.position.x === box.x &&
      old.position.y === box.y &&
      old.width === box.width &&
      old.height === box.height &&
      (old.selected ?? false) === selected &&
      old.draggable === editable &&
      shallowEqual(old.data, data)
    ) {
      nodeInputs.set(old, inputs);
      nodes.push(old);
      continue;
    }
    const node: StepNode = {
      id: box.id,
      type: box.kind,
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      // The box is drawn at exactly its scene size, with its handles where `handlesOf` says: React
      // Flow can place, fit and connect it without drawing it first.
      measured: { width: box.width, height: box.height },
      handles: handlesOf(box.kind, box.width, box.height),
      data,
      selected,
      draggable: editable,
      connectable: editable,
      deletable: editable,
      ariaLabel: `${box.kind} ${data.title}`,
    };
    nodeInputs.set(node, inputs);
    nodes.push(node);
  }
  return unchanged(previous, nodes) ? (previous as StepNode[]) : nodes;
}

/** The previous list when every element is the very same object: React Flow then has nothing to redo. */
function unchanged<T>(previous: readonly T[], next: readonly T[]): boolean {
  return previous.length === next.length && next.every((item, i) => item === previous[i]);
}

const ARROW = { type: MarkerType.ArrowClosed, width: 14, height: 14, color: '#5c6b73' };

export function toFlowEdges(
  definition: Definition,
  scene: Scene,
  deco: Decorations,
  previous: readonly StepEdge[] = [],
): StepEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  const lit = new Set((deco.highlight?.edges ?? []).map((e) => `${e.from}->${e.to}`));
  const edges: StepEdge[] = [];
  for (const edge of scene.edges) {
    if (!definition.steps[edge.to] || !definition.steps[edge.from]) continue;
    const id = edgeId(edge);
    const inputs: EdgeInputs = {
      edge,
      marks: deco.overlay?.edges.get(id),
      lit: lit.has(`${edge.from}->${edge.to}`),
      diff: deco.diff?.edges.get(id),
      selected: deco.selected?.has(id) ?? false,
      editable: deco.editable ?? false,
    };
    const kept = before.get(id);
    if (kept && sameInputs(edgeInputs.get(kept), inputs)) {
      edges.push(kept);
      continue;
    }
    const data: StepEdge['data'] & object = { text: edge.text, kind: edge.kind, points: edge.points };
    if (edge.caption) data.caption = edge.caption;
    if (edge.kind === 'branch' && edge.label) data.condition = edge.label;
    const marks = deco.overlay?.edges.get(id);
    if (drawn(marks)) data.marks = marks;
    if (lit.has(`${edge.from}->${edge.to}`)) data.highlighted = true;
    const diff = deco.diff?.edges.get(id);
    if (diff) data.diff = diff;
    const selected = deco.selected?.has(id) ?? false;
    const old = before.get(id);
    if (
      old &&
      old.source === edge.from &&
      old.target === edge.to &&
      (old.selected ?? false) === selected &&
      old.data &&
      shallowEqual(old.data, data)
    ) {
      edgeInputs.set(old, inputs);
      edges.push(old);
      continue;
    }
    const flowEdge: StepEdge = {
      id,
      type: 'step',
      source: edge.from,
      target: edge.to,
      data,
      selected,
      deletable: deco.editable ?? false,
      markerEnd: ARROW,
      ariaLabel: `${edge.from} to ${edge.to}: ${data.text}`,
      // Raised above the other arrows, still under every label (LAYER).
      ...(data.highlighted || selected ? { zIndex: LAYER.raisedEdge } : {}),
    };
    edgeInputs.set(flowEdge, inputs);
    edges.push(flowEdge);
  }
  return unchanged(previous, edges) ? (previous as StepEdge[]) : edges;
}
