import { placementOf, UNASSIGNED_LANE } from '@portalflow/diagram';
import {
  type Deadline,
  type Definition,
  edgeText,
  idToWords,
  type ParallelStep,
  type Step,
} from '@portalflow/engine';
import { BPMN_SIZE, toDiagramX } from './geometry.ts';
import {
  type PlannedMessageFlow,
  type PlannedPool,
  POOL_GAP,
  type PoolMode,
  planPools,
  splitAcrossPools,
} from './pools.ts';

/**
 * The BPMN picture of a definition before it is written: flow nodes with their lane and bounds,
 * and sequence flows. Ids of generated elements contain a dot, which step ids never do, so they
 * cannot collide with a step.
 */
export type NodeKind =
  | 'userTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'eventBasedGateway'
  | 'intermediateCatchEvent'
  | 'startEvent'
  | 'endEvent'
  | 'boundaryEvent';

export interface PlannedNode {
  id: string;
  kind: NodeKind;
  /** The step this node shows (generated nodes name the step they belong to). */
  step?: string;
  role: string;
  name?: string;
  bounds: { x: number; y: number; width: number; height: number };
  /** What the writer adds inside the element (event definitions, extensions…). */
  detail:
    | { type: 'task' }
    | { type: 'decision'; defaultFlow?: string }
    | { type: 'outcomes' }
    | { type: 'fork' }
    | { type: 'join'; fork: string }
    | { type: 'wait'; signal?: string; for?: string }
    | { type: 'waitGateway' }
    | { type: 'catch'; signal?: string; for?: string }
    | { type: 'deadline'; deadline: Deadline; attachedTo?: string }
    | { type: 'escalation'; role: string }
    | { type: 'start' }
    | { type: 'end' }
    /** An end event handing the flow to another pool, and the start event that takes it. */
    | { type: 'handoff' }
    | { type: 'entry' };
}

export interface PlannedFlow {
  id: string;
  source: string;
  target: string;
  name?: string;
  outcome?: string;
  condition?: string;
}

export interface Plan {
  nodes: PlannedNode[];
  flows: PlannedFlow[];
  lanes: Array<{ role: string; y: number; height: number; color?: string; pool: number }>;
  pools: Array<PlannedPool & { y: number; height: number }>;
  messageFlows: PlannedMessageFlow[];
  width: number;
  height: number;
}

/** BPMN ids are NCNames: a step id starting with a digit gets a leading underscore. */
export const bpmnId = (stepId: string) => (/^[A-Za-z_]/.test(stepId) ? stepId : `_${stepId}`);

/** The steps inside each parallel step's branches, up to its join. */
function regions(definition: Definition, out: Map<string, string[]>): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const [id, step] of Object.entries(definition.steps)) {
    if (step.type !== 'parallel') continue;
    const seen = new Set<string>();
    const stack = step.branches.filter((b) => b !== step.join && b !== id);
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (seen.has(s) || s === step.join || s === id || !definition.steps[s]) continue;
      seen.add(s);
      for (const t of out.get(s) ?? []) stack.push(t);
    }
    result.set(id, seen);
  }
  return result;
}

function targetsOf(step: Step): string[] {
  switch (step.type) {
    case 'task':
      return [...Object.values(step.outcomes), ...(step.deadline?.goTo ? [step.deadline.goTo] : [])];
    case 'decision':
      return [...step.branches.map((b) => b.to), ...(step.otherwise ? [step.otherwise] : [])];
    case 'parallel':
      return step.branches;
    case 'wait':
      return [step.next, ...(step.deadline?.goTo ? [step.deadline.goTo] : [])];
    case 'end':
      return [];
  }
}

export function plan(definition: Definition, rawLayout?: unknown, mode: PoolMode = 'single'): Plan {
  // The diagram package places every step (the editor's own geometry); BPMN shapes are centred on
  // where the editor's boxes attach their arrows.
  const placed = placementOf(definition, rawLayout);
  const layout = placed.layout;
  const laneOf = new Map([...placed.boxes.values()].map((b) => [b.id, b.lane]));
  const order = placed.lanes.map((l) => l.role);
  const heights = new Map(placed.lanes.map((l) => [l.role, l.height]));
  const sceneLaneTop = new Map(placed.lanes.map((l) => [l.role, l.y]));
  const lanes: Plan['lanes'] = [];
  const pools: Plan['pools'] = [];
  let top = 0;
  for (const [i, pool] of planPools(definition, order, mode).entries()) {
    if (i > 0) top += POOL_GAP;
    const poolTop = top;
    for (const role of pool.roles) {
      const height = heights.get(role) ?? 148;
      const color = layout.lanes.find((l) => l.role === role)?.color;
      lanes.push(color ? { role, y: top, height, color, pool: i } : { role, y: top, height, pool: i });
      top += height;
    }
    pools.push({ ...pool, y: poolTop, height: top - poolTop });
  }
  const laneTop = new Map(lanes.map((l) => [l.role, l.y]));
  const poolOfLane = new Map(lanes.map((l) => [l.role, l.pool]));
  const exists = (id: string) => definition.steps[id] !== undefined;

  const nodes: PlannedNode[] = [];
  const flows: PlannedFlow[] = [];
  const boxes = new Map<string, PlannedNode['bounds']>();
  let flowCount = 0;
  const flow = (source: string, target: string, extra: Omit<PlannedFlow, 'id' | 'source' | 'target'> = {}) =>
    flows.push({ id: `flow.${++flowCount}`, source, target, ...extra });

  // Steps: a box centred where the editor's box is centred, in BPMN's usual sizes.
  for (const [id, step] of Object.entries(definition.steps)) {
    const box = placed.boxes.get(id)!;
    const role = laneOf.get(id) ?? UNASSIGNED_LANE;
    const cx = toDiagramX(box.x + box.width / 2);
    const cy = (laneTop.get(role) ?? 0) + box.anchorY - (sceneLaneTop.get(role) ?? 0);
    const simpleWait =
      step.type === 'wait' && !step.deadline && (step.signal === undefined) !== (step.for === undefined);
    const plainWait =
      step.type === 'wait' && !step.deadline && step.signal === undefined && step.for === undefined;
    const kind: NodeKind =
      step.type === 'task'
        ? 'userTask'
        : step.type === 'decision'
          ? 'exclusiveGateway'
          : step.type === 'parallel'
            ? 'parallelGateway'
            : step.type === 'end'
              ? 'endEvent'
              : simpleWait || plainWait
                ? 'intermediateCatchEvent'
                : 'eventBasedGateway';
    const bpmn = BPMN_SIZE[kind];
    const bounds = { x: cx - bpmn.width / 2, y: cy - bpmn.height / 2, ...bpmn };
    boxes.set(id, bounds);
    const detail: PlannedNode['detail'] =
      step.type === 'task'
        ? { type: 'task' }
        : step.type === 'decision'
          ? { type: 'decision' }
          : step.type === 'parallel'
            ? { type: 'fork' }
            : step.type === 'end'
              ? { type: 'end' }
              : kind === 'intermediateCatchEvent'
                ? {
                    type: 'wait',
                    ...(step.signal !== undefined ? { signal: step.signal } : {}),
                    ...(step.for !== undefined ? { for: step.for } : {}),
                  }
                : { type: 'waitGateway' };
    const node: PlannedNode = { id: bpmnId(id), kind, step: id, role, bounds, detail };
    if (step.title !== undefined) node.name = step.title;
    nodes.push(node);
  }

  // An edge from inside a parallel branch to the parallel's join goes to the join gateway instead.
  const out = new Map(Object.entries(definition.steps).map(([id, s]) => [id, targetsOf(s)]));
  const joinOf = new Map<string, string>();
  for (const [fork, members] of regions(definition, out)) {
    const step = definition.steps[fork] as ParallelStep;
    if (!exists(step.join)) continue;
    const target = boxes.get(step.join)!;
    const role = laneOf.get(step.join) ?? UNASSIGNED_LANE;
    const size = BPMN_SIZE.parallelGateway;
    const id = `join.${fork}`;
    nodes.push({
      id,
      kind: 'parallelGateway',
      step: fork,
      role,
      bounds: { x: target.x - 40 - size.width, y: target.y + target.height / 2 - size.height / 2, ...size },
      detail: { type: 'join', fork },
    });
    flow(id, bpmnId(step.join));
    for (const m of members) if (!joinOf.has(m)) joinOf.set(m, fork);
  }
  const targetFrom = (source: string, to: string) => {
    const fork = joinOf.get(source);
    if (fork !== undefined && (definition.steps[fork] as ParallelStep).join === to) return `join.${fork}`;
    return bpmnId(to);
  };

  // The start event, left of the first step.
  const first = boxes.get(definition.start);
  if (first) {
    const size = BPMN_SIZE.startEvent;
    nodes.push({
      id: 'start.event',
      kind: 'startEvent',
      role: laneOf.get(definition.start) ?? UNASSIGNED_LANE,
      bounds: { x: first.x - 40 - size.width, y: first.y + first.height / 2 - size.height / 2, ...size },
      detail: { type: 'start' },
    });
    flow('start.event', bpmnId(definition.start));
  }

  // Escalation end events already placed per lane, so two never sit on the same spot.
  const escalationSpots = new Map<string, number[]>();
  const deadlineFlows = (
    source: string,
    stepId: string,
    deadline: Deadline,
    anchor: PlannedNode['bounds'],
  ) => {
    if (deadline.goTo !== undefined && exists(deadline.goTo)) flow(source, targetFrom(stepId, deadline.goTo));
    if (deadline.escalateTo !== undefined) {
      const own = laneOf.get(stepId) ?? UNASSIGNED_LANE;
      // The escalation end event stays in the task's pool: a sequence flow cannot leave its pool.
      const role =
        laneTop.has(deadline.escalateTo) && poolOfLane.get(deadline.escalateTo) === poolOfLane.get(own)
          ? deadline.escalateTo
          : own;
      const size = BPMN_SIZE.endEvent;
      const id = `escalate.${stepId}`;
      const sameLane = role === (laneOf.get(stepId) ?? UNASSIGNED_LANE);
      const laneY = lanes.find((l) => l.role === role)!;
      const taken = escalationSpots.get(role) ?? [];
      let x = anchor.x + anchor.width + 10;
      while (taken.some((t) => Math.abs(t - x) < 48)) x += 48;
      escalationSpots.set(role, [...taken, x]);
      nodes.push({
        id,
        kind: 'endEvent',
        step: stepId,
        role,
        name: `Escalate to ${definition.roles.find((r) => r.id === deadline.escalateTo)?.name ?? deadline.escalateTo}`,
        bounds: {
          x,
          y: sameLane ? anchor.y + anchor.height + 30 : laneY.y + laneY.height - size.height - 12,
          ...size,
        },
        detail: { type: 'escalation', role: deadline.escalateTo },
      });
      flow(source, id);
    }
  };

  for (const [id, step] of Object.entries(definition.steps)) {
    const source = bpmnId(id);
    const box = boxes.get(id)!;
    const role = laneOf.get(id) ?? UNASSIGNED_LANE;
    switch (step.type) {
      case 'task': {
        const outcomes = Object.entries(step.outcomes).filter(([, to]) => exists(to));
        if (outcomes.length === 1) {
          const [name, to] = outcomes[0]!;
          flow(source, targetFrom(id, to), { name, outcome: name });
        } else if (outcomes.length > 1) {
          const size = BPMN_SIZE.exclusiveGateway;
          const gw = `gw.${id}`;
          nodes.push({
            id: gw,
            kind: 'exclusiveGateway',
            step: id,
            role,
            bounds: { x: box.x + box.width + 16, y: box.y + box.height / 2 - size.height / 2, ...size },
            detail: { type: 'outcomes' },
          });
          flow(source, gw);
          // A flow's name is what BPMN tools draw on it: words; the outcome's id rides in pf:outcome.
          for (const [name, to] of outcomes)
            flow(gw, targetFrom(id, to), {
              name: idToWords(name),
              outcome: name,
              condition: `outcome == "${name}"`,
            });
        }
        if (step.deadline) {
          const size = BPMN_SIZE.boundaryEvent;
          const bid = `deadline.${id}`;
          const bounds = {
            x: box.x + box.width - size.width - 8,
            y: box.y + box.height - size.height / 2,
            ...size,
          };
          nodes.push({
            id: bid,
            kind: 'boundaryEvent',
            step: id,
            role,
            bounds,
            detail: { type: 'deadline', deadline: step.deadline, attachedTo: source },
          });
          deadlineFlows(bid, id, step.deadline, bounds);
        }
        break;
      }
      case 'decision': {
        step.branches.forEach((b) => {
          if (exists(b.to)) {
            // Drawn in words ("Labs current: no"); the condition itself is the flow's expression.
            const name = edgeText(
              { from: id, to: b.to, kind: 'branch', label: b.when, path: '' },
              definition,
            );
            flow(source, targetFrom(id, b.to), { name, condition: b.when });
          }
        });
        if (step.otherwise !== undefined && exists(step.otherwise)) {
          flow(source, targetFrom(id, step.otherwise), { name: 'Otherwise' });
          const node = nodes.find((n) => n.id === source)!;
          node.detail = { type: 'decision', defaultFlow: `flow.${flowCount}` };
        }
        break;
      }
      case 'parallel':
        for (const b of step.branches) if (exists(b)) flow(source, targetFrom(id, b));
        break;
      case 'wait': {
        const next = exists(step.next) ? targetFrom(id, step.next) : undefined;
        const node = nodes.find((n) => n.id === source)!;
        if (node.kind === 'intermediateCatchEvent') {
          if (next) flow(source, next);
          break;
        }
        // A wait with a deadline, or both a signal and a time: an event-based gateway and its catch events.
        const size = BPMN_SIZE.intermediateCatchEvent;
        const catches: PlannedNode[] = [];
        const add = (cid: string, name: string, detail: PlannedNode['detail']) => {
          const c: PlannedNode = {
            id: cid,
            kind: 'intermediateCatchEvent',
            step: id,
            role,
            name,
            bounds: { x: box.x + box.width + 40, y: box.y + catches.length * 56 - 10, ...size },
            detail,
          };
          catches.push(c);
          nodes.push(c);
          flow(source, cid);
        };
        if (step.signal !== undefined) {
          add(`signal.${id}`, step.signal, { type: 'catch', signal: step.signal });
          if (next) flow(`signal.${id}`, next);
        }
        if (step.for !== undefined) {
          add(`timer.${id}`, step.for, { type: 'catch', for: step.for });
          if (next) flow(`timer.${id}`, next);
        }
        if (step.signal === undefined && step.for === undefined) {
          // Neither a signal nor a time: a plain catch event still carries the way on.
          add(`next.${id}`, 'next', { type: 'catch' });
          if (next) flow(`next.${id}`, next);
        }
        if (step.deadline) {
          add(`deadline.${id}`, `after ${step.deadline.after}`, {
            type: 'deadline',
            deadline: step.deadline,
          });
          deadlineFlows(`deadline.${id}`, id, step.deadline, catches[catches.length - 1]!.bounds);
        }
        break;
      }
      case 'end':
        break;
    }
  }

  const messageFlows = pools.length > 1 ? splitAcrossPools(nodes, flows, pools) : [];
  const right = Math.max(400, ...nodes.map((n) => n.bounds.x + n.bounds.width)) + 60;
  return { nodes, flows, lanes, pools, messageFlows, width: right, height: top };
}
