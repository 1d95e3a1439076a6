import { idToWords } from '../text/words.ts';
import type { DeadlineDuty, EscalationDuty, Handoff, RoleDuties, WorkflowDuties } from './duties.ts';

/**
 * What changed in a role's job between two derivations of its duties: the list a lead reviews
 * before signing off again, and what the people holding the role are told in their refresher.
 */
export interface ChangeItem {
  definitionId: string;
  workflowTitle: string;
  /** One plain sentence: "Sort the portal message: deadline 1 business day → 2 business days". */
  text: string;
}

export interface RoleChange {
  roleId: string;
  stepsAdded: ChangeItem[];
  stepsRemoved: ChangeItem[];
  outcomesAdded: ChangeItem[];
  outcomesRemoved: ChangeItem[];
  /** An outcome with a new name that still leads where it did: "Prepare …: Prepared → Ready for the checks". */
  outcomesRenamed: ChangeItem[];
  deadlines: ChangeItem[];
  escalationsAdded: ChangeItem[];
  escalationsRemoved: ChangeItem[];
  /** The same step's overdue work still lands on the role, after another time: "… (was 1 business day)". */
  escalationsChanged: ChangeItem[];
  handoffsAdded: ChangeItem[];
  handoffsRemoved: ChangeItem[];
  /** Number of items in all lists. */
  count: number;
}

export const CHANGE_KINDS = [
  'stepsAdded',
  'stepsRemoved',
  'outcomesAdded',
  'outcomesRemoved',
  'outcomesRenamed',
  'deadlines',
  'escalationsAdded',
  'escalationsRemoved',
  'escalationsChanged',
  'handoffsAdded',
  'handoffsRemoved',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_LABELS: Record<ChangeKind, string> = {
  stepsAdded: 'Steps added',
  stepsRemoved: 'Steps removed',
  outcomesAdded: 'Outcomes added',
  outcomesRemoved: 'Outcomes removed',
  outcomesRenamed: 'Outcomes renamed',
  deadlines: 'Deadlines',
  escalationsAdded: 'Escalations now landing on this role',
  escalationsRemoved: 'Escalations no longer landing on this role',
  escalationsChanged: 'Escalations landing on this role at another time',
  handoffsAdded: 'Handoffs added',
  handoffsRemoved: 'Handoffs removed',
};

export function deadlineText(d: DeadlineDuty | undefined, roleName = (id: string) => id): string {
  if (!d) return 'no deadline';
  if (d.escalateTo !== undefined) return `${d.text}, then to ${roleName(d.escalateTo)}`;
  if (d.goTo !== undefined) return `${d.text}, then moves on to ${d.goTo}`;
  return d.text;
}

/**
 * A handoff as a sentence, from the side of the role that hands over (`to`): "“Take the request”, finished
 * as “Solved on the call”, now goes to the Patient advocate for “Confirm the patient can sign in”", or of
 * the role that takes over (`from`): "“Confirm …” now takes over from the Front desk receptionist when
 * “Take the request” is finished as “Solved on the call”". `removed` says "no longer".
 */
export function handoffText(
  h: Handoff,
  direction: 'to' | 'from',
  roleName = (id: string) => id,
  state: 'added' | 'removed' = 'added',
): string {
  const finished = `“${idToWords(h.outcome)}”`;
  if (direction === 'to')
    return `“${h.fromTitle}”, finished as ${finished}, ${state === 'added' ? 'now goes' : 'no longer goes'} to ${handedTo(h, roleName)}`;
  return `“${h.toTitle}” ${state === 'added' ? 'now takes' : 'no longer takes'} over from the ${roleName(h.fromRole)} when “${h.fromTitle}” is finished as ${finished}`;
}

const handedTo = (h: Handoff, roleName: (id: string) => string) =>
  `the ${roleName(h.toRole)} for “${h.toTitle}”`;

const emptyChange = (roleId: string): RoleChange => ({
  roleId,
  stepsAdded: [],
  stepsRemoved: [],
  outcomesAdded: [],
  outcomesRemoved: [],
  outcomesRenamed: [],
  deadlines: [],
  escalationsAdded: [],
  escalationsRemoved: [],
  escalationsChanged: [],
  handoffsAdded: [],
  handoffsRemoved: [],
  count: 0,
});

/** Keyed items of one kind, so two derivations can be compared item by item. */
function keyed<T>(
  workflows: readonly WorkflowDuties[],
  pick: (w: WorkflowDuties) => T[],
  key: (item: T) => string,
): Map<string, { workflow: WorkflowDuties; item: T }> {
  const map = new Map<string, { workflow: WorkflowDuties; item: T }>();
  for (const workflow of workflows) {
    for (const item of pick(workflow)) map.set(`${workflow.definitionId}|${key(item)}`, { workflow, item });
  }
  return map;
}

function addedRemoved<T>(
  before: Map<string, { workflow: WorkflowDuties; item: T }>,
  after: Map<string, { workflow: WorkflowDuties; item: T }>,
  text: (item: T, state: 'added' | 'removed') => string,
): { added: ChangeItem[]; removed: ChangeItem[] } {
  const item = (w: WorkflowDuties, t: T, state: 'added' | 'removed'): ChangeItem => ({
    definitionId: w.definitionId,
    workflowTitle: w.title,
    text: text(t, state),
  });
  const added: ChangeItem[] = [];
  const removed: ChangeItem[] = [];
  for (const [k, v] of after) if (!before.has(k)) added.push(item(v.workflow, v.item, 'added'));
  for (const [k, v] of before) if (!after.has(k)) removed.push(item(v.workflow, v.item, 'removed'));
  return { added, removed };
}

/**
 * Outcomes renamed between two derivations, keyed `definitionId|stepId|old` → new: in a step on both
 * sides, the one outcome that went and the one that came, handing the work to the same steps. Ids are
 * the outcomes' names, so a rename is otherwise an outcome taken away and another added, with every
 * handoff from it taken away and added again: lines for staff whose work did not change.
 */
export type OutcomeRenames = ReadonlyMap<string, string>;

export function outcomeRenames(
  before: Record<string, RoleDuties>,
  after: Record<string, RoleDuties>,
): OutcomeRenames {
  const outcomes = (side: Record<string, RoleDuties>) => {
    const map = new Map<string, string[]>();
    for (const role of Object.values(side))
      for (const w of role.workflows)
        for (const s of w.steps) map.set(`${w.definitionId}|${s.stepId}`, s.outcomes);
    return map;
  };
  const targets = (side: Record<string, RoleDuties>) => {
    const map = new Map<string, Set<string>>();
    for (const role of Object.values(side))
      for (const w of role.workflows)
        for (const h of w.handsTo) {
          const key = `${w.definitionId}|${h.fromStep}|${h.outcome}`;
          if (!map.has(key)) map.set(key, new Set());
          map.get(key)!.add(`${h.toStep}|${h.toRole}`);
        }
    return map;
  };
  const stepsBefore = outcomes(before);
  const stepsAfter = outcomes(after);
  const goesBefore = targets(before);
  const goesAfter = targets(after);
  const sameTargets = (a: Set<string> | undefined, b: Set<string> | undefined) =>
    (a?.size ?? 0) === (b?.size ?? 0) && [...(a ?? [])].every((t) => b?.has(t));
  const renames = new Map<string, string>();
  for (const [step, now] of stepsAfter) {
    const was = stepsBefore.get(step);
    if (!was) continue;
    const gone = was.filter((o) => !now.includes(o));
    const came = now.filter((o) => !was.includes(o));
    if (gone.length !== 1 || came.length !== 1) continue;
    const [old, renamed] = [gone[0]!, came[0]!];
    if (sameTargets(goesBefore.get(`${step}|${old}`), goesAfter.get(`${step}|${renamed}`)))
      renames.set(`${step}|${old}`, renamed);
  }
  return renames;
}

/** The workflows with each handoff's outcome under its new name, so a renamed one keys as the same. */
function underNewNames(workflows: readonly WorkflowDuties[], renames: OutcomeRenames): WorkflowDuties[] {
  if (renames.size === 0) return [...workflows];
  const rename = (w: WorkflowDuties) => (h: Handoff) => {
    const now = renames.get(`${w.definitionId}|${h.fromStep}|${h.outcome}`);
    return now === undefined ? h : { ...h, outcome: now };
  };
  return workflows.map((w) => ({
    ...w,
    handsTo: w.handsTo.map(rename(w)),
    receivesFrom: w.receivesFrom.map(rename(w)),
  }));
}

/** The change for one role; `before` or `after` may be missing (a role that is new or gone). */
export function roleChange(
  roleId: string,
  before: RoleDuties | undefined,
  after: RoleDuties | undefined,
  roleName: (id: string) => string = (id) => id,
  renames: OutcomeRenames = new Map(),
): RoleChange {
  const a = underNewNames(before?.workflows ?? [], renames);
  const b = after?.workflows ?? [];
  const change = emptyChange(roleId);

  const steps = (w: WorkflowDuties) => w.steps;
  const stepDiff = addedRemoved(
    keyed(a, steps, (s) => s.stepId),
    keyed(b, steps, (s) => s.stepId),
    (s) => s.title,
  );
  change.stepsAdded = stepDiff.added;
  change.stepsRemoved = stepDiff.removed;

  // Outcomes of steps the role keeps; a new or removed step already says its outcomes came or went.
  const stepsBefore = keyed(a, steps, (s) => s.stepId);
  const stepsAfter = keyed(b, steps, (s) => s.stepId);
  for (const [k, now] of stepsAfter) {
    const was = stepsBefore.get(k);
    if (!was) continue;
    const base = { definitionId: now.workflow.definitionId, workflowTitle: now.workflow.title };
    const renamedTo = (o: string) => renames.get(`${now.workflow.definitionId}|${now.item.stepId}|${o}`);
    const renamedNow = new Set(was.item.outcomes.map(renamedTo).filter((o) => o !== undefined));
    for (const o of now.item.outcomes)
      if (!was.item.outcomes.includes(o) && !renamedNow.has(o))
        change.outcomesAdded.push({ ...base, text: `${now.item.title}: ${idToWords(o)}` });
    for (const o of was.item.outcomes) {
      if (now.item.outcomes.includes(o)) continue;
      const renamed = renamedTo(o);
      if (renamed !== undefined && now.item.outcomes.includes(renamed))
        change.outcomesRenamed.push({
          ...base,
          text: `${now.item.title}: ${idToWords(o)} → ${idToWords(renamed)}`,
        });
      else change.outcomesRemoved.push({ ...base, text: `${now.item.title}: ${idToWords(o)}` });
    }
    const d0 = deadlineText(was.item.deadline, roleName);
    const d1 = deadlineText(now.item.deadline, roleName);
    if (d0 !== d1 || was.item.deadline?.after !== now.item.deadline?.after)
      change.deadlines.push({ ...base, text: `${now.item.title}: ${d0} → ${d1}` });
  }
  // A new step with a deadline is a new deadline to meet.
  for (const [k, now] of stepsAfter) {
    if (stepsBefore.has(k) || !now.item.deadline) continue;
    change.deadlines.push({
      definitionId: now.workflow.definitionId,
      workflowTitle: now.workflow.title,
      text: `${now.item.title}: new deadline ${deadlineText(now.item.deadline, roleName)}`,
    });
  }

  // An escalation is the same one while it comes from the same step of the same role: a new time is
  // one change saying the new time and the old, never one escalation added and another taken away
  // (two lines that do not say which is which).
  const escalations = (w: WorkflowDuties) => w.escalations;
  const escKey = (e: EscalationDuty) => `${e.stepId}|${e.fromRole}`;
  const escText = (e: EscalationDuty) =>
    `${e.stepTitle} (${roleName(e.fromRole)}) when not done within ${e.text}`;
  const escBefore = keyed(a, escalations, escKey);
  const escAfter = keyed(b, escalations, escKey);
  const escDiff = addedRemoved(escBefore, escAfter, escText);
  change.escalationsAdded = escDiff.added;
  change.escalationsRemoved = escDiff.removed;
  for (const [k, now] of escAfter) {
    const was = escBefore.get(k)?.item;
    if (!was || (was.after === now.item.after && was.calendar === now.item.calendar)) continue;
    change.escalationsChanged.push({
      definitionId: now.workflow.definitionId,
      workflowTitle: now.workflow.title,
      text: `${now.item.stepTitle} (${roleName(now.item.fromRole)}) escalated after ${now.item.text} (was ${was.text})`,
    });
  }

  // A handoff is the same one while the same step's outcome goes to the same step of the same role.
  const hKey = (h: Handoff) => `${h.fromStep}|${h.outcome}|${h.toStep}|${h.fromRole}|${h.toRole}`;
  const handedBefore = keyed(a, (w) => w.handsTo, hKey);
  const handedAfter = keyed(b, (w) => w.handsTo, hKey);
  // A step's outcome that now goes to another role is one line saying where it went before, as a moved
  // deadline is: never one handoff added and another taken away with nothing saying they are one.
  const movedFrom = new Map<Handoff, Handoff>();
  const replaced = new Set<string>();
  for (const [k, now] of handedAfter) {
    if (handedBefore.has(k)) continue;
    const was = [...handedBefore].filter(
      ([key, v]) =>
        !handedAfter.has(key) &&
        v.workflow.definitionId === now.workflow.definitionId &&
        v.item.fromStep === now.item.fromStep &&
        v.item.outcome === now.item.outcome,
    );
    if (was.length !== 1) continue;
    movedFrom.set(now.item, was[0]![1].item);
    replaced.add(was[0]![0]);
  }
  const handed = addedRemoved(
    new Map([...handedBefore].filter(([k]) => !replaced.has(k))),
    handedAfter,
    (h, state) => {
      const text = handoffText(h, 'to', roleName, state);
      const was = movedFrom.get(h);
      return was ? `${text} (was ${handedTo(was, roleName)})` : text;
    },
  );
  const received = addedRemoved(
    keyed(a, (w) => w.receivesFrom, hKey),
    keyed(b, (w) => w.receivesFrom, hKey),
    (h, state) => handoffText(h, 'from', roleName, state),
  );
  change.handoffsAdded = [...handed.added, ...received.added];
  change.handoffsRemoved = [...handed.removed, ...received.removed];

  change.count = CHANGE_KINDS.reduce((n, kind) => n + change[kind].length, 0);
  return change;
}

/**
 * Every role whose job changed between two derivations (see `roleDuties`), keyed by role id.
 * Roles whose duties are the same on both sides are left out.
 */
export function roleChanges(
  before: Record<string, RoleDuties>,
  after: Record<string, RoleDuties>,
): Record<string, RoleChange> {
  const name = (id: string) => after[id]?.name ?? before[id]?.name ?? id;
  const renames = outcomeRenames(before, after);
  const out: Record<string, RoleChange> = {};
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const change = roleChange(id, before[id], after[id], name, renames);
    if (change.count > 0) out[id] = change;
  }
  return out;
}
