import {
  CHANGE_KINDS,
  type ChangeKind,
  canonicalJson,
  type Definition,
  roleChanges,
  roleDuties,
  roleNameIn,
  stepTitle,
  versionChanges,
} from '@portalflow/engine';
import { changedSteps, type StepLineKind } from './stepChangeWords.ts';

/** One role whose job changes with this version, in the words of the role pages. */
export interface RoleDutyChange {
  roleId: string;
  name: string;
  lines: string[];
}

/** What publishing would change for staff, against the latest published version (titles, not ids). */
export interface PublishSummary {
  /** No version is published yet. */
  first: boolean;
  added: string[];
  removed: string[];
  /** Every step in both versions that changed, each with all its changes in words. */
  changed: Array<{ title: string; lines: string[] }>;
  roles: RoleDutyChange[];
  /** The draft does exactly what the latest version does. */
  unchanged: boolean;
  /**
   * The draft is the latest version, word for word (layout aside): the server would make no new
   * version, so there is nothing to publish.
   */
  identical: boolean;
}

/**
 * What each kind of change is, in front of its line: the lines of all kinds stand in one list under the
 * role's name, so each has to say on its own whether it is new, gone or moved (the text of a moved
 * deadline or escalation says the new value and the old).
 */
const LINE_LABELS: Record<ChangeKind, string> = {
  stepsAdded: 'New step',
  stepsRemoved: 'Step taken away',
  outcomesAdded: 'New outcome',
  outcomesRemoved: 'Outcome taken away',
  outcomesRenamed: 'Outcome renamed',
  deadlines: 'Deadline',
  escalationsAdded: 'Now gets overdue work',
  escalationsRemoved: 'No longer gets overdue work',
  escalationsChanged: 'Gets overdue work at another time',
  handoffsAdded: 'New handoff',
  handoffsRemoved: 'Handoff taken away',
};

/**
 * The publish confirmation's summary. Reuses the engine's own comparisons: `versionChanges` for the
 * steps (what the handbook's "what changed" says) and `roleChanges` over `roleDuties` for the roles (what
 * the refresher asks staff to acknowledge), so the three never disagree.
 */
/**
 * What a role's duties (`roleDuties`) do not carry but the people doing the step see on their task: its
 * name, its form and its help. Each line names the step.
 */
const TASK_ONLY: ReadonlySet<StepLineKind> = new Set(['rename', 'field', 'help', 'priority']);

export function publishSummary(latest: Definition | null, draft: Definition): PublishSummary {
  const before: Definition = latest ?? { ...draft, roles: [], steps: {} };
  const added: string[] = [];
  const removed: string[] = [];
  for (const change of versionChanges(before, draft)) {
    if (!change.stepId) continue;
    if (change.kind === 'added') added.push(stepTitle(draft, change.stepId));
    else if (change.kind === 'removed') removed.push(stepTitle(before, change.stepId));
  }
  const steps = changedSteps(before, draft);
  const changed = steps.map((step) => ({ title: step.title, lines: step.lines.map((l) => l.text) }));
  const dutiesBefore = latest ? roleDuties([latest]) : {};
  const dutiesAfter = roleDuties([draft]);
  const roles: RoleDutyChange[] = Object.values(roleChanges(dutiesBefore, dutiesAfter)).map((change) => ({
    roleId: change.roleId,
    name: dutiesAfter[change.roleId]?.name ?? dutiesBefore[change.roleId]?.name ?? change.roleId,
    lines: CHANGE_KINDS.flatMap((kind) => change[kind].map((item) => `${LINE_LABELS[kind]}: ${item.text}`)),
  }));
  for (const step of steps) {
    const lines = step.lines.filter((l) => TASK_ONLY.has(l.kind)).map((l) => `“${step.title}”: ${l.text}`);
    if (step.roleId === undefined || lines.length === 0) continue;
    let role = roles.find((r) => r.roleId === step.roleId);
    if (!role) {
      role = { roleId: step.roleId, name: roleNameIn(draft, step.roleId), lines: [] };
      roles.push(role);
    }
    role.lines.push(...lines);
  }
  const unchanged =
    latest !== null &&
    added.length === 0 &&
    removed.length === 0 &&
    changed.length === 0 &&
    roles.length === 0;
  // The same canonical text the store hashes for a version's content.
  const identical = unchanged && canonicalJson(latest) === canonicalJson(draft);
  return { first: latest === null, added, removed, changed, roles, unchanged, identical };
}
