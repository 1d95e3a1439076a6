import type { Deadline } from '@portalflow/engine';
import { NS } from '../namespaces.ts';
import { attr, childOf, refLocal, type XmlElement } from '../xml/read.ts';
import { DURATION, type ImportContext } from './context.ts';
import { eventDefinitions, type FlowNode, type ProcessModel, pfExtension } from './model.ts';

/** Timers on activities and after event-based gateways as portalflow deadlines. */

const boundaryIndex = new WeakMap<ProcessModel, Map<string, FlowNode[]>>();

/** Boundary events by the id of the activity they are attached to (indexed once per process). */
function boundariesOf(ctx: ImportContext, id: string): FlowNode[] {
  let index = boundaryIndex.get(ctx.model);
  if (!index) {
    index = new Map();
    for (const b of ctx.model.nodes.values()) {
      if (b.kind !== 'boundaryEvent') continue;
      const host = refLocal(attr(b.el, 'attachedToRef')) ?? '';
      index.set(host, [...(index.get(host) ?? []), b]);
    }
    boundaryIndex.set(ctx.model, index);
  }
  return index.get(id) ?? [];
}

export function taskDeadline(ctx: ImportContext, node: FlowNode): Deadline | undefined {
  let deadline: Deadline | undefined;
  for (const b of boundariesOf(ctx, node.id)) {
    const defs = eventDefinitions(b.el);
    const kind = defs[0]?.local.replace('EventDefinition', '') ?? 'none';
    if (defs.length !== 1 || kind !== 'timer') {
      ctx.skip(b, `${kind} boundary events are not modelled; only timers become deadlines`);
      continue;
    }
    if (deadline) {
      ctx.skip(b, 'a task has one deadline: a second timer is not modelled');
      continue;
    }
    const interrupting = attr(b.el, 'cancelActivity') !== 'false';
    const escalates = b.outgoing.some((f) => isEscalationEnd(ctx, f.target));
    const other = b.outgoing.some((f) => !isEscalationEnd(ctx, f.target));
    if (!interrupting && other && !escalates) {
      ctx.skip(b, 'a non-interrupting timer that starts other work is not modelled');
      continue;
    }
    deadline = deadlineFrom(ctx, b, defs[0]!, interrupting);
  }
  return deadline;
}

export function isEscalationEnd(ctx: ImportContext, nodeId: string): boolean {
  const n = ctx.model.nodes.get(nodeId);
  return !!n && n.kind === 'endEvent' && ctx.role(nodeId).type === 'consumed';
}

/** A timer (boundary or catch event) as a deadline; undefined, reported, when it is not a duration. */
export function deadlineFrom(
  ctx: ImportContext,
  timerNode: FlowNode,
  def: XmlElement,
  interrupting: boolean,
): Deadline | undefined {
  const duration = childOf(def, NS.model, 'timeDuration')?.text.trim();
  if (duration === undefined || !DURATION.test(duration)) {
    ctx.skip(
      timerNode,
      `the timer is not an ISO 8601 duration (${duration ?? 'a date or a cycle'}): no deadline`,
    );
    return undefined;
  }
  const deadline: Deadline = { after: duration };
  const pf = pfExtension(timerNode.el, 'deadline');
  const calendar = pf ? attr(pf, 'calendar') : undefined;
  if (calendar === 'business' || calendar === 'wall') deadline.calendar = calendar;
  const warnBefore = pf ? attr(pf, 'warnBefore') : undefined;
  if (warnBefore !== undefined && DURATION.test(warnBefore)) deadline.warnBefore = warnBefore;
  for (const f of timerNode.outgoing) {
    if (isEscalationEnd(ctx, f.target)) {
      const end = ctx.model.nodes.get(f.target)!;
      const esc = pfExtension(end.el, 'escalation');
      const role = esc ? attr(esc, 'role') : end.lane ? ctx.roleOfLane.get(end.lane) : undefined;
      if (role !== undefined) deadline.escalateTo = role;
    } else if (interrupting && deadline.goTo === undefined) {
      const to = ctx.resolve(f.target);
      if (to !== undefined) deadline.goTo = to;
    }
  }
  return deadline;
}
