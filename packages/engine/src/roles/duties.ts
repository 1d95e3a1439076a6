import type { Definition, Step, TaskStep } from '../definition.ts';
import { formatDuration } from '../duration.ts';

/**
 * What each role does, derived from the published workflows: the steps it owns, the outcomes it may
 * choose, the deadlines it must meet, the escalations that land on it and the work it hands on or
 * receives. Pure and browser-safe, so the server, the CLI and the web page derive the same duties.
 */

/** A deadline in the words of a job description. */
export interface DeadlineDuty {
  after: string;
  calendar: 'business' | 'wall';
  /** "1 business day", "4 h". */
  text: string;
  escalateTo?: string;
  goTo?: string;
}

export interface StepDuty {
  stepId: string;
  title: string;
  outcomes: string[];
  deadline?: DeadlineDuty;
}

/** Overdue work of another role that lands in this role's pool. */
export interface EscalationDuty {
  stepId: string;
  stepTitle: string;
  fromRole: string;
  after: string;
  calendar: 'business' | 'wall';
  text: string;
}

/** Work passing between two roles: an outcome of `fromStep` leads (through automatic steps) to `toStep`. */
export interface Handoff {
  fromStep: string;
  fromTitle: string;
  fromRole: string;
  /** The outcome chosen, or `late` for a deadline that moves the work on. */
  outcome: string;
  toStep: string;
  toTitle: string;
  toRole: string;
}

export interface WorkflowDuties {
  definitionId: string;
  title: string;
  /** The published version the duties were read from, when known (not part of the fingerprint). */
  version?: number;
  steps: StepDuty[];
  escalations: EscalationDuty[];
  handsTo: Handoff[];
  receivesFrom: Handoff[];
}

export interface RoleDuties {
  roleId: string;
  name: string;
  department?: string;
  description?: string;
  /** Only workflows where the role has something to do, in the order given. */
  workflows: WorkflowDuties[];
}

/** A definition, or a published version of one. */
export type WorkflowInput = Definition | { definition: Definition; version: number };

const unwrap = (w: WorkflowInput): { definition: Definition; version?: number } =>
  'definition' in w ? w : { definition: w };

function deadlineDuty(step: TaskStep): DeadlineDuty | undefined {
  const d = step.deadline;
  if (!d) return undefined;
  const calendar = d.calendar === 'business' ? 'business' : 'wall';
  const duty: DeadlineDuty = {
    after: d.after,
    calendar,
    text: safeDuration(d.after, calendar === 'business'),
  };
  if (d.escalateTo !== undefined) duty.escalateTo = d.escalateTo;
  if (d.goTo !== undefined) duty.goTo = d.goTo;
  return duty;
}

function safeDuration(iso: string, business: boolean): string {
  try {
    return formatDuration(iso, business);
  } catch {
    return iso;
  }
}

/** Steps that run by themselves between tasks: the work passes through them to the next owner. */
function automaticNext(step: Step): string[] {
  switch (step.type) {
    case 'decision':
      return [...step.branches.map((b) => b.to), ...(step.otherwise !== undefined ? [step.otherwise] : [])];
    case 'parallel':
      return [...step.branches];
    case 'wait':
      return [step.next, ...(step.deadline?.goTo !== undefined ? [step.deadline.goTo] : [])];
    default:
      return [];
  }
}

/** The task steps reached from `start` without passing another task (automatic steps are crossed). */
function nextTasks(definition: Definition, start: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const step = definition.steps[id];
    if (!step) continue;
    if (step.type === 'task') found.push(id);
    else stack.push(...automaticNext(step).reverse());
  }
  return found;
}

function handoffsOf(definition: Definition): Handoff[] {
  const handoffs: Handoff[] = [];
  const seen = new Set<string>();
  for (const [fromStep, step] of Object.entries(definition.steps)) {
    if (step.type !== 'task' || step.role === undefined) continue;
    const exits: Array<[string, string]> = Object.entries(step.outcomes);
    if (step.deadline?.goTo !== undefined) exits.push(['late', step.deadline.goTo]);
    for (const [outcome, target] of exits) {
      for (const toStep of nextTasks(definition, target)) {
        const to = definition.steps[toStep] as TaskStep;
        if (to.role === undefined || to.role === step.role) continue;
        const key = `${fromStep}|${outcome}|${toStep}`;
        if (seen.has(key)) continue;
        seen.add(key);
        handoffs.push({
          fromStep,
          fromTitle: step.title,
          fromRole: step.role,
          outcome,
          toStep,
          toTitle: to.title,
          toRole: to.role,
        });
      }
    }
  }
  return handoffs;
}

/**
 * Every role's duties across the given workflows (pass the latest published version of each).
 * Roles come from the workflows' role lists (the first declaration wins) plus any role a step or
 * escalation names; a role with nothing to do still appears, with no workflows.
 */
export function roleDuties(workflows: readonly WorkflowInput[]): Record<string, RoleDuties> {
  const roles: Record<string, RoleDuties> = {};
  const ensure = (id: string): RoleDuties => {
    let role = roles[id];
    if (!role) {
      role = { roleId: id, name: id, workflows: [] };
      roles[id] = role;
    }
    return role;
  };
  for (const w of workflows) {
    for (const r of unwrap(w).definition.roles) {
      if (roles[r.id]) continue;
      const role: RoleDuties = { roleId: r.id, name: r.name, workflows: [] };
      if (r.department !== undefined) role.department = r.department;
      if (r.description !== undefined) role.description = r.description;
      roles[r.id] = role;
    }
  }
  for (const w of workflows) {
    const { definition, version } = unwrap(w);
    const mine = new Map<string, WorkflowDuties>();
    const of = (roleId: string): WorkflowDuties => {
      let duties = mine.get(roleId);
      if (!duties) {
        duties = {
          definitionId: definition.id,
          title: definition.title,
          steps: [],
          escalations: [],
          handsTo: [],
          receivesFrom: [],
        };
        if (version !== undefined) duties.version = version;
        mine.set(roleId, duties);
      }
      return duties;
    };
    for (const [stepId, step] of Object.entries(definition.steps)) {
      if (step.type !== 'task' || step.role === undefined) continue;
      const duty: StepDuty = { stepId, title: step.title, outcomes: Object.keys(step.outcomes) };
      const deadline = deadlineDuty(step);
      if (deadline) duty.deadline = deadline;
      of(step.role).steps.push(duty);
      if (deadline?.escalateTo !== undefined) {
        of(deadline.escalateTo).escalations.push({
          stepId,
          stepTitle: step.title,
          fromRole: step.role,
          after: deadline.after,
          calendar: deadline.calendar,
          text: deadline.text,
        });
      }
    }
    for (const handoff of handoffsOf(definition)) {
      of(handoff.fromRole).handsTo.push(handoff);
      of(handoff.toRole).receivesFrom.push(handoff);
    }
    for (const [roleId, duties] of mine) ensure(roleId).workflows.push(duties);
  }
  return roles;
}

/**
 * The duties without what does not change the job (version numbers), keys in a fixed order: what a
 * sign-off's fingerprint is computed over.
 */
export function dutiesForFingerprint(duties: RoleDuties): unknown {
  return {
    roleId: duties.roleId,
    workflows: duties.workflows
      .map(({ version: _version, ...rest }) => rest)
      .sort((a, b) => (a.definitionId < b.definitionId ? -1 : a.definitionId > b.definitionId ? 1 : 0)),
  };
}
