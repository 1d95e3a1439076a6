import type { Deadline, Step } from '@portalflow/engine';
import { NS } from '../namespaces.ts';
import { attr, childOf, childrenOf, refLocal, type XmlElement } from '../xml/read.ts';
import { asId, DURATION, type ImportContext } from './context.ts';
import { deadlineFrom } from './deadlines.ts';
import { eventDefinitions, type FlowNode, pfExtension } from './model.ts';
import { clip, sanitizeId } from './names.ts';

/** Catch events and event-based gateways as portalflow waits. */

/** An event-based gateway: a wait for the first of its events. */
export function waitGateway(ctx: ImportContext, node: FlowNode, id: string): Step {
  let signal: string | undefined;
  let next: string | undefined;
  let deadline: Deadline | undefined;
  const timers: Array<{ node: FlowNode; def: XmlElement; to: string | undefined }> = [];
  for (const f of node.outgoing) {
    const c = ctx.model.nodes.get(f.target);
    if (!c || ctx.role(c.id).type !== 'consumed') {
      ctx.warn(`event-based gateway '${node.name ?? node.id}': only catch events are read after it`);
      continue;
    }
    const defs = eventDefinitions(c.el);
    const timer = defs.find((d) => d.local === 'timerEventDefinition');
    if (pfExtension(c.el, 'next')) {
      next ??= c.outgoing[0] ? ctx.resolve(c.outgoing[0].target) : undefined;
      continue;
    }
    if (pfExtension(c.el, 'deadline') && timer) {
      deadline = deadlineFrom(ctx, c, timer, true);
      continue;
    }
    const to = c.outgoing[0] ? ctx.resolve(c.outgoing[0].target) : undefined;
    if (timer) {
      timers.push({ node: c, def: timer, to });
      continue;
    }
    const s = signalOf(ctx, c);
    if (signal === undefined) {
      signal = s;
      next = to;
    } else ctx.skip(c, 'a wait listens for one signal: a second one is not modelled');
  }
  const step: Step = { type: 'wait', next: '' };
  for (const t of timers) {
    const duration = childOf(t.def, NS.model, 'timeDuration')?.text.trim();
    if (duration === undefined || !DURATION.test(duration)) {
      ctx.skip(t.node, `the timer is not an ISO 8601 duration (${duration ?? 'a date or a cycle'})`);
    } else if (step.for === undefined && (next === undefined || t.to === next)) {
      step.for = duration;
      next ??= t.to;
    } else if (!deadline && t.to !== undefined) {
      deadline = { after: duration, goTo: t.to };
    } else ctx.skip(t.node, 'this timer of an event-based gateway is not modelled');
  }
  if (signal !== undefined) step.signal = signal;
  endEarlyFrom(ctx, node, step);
  if (deadline) step.deadline = deadline;
  step.next = next ?? ctx.addedEnd(id, `wait '${node.name ?? node.id}' leads nowhere`);
  return step;
}

export function signalOf(ctx: ImportContext, c: FlowNode, warn = true): string {
  const defs = eventDefinitions(c.el);
  const message = defs.find((d) => d.local === 'messageEventDefinition');
  const signal = defs.find((d) => d.local === 'signalEventDefinition');
  const refName = (ref: string | undefined, local: string) => {
    const id = refLocal(ref);
    const el = childrenOf(ctx.root, NS.model, local).find((m) => attr(m, 'id') === id);
    return el ? attr(el, 'name') : undefined;
  };
  let name: string | undefined;
  if (message) name = refName(attr(message, 'messageRef'), 'message');
  else if (signal) name = refName(attr(signal, 'signalRef'), 'signal');
  else if (defs.length > 0 && warn)
    ctx.warn(
      `${defs[0]!.local.replace('EventDefinition', '')} event '${c.name ?? c.id}' was imported as a wait for a signal`,
    );
  return clip(asId(name, ctx.ours) || asId(c.name, ctx.ours) || sanitizeId(c.id) || 'signal', 80);
}

/** An intermediate catch event: a wait for a message, a signal or a time. */
export function waitEvent(ctx: ImportContext, node: FlowNode, id: string): Step {
  const step: Step = { type: 'wait', next: '' };
  const defs = eventDefinitions(node.el);
  const timer = defs.find((d) => d.local === 'timerEventDefinition');
  const duration = timer ? childOf(timer, NS.model, 'timeDuration')?.text.trim() : undefined;
  if (timer && duration !== undefined && DURATION.test(duration)) step.for = duration;
  else if (timer)
    ctx.warn(`timer '${node.name ?? node.id}' is not an ISO 8601 duration: it became a wait for a signal`);
  if (defs.some((d) => d.local !== 'timerEventDefinition') || (timer && step.for === undefined))
    step.signal = signalOf(ctx, node, !timer);
  endEarlyFrom(ctx, node, step);
  if (node.outgoing.length > 1)
    ctx.warn(`several flows leave '${node.name ?? node.id}': only the first was kept`);
  const to = node.outgoing[0] ? ctx.resolve(node.outgoing[0].target) : undefined;
  step.next = to ?? ctx.addedEnd(id, `wait '${node.name ?? node.id}' leads nowhere`);
  return step;
}

/** The role that may end the wait early, as portalflow wrote it (`pf:wait endEarlyBy`). */
function endEarlyFrom(ctx: ImportContext, node: FlowNode, step: Step): void {
  const pf = pfExtension(node.el, 'wait');
  const role = pf ? attr(pf, 'endEarlyBy') : undefined;
  if (role === undefined || step.type !== 'wait') return;
  const id = asId(role, ctx.ours);
  if (id) step.endEarlyBy = id;
  else ctx.warn(`wait '${node.name ?? node.id}': who may end it early ('${role}') is not a role id`);
}
