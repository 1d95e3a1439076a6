import type { DryRunRow, StepView } from '@portalflow/contract';
import {
  type Blocker,
  clinicDay,
  type Definition,
  type InstanceSnapshot,
  type Landing,
  requestSubject,
} from '@portalflow/engine';
import type { InstanceSummary } from '@portalflow/store';

export type { DryRunRow, StepView };

const roleName = (definition: Definition, role: string | null | undefined) =>
  role ? (definition.roles.find((r) => r.id === role)?.name ?? role) : null;
const titleOf = (definition: Definition, step: string) => definition.steps[step]?.title ?? step;

export function stepViews(definition: Definition, snapshot: InstanceSnapshot): StepView[] {
  return Object.values(snapshot.context.active)
    .sort((x, y) => Number(x.token) - Number(y.token))
    .map((a) => ({
      step: a.step,
      title: titleOf(definition, a.step),
      kind: a.kind,
      role: a.role ?? null,
      roleName: roleName(definition, a.role),
      due: a.due ?? null,
    }));
}

export function dryRunRow(
  instance: InstanceSummary & { snapshot: InstanceSnapshot },
  from: Definition,
  to: Definition,
  outcome: { ok: true; landing: Landing[] } | { ok: false; blockers: Blocker[] },
  at: string,
): DryRunRow {
  const { data, calendar } = instance.snapshot.context;
  return {
    instanceId: instance.id,
    // Its dates read against the clinic's today in the request's own calendar, as its tasks show them.
    subject: requestSubject(from, data, clinicDay(at, calendar)),
    practice: instance.practice,
    startedAt: instance.startedAt,
    updatedAt: instance.updatedAt,
    workflow: from.title,
    now: stepViews(from, instance.snapshot),
    ok: outcome.ok,
    after: outcome.ok
      ? outcome.landing.map((l) => ({
          step: l.step,
          fromStep: l.fromStep,
          title: titleOf(to, l.step),
          kind: l.kind,
          role: l.role ?? null,
          roleName: roleName(to, l.role),
          assigneeKept: l.kind === 'task' && l.assignee !== null && l.assignee !== undefined,
          due: l.due ?? null,
        }))
      : [],
    blockers: outcome.ok ? [] : outcome.blockers,
  };
}
