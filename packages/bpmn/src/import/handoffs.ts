import {
  eventDefinitions,
  type Flow,
  type FlowNode,
  type ProcessModel,
  type Skipped,
  TASK_KINDS,
} from './model.ts';
import type { MessageFlow, Pool } from './pools.ts';

/**
 * Message flows between pools as handoffs of one workflow. A message from a step in one pool to a
 * start event of another means that pool's first step comes next; to a catch event, the wait on
 * that signal comes next; to a task, that task. The sending side:
 * - an end event (or a throw event the flow ends at) passes the flow on to the receiving side;
 * - a task hands off where its own pool stops or waits: the first end event, or catch event that
 *   another pool's message ends, on its straight way on (so "send, then wait for the answer"
 *   becomes "send, the other pool works, then the answer");
 * - a task whose pool carries on in several ways gets the handoff as one more outcome, with a warning.
 * Messages to or from black-box pools have no step on the other side: a catch or start event that
 * a black box sends to stays a wait or the start; a message to a black box is reported.
 */
export interface Handoffs {
  /** End and throw events whose flow goes on in another pool: node id → the receiving node. */
  through: Map<string, string>;
  /** Start events entered from another pool: they pass the flow on to their first step. */
  entries: Set<string>;
  /** Handoffs that are one more way out of a task. */
  extraOutcomes: Map<string, Flow[]>;
  /** End events whose every incoming flow now hands off: the pool's end is the handoff. */
  folded: Set<string>;
  skipped: Skipped[];
  warnings: string[];
}

const RECEIVERS = new Set(['startEvent', 'intermediateCatchEvent', ...TASK_KINDS]);
const THROWS = new Set(['intermediateThrowEvent', 'implicitThrowEvent']);

export function readHandoffs(model: ProcessModel, pools: Pool[], messageFlows: MessageFlow[]): Handoffs {
  const result: Handoffs = {
    through: new Map(),
    entries: new Set(),
    extraOutcomes: new Map(),
    folded: new Set(),
    skipped: [],
    warnings: [],
  };
  const report = (m: MessageFlow, reason: string) =>
    result.skipped.push({ id: m.id, kind: 'messageFlow', reason });
  const poolById = new Map(pools.map((p) => [p.id, p]));
  const label = (n: FlowNode) => n.name ?? n.id;

  // A message to a pool (not to a step in it) enters that pool at its one start event.
  const startOf = (pool: Pool): FlowNode | undefined => {
    const starts = [...model.nodes.values()].filter(
      (n) => n.kind === 'startEvent' && n.pool === pools.indexOf(pool),
    );
    return starts.length === 1 ? starts[0] : undefined;
  };

  const handoffs: Array<{ m: MessageFlow; from: FlowNode; to: FlowNode }> = [];
  for (const m of messageFlows) {
    const from = model.nodes.get(m.source);
    let to = model.nodes.get(m.target);
    const toPool = poolById.get(m.target);
    if (!to && toPool?.process) to = startOf(toPool);
    if (!to) {
      if (toPool && !toPool.process)
        report(
          m,
          `a message to '${toPool.name ?? toPool.id}', a pool without a process: portalflow sends no messages`,
        );
      else if (toPool)
        report(m, `a message to the pool '${toPool.name ?? toPool.id}', which has no single start event`);
      else report(m, 'its target is not a step of an imported pool');
      continue;
    }
    if (!from) {
      const fromPool = poolById.get(m.source);
      // From a black box into a start or a wait: the start or the wait stands for it.
      if (fromPool && !fromPool.process && (to.kind === 'startEvent' || to.kind === 'intermediateCatchEvent'))
        continue;
      if (fromPool?.process)
        report(
          m,
          `it comes from the pool '${fromPool.name ?? fromPool.id}', not from a step in it: the handoff is not known`,
        );
      else if (fromPool)
        report(m, `a message from '${fromPool.name ?? fromPool.id}' into a ${to.kind} is not modelled`);
      else report(m, 'its source is not a step of an imported pool');
      continue;
    }
    if (from.pool === to.pool) {
      report(m, 'a message flow inside one pool is not modelled');
      continue;
    }
    if (!RECEIVERS.has(to.kind)) {
      report(m, `a message into a ${to.kind} is not modelled`);
      continue;
    }
    // A catch event after an event-based gateway is one way out of that wait: the wait is the receiver.
    const gateway = to.incoming
      .map((f) => model.nodes.get(f.source))
      .find((n) => n?.kind === 'eventBasedGateway');
    handoffs.push({ m, from, to: to.kind === 'intermediateCatchEvent' && gateway ? gateway : to });
  }

  const receivers = new Set(handoffs.map((h) => h.to.id));
  const senders = new Set(handoffs.map((h) => h.from.id));
  for (const h of handoffs) if (h.to.kind === 'startEvent') result.entries.add(h.to.id);

  /** Where a pool stops or waits for another pool: a plain end event, or a catch event another pool sends to. */
  const stops = (q: FlowNode) =>
    !senders.has(q.id) &&
    ((q.kind === 'endEvent' &&
      !eventDefinitions(q.el).some((d) => d.local === 'escalationEventDefinition')) ||
      ((q.kind === 'intermediateCatchEvent' || q.kind === 'eventBasedGateway') && receivers.has(q.id)));

  /** Moves the flow where the sender's pool next stops or waits to the receiving node. */
  const deliver = (from: FlowNode, to: FlowNode): boolean => {
    const seen = new Set<string>();
    for (let cur = from; !seen.has(cur.id); ) {
      seen.add(cur.id);
      if (cur.outgoing.length !== 1) return false;
      const f = cur.outgoing[0]!;
      const q = model.nodes.get(f.target);
      if (!q) return false;
      if (stops(q)) {
        q.incoming.splice(q.incoming.indexOf(f), 1);
        f.target = to.id;
        to.incoming.push(f);
        if (q.kind === 'endEvent' && q.incoming.length === 0) result.folded.add(q.id);
        return true;
      }
      // Past a merge or a branch, other paths would be moved too.
      if (q.incoming.length !== 1 || senders.has(q.id) || !straight(q)) return false;
      cur = q;
    }
    return false;
  };

  for (const { m, from, to } of handoffs) {
    if (from.kind === 'endEvent' || (THROWS.has(from.kind) && from.outgoing.length === 0)) {
      if (result.through.has(from.id)) report(m, `'${label(from)}' already hands off: one way on is kept`);
      else result.through.set(from.id, to.id);
    } else if (THROWS.has(from.kind)) {
      if (!deliver(from, to))
        report(m, `'${label(from)}' sends it and its pool carries on: the handoff is not known`);
    } else if (TASK_KINDS.has(from.kind)) {
      if (from.outgoing.length > 0 && deliver(from, to)) continue;
      const flow: Flow = {
        id: m.id,
        el: m.el,
        source: from.id,
        target: to.id,
        name: m.name,
        condition: undefined,
      };
      to.incoming.push(flow);
      result.extraOutcomes.set(from.id, [...(result.extraOutcomes.get(from.id) ?? []), flow]);
      if (from.outgoing.length > 0)
        result.warnings.push(
          `task '${label(from)}' hands off to '${label(to)}' in another pool and its own pool carries on: both became outcomes, the person completing it chooses`,
        );
    } else report(m, `a message from a ${from.kind} is not modelled`);
  }
  return result;
}

/** A node the flow passes along without choosing: one way in was checked, one way out. */
function straight(n: FlowNode): boolean {
  if (n.outgoing.length !== 1) return false;
  return (
    TASK_KINDS.has(n.kind) ||
    THROWS.has(n.kind) ||
    n.kind === 'intermediateCatchEvent' ||
    n.kind.endsWith('Gateway')
  );
}
