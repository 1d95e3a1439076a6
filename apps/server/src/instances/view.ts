import type { ActiveStepView, InstanceView } from '@portalflow/contract';
import type { Definition, InstanceSnapshot } from '@portalflow/engine';
import type { Instance } from '@portalflow/store';

export type { ActiveStepView, InstanceView };

export function activeSteps(
  instanceId: string,
  definition: Definition,
  snapshot: InstanceSnapshot,
): ActiveStepView[] {
  return Object.values(snapshot.context.active)
    .map((a) => {
      const step = definition.steps[a.step];
      const role = a.role ?? null;
      const endEarlyBy = step?.type === 'wait' ? (step.endEarlyBy ?? null) : null;
      const roleName = (id: string) => definition.roles.find((r) => r.id === id)?.name ?? id;
      return {
        token: a.token,
        taskId: `${instanceId}:${a.token}`,
        step: a.step,
        title: step?.title ?? a.step,
        kind: a.kind,
        role,
        roleName: role ? roleName(role) : null,
        assignee: a.assignee ?? null,
        due: a.due ?? null,
        priority: a.priority ?? null,
        escalated: a.escalated === true,
        signal: a.signal ?? null,
        endEarlyBy,
        endEarlyByName: endEarlyBy ? roleName(endEarlyBy) : null,
      };
    })
    .sort((x, y) => Number(x.token) - Number(y.token));
}

export function instanceView(instance: Instance, definition: Definition): InstanceView {
  return {
    id: instance.id,
    definitionId: instance.definitionId,
    definitionTitle: definition.title,
    version: instance.version,
    status: instance.status,
    revision: instance.revision,
    startedAt: instance.startedAt,
    startedBy: instance.startedBy,
    updatedAt: instance.updatedAt,
    practice: instance.practice,
    data: instance.snapshot.context.data,
    active: activeSteps(instance.id, definition, instance.snapshot),
    end: instance.snapshot.end ?? null,
  };
}
