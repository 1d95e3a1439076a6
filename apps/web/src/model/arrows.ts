import type { Definition, Step } from '@portalflow/engine';
import { exhaustive, ModelError } from './errors.ts';
import { removeOutcome } from './outcomes.ts';

/** How an arrow leaves a step: which field of the step it is written in. */
export type ConnectVia =
  | { kind: 'outcome'; name: string }
  | { kind: 'branch'; when: string; index?: number }
  | { kind: 'otherwise' }
  | { kind: 'fork'; index?: number }
  | { kind: 'join' }
  | { kind: 'next' }
  | { kind: 'deadline' };

/** Rewrites every reference to a step (outcomes, branches, joins, next, goTo, start) with `map`. */
export function retarget(step: Step, map: (to: string) => string | undefined): Step {
  switch (step.type) {
    case 'task': {
      const outcomes: Record<string, string> = {};
      let changed = false;
      for (const [name, to] of Object.entries(step.outcomes)) {
        const next = map(to);
        if (next !== to) changed = true;
        if (next !== undefined) outcomes[name] = next;
      }
      const goTo = step.deadline?.goTo;
      const nextGoTo = goTo === undefined ? undefined : map(goTo);
      if (!changed && nextGoTo === goTo) return step;
      const out = { ...step, outcomes };
      if (goTo !== undefined && step.deadline) out.deadline = withGoTo(step.deadline, nextGoTo);
      return out;
    }
    case 'decision': {
      const branches = step.branches.flatMap((b) => {
        const to = map(b.to);
        return to === undefined ? [] : [to === b.to ? b : { ...b, to }];
      });
      const otherwise = step.otherwise === undefined ? undefined : map(step.otherwise);
      if (
        branches.length === step.branches.length &&
        branches.every((b, i) => b === step.branches[i]) &&
        otherwise === step.otherwise
      )
        return step;
      const out = { ...step, branches };
      if (otherwise === undefined) delete out.otherwise;
      else out.otherwise = otherwise;
      return out;
    }
    case 'parallel': {
      const branches = step.branches.flatMap((b) => {
        const to = map(b);
        return to === undefined ? [] : [to];
      });
      const join = map(step.join) ?? step.join;
      if (
        join === step.join &&
        branches.length === step.branches.length &&
        branches.every((b, i) => b === step.branches[i])
      )
        return step;
      return { ...step, branches, join };
    }
    case 'wait': {
      const next = map(step.next) ?? step.next;
      const goTo = step.deadline?.goTo;
      const nextGoTo = goTo === undefined ? undefined : map(goTo);
      if (next === step.next && nextGoTo === goTo) return step;
      const out = { ...step, next };
      if (goTo !== undefined && step.deadline) out.deadline = withGoTo(step.deadline, nextGoTo);
      return out;
    }
    case 'end':
      return step;
    default:
      return exhaustive(step);
  }
}

export function withGoTo<D extends { goTo?: string }>(deadline: D, goTo: string | undefined): D {
  const out = { ...deadline };
  if (goTo === undefined) delete out.goTo;
  else out.goTo = goTo;
  return out;
}

export function mapSteps(definition: Definition, fn: (step: Step, id: string) => Step): Definition['steps'] {
  let changed = false;
  const steps: Definition['steps'] = {};
  for (const [id, step] of Object.entries(definition.steps)) {
    const next = fn(step, id);
    if (next !== step) changed = true;
    steps[id] = next;
  }
  return changed ? steps : definition.steps;
}

export function connect(step: Step, from: string, to: string, via: ConnectVia): Step {
  switch (via.kind) {
    case 'outcome':
      if (step.type !== 'task') break;
      return { ...step, outcomes: { ...step.outcomes, [via.name]: to } };
    case 'branch': {
      if (step.type !== 'decision') break;
      const branches = [...step.branches];
      if (via.index !== undefined && branches[via.index])
        branches[via.index] = { ...branches[via.index]!, to };
      else branches.push({ when: via.when, to });
      return { ...step, branches };
    }
    case 'otherwise':
      if (step.type !== 'decision') break;
      return { ...step, otherwise: to };
    case 'fork': {
      if (step.type !== 'parallel') break;
      const branches = [...step.branches];
      if (via.index !== undefined && via.index < branches.length) branches[via.index] = to;
      else branches.push(to);
      return { ...step, branches };
    }
    case 'join':
      if (step.type !== 'parallel') break;
      return { ...step, join: to };
    case 'next':
      if (step.type !== 'wait') break;
      return { ...step, next: to };
    case 'deadline':
      if ((step.type !== 'task' && step.type !== 'wait') || !step.deadline) break;
      return { ...step, deadline: { ...step.deadline, goTo: to } };
    default:
      return exhaustive(via);
  }
  throw new ModelError('CANNOT_CONNECT', `A ${step.type} step ('${from}') cannot have a ${via.kind} arrow`);
}

/** The step an arrow's path starts at: `steps.classify.outcomes.spam` → `classify`. */
export function arrowSource(path: string): { id: string; rest: string } {
  const m = /^steps\.([^.]+)\.(.+)$/.exec(path);
  if (!m) throw new ModelError('NOT_AN_EDGE', `'${path}' is not an arrow`);
  return { id: m[1]!, rest: m[2]! };
}

/**
 * The step without the arrow written at `path`. Required arrows (a join, a wait's next) cannot be
 * removed, only pointed elsewhere.
 */
export function disconnect(step: Step, path: string): Step {
  const { rest } = arrowSource(path);
  let next: Step | undefined;
  const outcome = /^outcomes\.(.+)$/.exec(rest);
  const branch = /^branches\.(\d+)(\.to)?$/.exec(rest);
  if (outcome && step.type === 'task') {
    next = { ...step, ...removeOutcome(step, outcome[1]!) };
    if (next.type === 'task' && next.form === undefined) delete next.form;
  } else if (branch && step.type === 'decision') {
    next = { ...step, branches: step.branches.filter((_, i) => i !== Number(branch[1])) };
  } else if (branch && step.type === 'parallel') {
    next = { ...step, branches: step.branches.filter((_, i) => i !== Number(branch[1])) };
  } else if (rest === 'otherwise' && step.type === 'decision') {
    next = { ...step };
    delete next.otherwise;
  } else if (rest === 'deadline.goTo' && (step.type === 'task' || step.type === 'wait') && step.deadline) {
    next = { ...step, deadline: withGoTo(step.deadline, undefined) };
  }
  if (!next)
    throw new ModelError('REQUIRED_EDGE', `The arrow at '${path}' is required; point it elsewhere instead`);
  return next;
}
