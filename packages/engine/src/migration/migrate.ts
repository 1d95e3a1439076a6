import { dueTime } from '../calendar/index.ts';
import { canonicalJson } from '../canonical.ts';
import { compile } from '../compile/compile.ts';
import { JOINED } from '../compile/machine.ts';
import type { Definition, TaskStep, WaitStep } from '../definition.ts';
import { addWallDuration } from '../duration.ts';
import type { Effect, TaskChanges } from '../effects.ts';
import { edgesOf } from '../graph.ts';
import type { ActiveStep, InstanceSnapshot, Timer } from '../snapshot.ts';
import { type Blocker, BlockerCode } from './blockers.ts';
import { targetIssue } from './check.ts';
import type { StepMapping } from './event.ts';
import { pathOf, placements, type Region, regionsOfPath } from './placement.ts';

/** Where one open task or wait lands in version B. */
export interface Landing {
  token: string;
  kind: 'task' | 'wait';
  fromStep: string;
  step: string;
  /** Owning role before and after (tasks). */
  fromRole?: string;
  role?: string;
  /** Kept only when the owning role stays the same. */
  assignee?: string | null;
  due?: string;
}

export type MigrationResult =
  | { ok: true; snapshot: InstanceSnapshot; effects: Effect[]; landing: Landing[] }
  | { ok: false; blockers: Blocker[] };

type StateNode = string | { [parallel: string]: Record<string, StateNode> };

/**
 * Rewrites an instance snapshot of version `from` into one of version `to`: every open task and wait
 * moves to its mapped step (same token, so its history and its projection row carry over), inside the
 * corresponding parallel branch; branches with nothing open count as joined. A task keeps its
 * assignee only when its owning role does not change; deadlines that changed are re-computed from
 * when the task opened. Pure: the same inputs give the same snapshot, which is what lets replay
 * reproduce a migration exactly.
 */
export function migrateSnapshot(
  from: Definition,
  to: Definition,
  snapshot: InstanceSnapshot,
  mapping: StepMapping,
  at: string,
): MigrationResult {
  if (snapshot.status !== 'active') {
    return {
      ok: false,
      blockers: [{ code: BlockerCode.NOT_ACTIVE, message: `The instance is ${snapshot.status}` }],
    };
  }
  if (at < snapshot.updatedAt) {
    return {
      ok: false,
      blockers: [
        {
          code: BlockerCode.TIME_WENT_BACKWARDS,
          message: `Migration time ${at} is before the instance's last change ${snapshot.updatedAt}`,
        },
      ],
    };
  }
  const blockers: Blocker[] = [];
  const placed = placements(to);
  const items = Object.values(snapshot.context.active).sort((x, y) => Number(x.token) - Number(y.token));
  const parallelMap = new Map<string, string>();
  const branchMap = new Map<string, number>();
  const branchTaken = new Map<string, string>();
  const moved: Array<{ item: ActiveStep; target: string; chain: Region[] }> = [];

  for (const item of items) {
    const target = mapping[item.step];
    if (target === undefined || target === null) {
      blockers.push({
        code: BlockerCode.UNMAPPED,
        step: item.step,
        message: `'${item.step}' is not mapped to a step of version B`,
      });
      continue;
    }
    const issue = targetIssue(from, to, item.step, target);
    if (issue) {
      blockers.push(issue);
      continue;
    }
    const chainA = regionsOfPath(item.path);
    const options = placed.get(target) ?? [[]];
    if (options.length > 1) {
      blockers.push({
        code: BlockerCode.PARALLEL_MISMATCH,
        step: item.step,
        message: `'${target}' sits in ${options.length} parallel branches in version B; it is ambiguous which one to continue in`,
      });
      continue;
    }
    const chainB = options[0]!;
    const mismatch = alignRegions(
      item.step,
      target,
      chainA,
      chainB,
      parallelMap,
      branchMap,
      branchTaken,
      from,
      to,
    );
    if (mismatch) {
      blockers.push(mismatch);
      continue;
    }
    const innermost = chainB.at(-1);
    if (innermost && !reachesJoin(to, target, (to.steps[innermost.parallel] as { join: string }).join)) {
      blockers.push({
        code: BlockerCode.JOIN_NEVER_COMPLETES,
        step: item.step,
        message: `From '${target}' the branch of '${innermost.parallel}' in version B can never reach its join`,
      });
      continue;
    }
    moved.push({ item, target, chain: chainB });
  }
  if (moved.length > 1 && moved.some((m) => m.chain.length === 0)) {
    blockers.push({
      code: BlockerCode.PARALLEL_MISMATCH,
      message: 'Version B would have more than one step open outside any parallel branch',
    });
  }
  if (blockers.length > 0) return { ok: false, blockers };

  // The state value: the mapped steps inside their regions, every untouched region joined.
  let value: StateNode | undefined;
  const tree: Record<string, Record<string, StateNode>> = {};
  for (const { target, chain } of moved) {
    if (chain.length === 0) {
      value = target;
      continue;
    }
    let level = tree;
    chain.forEach((region, i) => {
      level[region.parallel] ??= {};
      const branches = level[region.parallel]!;
      const key = `b${region.branch}`;
      if (i === chain.length - 1) branches[key] = target;
      else {
        branches[key] ??= {};
        level = branches[key] as Record<string, Record<string, StateNode>>;
      }
    });
  }
  const fill = (level: Record<string, Record<string, StateNode>>) => {
    for (const [parallel, branches] of Object.entries(level)) {
      const step = to.steps[parallel] as { branches: string[] };
      step.branches.forEach((_first, i) => {
        const key = `b${i}`;
        const node = branches[key];
        if (node === undefined) branches[key] = JOINED;
        else if (typeof node !== 'string') fill(node as Record<string, Record<string, StateNode>>);
      });
    }
  };
  if (value === undefined) {
    fill(tree);
    value = tree;
  }

  const ctx = snapshot.context;
  const active: Record<string, ActiveStep> = {};
  const timers: Record<string, Timer> = {};
  const landing: Landing[] = [];
  const untouched = new Set(Object.keys(ctx.timers));
  for (const { item, target, chain } of moved) {
    const path = pathOf(chain, target);
    const own = Object.values(ctx.timers).filter((t) => t.token === item.token);
    for (const t of own) untouched.delete(t.id);
    const next: ActiveStep = { ...item, step: target, path };
    const kept = (kind: Timer['kind']) => own.find((t) => t.kind === kind);
    const setTimer = (kind: Timer['kind'], due: string) => {
      const id = `${item.token}.${kind}`;
      timers[id] = { id, token: item.token, step: target, path, kind, due };
    };
    if (item.kind === 'task') {
      const a = from.steps[item.step] as TaskStep;
      const b = to.steps[target] as TaskStep;
      const role = ownerAfter(item, a, b, to);
      if (role !== item.role) {
        next.role = role;
        next.assignee = null;
      }
      if (!item.escalated) {
        if (canonicalJson(a.deadline ?? null) === canonicalJson(b.deadline ?? null)) {
          const t = kept('deadline');
          if (t) setTimer('deadline', t.due);
        } else if (b.deadline) {
          const due = dueTime(item.openedAt, b.deadline, ctx.calendar);
          next.due = due;
          setTimer('deadline', due);
        } else delete next.due;
      }
      const land: Landing = { token: item.token, kind: 'task', fromStep: item.step, step: target };
      if (item.role !== undefined) land.fromRole = item.role;
      if (next.role !== undefined) land.role = next.role;
      if (next.assignee !== undefined) land.assignee = next.assignee;
      if (next.due !== undefined) land.due = next.due;
      landing.push(land);
    } else {
      const a = from.steps[item.step] as WaitStep;
      const b = to.steps[target] as WaitStep;
      if (b.signal !== undefined) next.signal = b.signal;
      else delete next.signal;
      let waitDue: string | undefined;
      if (b.for !== undefined) {
        waitDue = a.for === b.for && kept('wait') ? kept('wait')!.due : addWallDuration(item.openedAt, b.for);
        setTimer('wait', waitDue);
      }
      let deadlineDue: string | undefined;
      if (b.deadline !== undefined) {
        const same = canonicalJson(a.deadline ?? null) === canonicalJson(b.deadline);
        deadlineDue =
          same && kept('deadline') ? kept('deadline')!.due : dueTime(item.openedAt, b.deadline, ctx.calendar);
        setTimer('deadline', deadlineDue);
      }
      const due = [waitDue, deadlineDue].filter((d): d is string => d !== undefined).sort()[0];
      if (due !== undefined) next.due = due;
      else delete next.due;
      const land: Landing = { token: item.token, kind: 'wait', fromStep: item.step, step: target };
      if (next.due !== undefined) land.due = next.due;
      landing.push(land);
    }
    active[path] = next;
  }
  // Timers of nothing open (none are expected) are kept as they were.
  for (const id of untouched) timers[id] = ctx.timers[id]!;

  const context = { ...ctx, active, timers };
  // Refuse a value the machine of version B cannot hold, rather than store it.
  try {
    compile(to).machine.resolveState({ value: value as never, context });
  } catch (error) {
    return {
      ok: false,
      blockers: [
        {
          code: BlockerCode.PARALLEL_MISMATCH,
          message: `Version B cannot hold this state: ${(error as Error).message}`,
        },
      ],
    };
  }
  const next: InstanceSnapshot = {
    ...snapshot,
    definitionId: to.id,
    value,
    context,
    seq: snapshot.seq + 1,
    updatedAt: at,
  };
  return { ok: true, snapshot: next, effects: migrationEffects(snapshot, next), landing };
}

/**
 * The role owning the task in B: an escalated task stays with B's escalation role; a task moved by
 * hand to a role B still declares stays there; otherwise B's owner of the step.
 */
function ownerAfter(item: ActiveStep, a: TaskStep, b: TaskStep, to: Definition): string {
  const declared = (role: string | undefined) => role !== undefined && to.roles.some((r) => r.id === role);
  if (item.escalated) {
    const escalateTo = b.deadline?.escalateTo;
    return declared(escalateTo) ? escalateTo! : (b.role ?? '');
  }
  if (item.role !== a.role && declared(item.role)) return item.role!;
  return b.role ?? '';
}

/** Lines up the instance's parallel regions in A with the mapped step's in B, one to one. */
function alignRegions(
  step: string,
  target: string,
  chainA: Region[],
  chainB: Region[],
  parallelMap: Map<string, string>,
  branchMap: Map<string, number>,
  branchTaken: Map<string, string>,
  from: Definition,
  to: Definition,
): Blocker | null {
  const fail = (message: string): Blocker => ({ code: BlockerCode.PARALLEL_MISMATCH, step, message });
  const where = (chain: Region[]) =>
    chain.length === 0
      ? 'outside any parallel step'
      : `in branch ${chain.at(-1)!.branch + 1} of '${chain.at(-1)!.parallel}'`;
  if (chainA.length !== chainB.length) {
    return fail(
      `'${step}' is ${where(chainA)} in version A, but '${target}' is ${where(chainB)} in version B`,
    );
  }
  for (let i = 0; i < chainA.length; i++) {
    const a = chainA[i]!;
    const b = chainB[i]!;
    const mapped = parallelMap.get(a.parallel);
    if (mapped !== undefined && mapped !== b.parallel) {
      return fail(
        `Open steps of '${a.parallel}' would land in both '${mapped}' and '${b.parallel}' in version B`,
      );
    }
    const stepA = from.steps[a.parallel] as { branches: string[] };
    const stepB = to.steps[b.parallel] as { branches: string[] } | undefined;
    if (!stepB || stepB.branches.length !== stepA.branches.length) {
      return fail(
        `'${a.parallel}' has ${stepA.branches.length} branches in version A but '${b.parallel}' has ${stepB?.branches.length ?? 0} in version B`,
      );
    }
    parallelMap.set(a.parallel, b.parallel);
    const keyA = `${a.parallel}/${a.branch}`;
    const keyB = `${b.parallel}/${b.branch}`;
    const mappedBranch = branchMap.get(keyA);
    if (mappedBranch !== undefined && mappedBranch !== b.branch) {
      return fail(`Branch ${a.branch + 1} of '${a.parallel}' would be split over two branches in version B`);
    }
    const taker = branchTaken.get(keyB);
    if (taker !== undefined && taker !== keyA && i === chainA.length - 1) {
      return fail(`Two open branches would land in branch ${b.branch + 1} of '${b.parallel}' in version B`);
    }
    branchMap.set(keyA, b.branch);
    branchTaken.set(keyB, keyA);
  }
  return null;
}

/** Whether a branch continuing at `start` can still reach `join` (or end the instance). */
function reachesJoin(definition: Definition, start: string, join: string): boolean {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === join) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = definition.steps[id];
    if (!step) continue;
    if (step.type === 'end') return true;
    if (step.type === 'parallel') stack.push(step.join);
    for (const edge of edgesOf(id, step)) stack.push(edge.to);
  }
  return false;
}

/** Task moves (step, role, assignee, due) and timer changes, for the projection and the timeline. */
function migrationEffects(before: InstanceSnapshot, after: InstanceSnapshot): Effect[] {
  const effects: Effect[] = [];
  const old = new Map(Object.values(before.context.active).map((a) => [a.token, a]));
  for (const item of Object.values(after.context.active).sort((x, y) => Number(x.token) - Number(y.token))) {
    const prev = old.get(item.token);
    if (!prev || item.kind !== 'task') continue;
    const changes: TaskChanges = {};
    if (prev.step !== item.step) changes.step = [prev.step, item.step];
    if (prev.role !== item.role) changes.role = [prev.role, item.role];
    if (prev.assignee !== item.assignee) changes.assignee = [prev.assignee, item.assignee];
    if (prev.due !== item.due) changes.due = [prev.due, item.due];
    if (Object.keys(changes).length > 0) {
      effects.push({ type: 'task.updated', token: item.token, step: item.step, reason: 'migrated', changes });
    }
  }
  for (const id of Object.keys(before.context.timers)) {
    if (!after.context.timers[id]) effects.push({ type: 'timer.cleared', id });
  }
  for (const [id, timer] of Object.entries(after.context.timers)) {
    const prev = before.context.timers[id];
    if (!prev || prev.due !== timer.due) {
      effects.push({
        type: 'timer.set',
        id,
        token: timer.token,
        step: timer.step,
        kind: timer.kind,
        due: timer.due,
      });
    }
  }
  return effects;
}
