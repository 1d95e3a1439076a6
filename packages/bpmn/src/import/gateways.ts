import type { Step } from '@portalflow/engine';
import { attr } from '../xml/read.ts';
import { isCondition, rewriteCondition } from './conditions.ts';
import type { ImportContext } from './context.ts';
import { type FlowNode, pfExtension } from './model.ts';
import { clip } from './names.ts';

/** Exclusive, inclusive and complex gateways as decisions; parallel gateways as parallel steps. */

export function decision(ctx: ImportContext, node: FlowNode): Step {
  const defaultFlow = attr(node.el, 'default');
  const branches: Array<{ when: string; to: string }> = [];
  let otherwise: string | undefined;
  const label = node.name ?? node.id;
  for (const f of node.outgoing) {
    const to = ctx.resolve(f.target);
    if (to === undefined) {
      ctx.warn(`a branch of decision '${label}' leads to nothing that was imported: it was left out`);
      continue;
    }
    if (f.id === defaultFlow) {
      otherwise = to;
      continue;
    }
    // Without a default flow, the one flow without a condition is the way out when nothing holds.
    if (defaultFlow === undefined && f.condition === undefined && otherwise === undefined) {
      otherwise = to;
      continue;
    }
    let when = clip((ctx.ours ? f.condition : f.condition?.trim()) ?? f.name ?? 'true', 2000);
    if (branches.length >= 50) continue;
    if (!ctx.ours && !isCondition(when)) {
      const rewritten = rewriteCondition(when);
      if (rewritten !== undefined && rewritten.length <= 2000) {
        ctx.warn(`decision '${label}': the condition "${when}" was rewritten as "${rewritten}"; check it`);
        when = rewritten;
      } else
        ctx.warn(`decision '${label}': "${when}" is not a portalflow condition; rewrite it in the editor`);
    }
    branches.push({ when, to });
  }
  const step: Step = { type: 'decision', branches };
  if (otherwise !== undefined) step.otherwise = otherwise;
  return step;
}

export function fork(ctx: ImportContext, node: FlowNode, id: string): Step {
  const branches = node.outgoing.map((f) => ctx.resolve(f.target)).filter((t) => t !== undefined);
  let join: string | undefined;
  let found = false;
  for (const n of ctx.model.nodes.values()) {
    const pf = pfExtension(n.el, 'join');
    if (pf && attr(pf, 'fork') === id && n.kind === 'parallelGateway') {
      found = true;
      join = ctx.resolve(n.id);
    }
  }
  if (!found) join = findJoin(ctx, node);
  if (branches.length === 0) {
    ctx.warn(
      `parallel gateway '${node.name ?? node.id}' has no branch that was imported: it became an empty decision`,
    );
    return { type: 'decision', branches: [] };
  }
  if (branches.length > 20) ctx.warn(`parallel gateway '${node.name ?? node.id}': only 20 branches are kept`);
  return {
    type: 'parallel',
    branches: branches.slice(0, 20),
    join: join ?? ctx.addedEnd(id, `the branches of '${node.name ?? node.id}' never join`),
  };
}

/** The nearest converging parallel gateway after a fork; the step after it is the join. */
function findJoin(ctx: ImportContext, fork: FlowNode): string | undefined {
  const seen = new Set([fork.id]);
  let frontier = fork.outgoing.map((f) => f.target);
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      if (seen.has(id)) continue;
      seen.add(id);
      const n = ctx.model.nodes.get(id);
      if (!n) continue;
      if (n.kind === 'parallelGateway' && n.incoming.length >= 2 && ctx.role(id).type === 'through')
        return ctx.resolve(id);
      for (const f of n.outgoing) next.push(f.target);
    }
    frontier = next;
  }
  return undefined;
}
