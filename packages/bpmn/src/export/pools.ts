import type { Definition } from '@portalflow/engine';
import { BPMN_SIZE } from './geometry.ts';
import type { PlannedFlow, PlannedNode } from './plan.ts';

/**
 * Pools of an export: `single` writes the workflow as one pool with a lane per role;
 * `department` writes one pool per department (roles without one share a pool named after the
 * workflow), and every arrow between two departments as a message flow from an end event in the
 * sending pool to a start event in the receiving one. The import reads such a file back as the
 * same definition.
 */
export type PoolMode = 'single' | 'department';

export interface PlannedPool {
  /** The participant's id. */
  id: string;
  process: string;
  name: string;
  /** Lane role ids, top to bottom. */
  roles: string[];
}

export interface PlannedMessageFlow {
  id: string;
  source: string;
  target: string;
}

/** Space between two pools of the diagram. */
export const POOL_GAP = 40;

/** Groups the lanes (in their drawn order) into pools; one group is the single pool. */
export function planPools(definition: Definition, laneOrder: string[], mode: PoolMode): PlannedPool[] {
  if (mode === 'department') {
    const department = new Map(definition.roles.map((r) => [r.id, r.department ?? '']));
    const groups = new Map<string, string[]>();
    for (const role of laneOrder) {
      const key = department.get(role) ?? '';
      groups.set(key, [...(groups.get(key) ?? []), role]);
    }
    if (groups.size > 1)
      return [...groups].map(([key, roles], i) => ({
        id: `pool.${i + 1}`,
        process: `process.${i + 1}`,
        name: key === '' ? definition.title : key,
        roles,
      }));
  }
  return [{ id: 'participant', process: 'process', name: definition.title, roles: laneOrder }];
}

/**
 * Every sequence flow between two pools ends at a handoff end event in its own pool; a message
 * flow carries it to an entry start event beside the target, which flows on to the target.
 */
export function splitAcrossPools(
  nodes: PlannedNode[],
  flows: PlannedFlow[],
  pools: PlannedPool[],
): PlannedMessageFlow[] {
  const poolOfLane = new Map<string, number>();
  pools.forEach((pool, i) => {
    for (const role of pool.roles) poolOfLane.set(role, i);
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const poolOf = (id: string) => poolOfLane.get(byId.get(id)?.role ?? '') ?? 0;
  const entries = new Map<string, PlannedNode>();
  const exits = new Map<string, PlannedNode>();
  const messages: PlannedMessageFlow[] = [];
  const event = BPMN_SIZE.startEvent;
  for (const f of [...flows]) {
    const from = poolOf(f.source);
    const to = poolOf(f.target);
    if (from === to) continue;
    const target = byId.get(f.target)!;
    const source = byId.get(f.source)!;
    let entry = entries.get(target.id);
    if (!entry) {
      entry = {
        id: `entry.${entries.size + 1}`,
        kind: 'startEvent',
        role: target.role,
        name: `From ${pools[from]!.name}`,
        bounds: {
          x: target.bounds.x - 40 - event.width,
          y: target.bounds.y + target.bounds.height / 2 - event.height / 2 + 24,
          ...event,
        },
        detail: { type: 'entry' },
      };
      entries.set(target.id, entry);
      nodes.push(entry);
      flows.push({ id: `${entry.id}.flow`, source: entry.id, target: target.id });
    }
    const key = `${from}\u0000${entry.id}`;
    let exit = exits.get(key);
    if (!exit) {
      exit = {
        id: `handoff.${exits.size + 1}`,
        kind: 'endEvent',
        role: source.role,
        name: `To ${pools[to]!.name}`,
        bounds: {
          x: source.bounds.x + source.bounds.width + 30,
          y: source.bounds.y + source.bounds.height / 2 - event.height / 2 - 24,
          ...event,
        },
        detail: { type: 'handoff' },
      };
      exits.set(key, exit);
      nodes.push(exit);
      messages.push({ id: `message-flow.${exits.size}`, source: exit.id, target: entry.id });
    }
    f.target = exit.id;
  }
  return messages;
}
