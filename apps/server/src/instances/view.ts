import type { Definition, InstanceSnapshot } from '@portalflow/engine';
import type { Instance } from '@portalflow/store';

export interface ActiveStepView {
  token: string;
  taskId: string;
  step: string;
  title: string;
  kind: 'task' | 'wait';
  role: string | null;
  roleName: string | null;
  assignee: string | null;
  due: string | null;
  priority: string | null;
  escalated: boolean;
  signal: string | null;
}

/** What `GET /api/instances/:id` returns: state, active steps, owning roles, assignees. */
export interface InstanceView {
  id: string;
  definitionId: string;
  definitionTitle: string;
  version: number;
  status: Instance['status'];
  revision: number;
  startedAt: string;
  startedBy: string | null;
  updatedAt: string;
  practice: boolean;
  data: Record<string, unknown>;
  active: ActiveStepView[];
  end: InstanceSnapshot['end'] | null;
}

export function activeSteps(
  instanceId: string,
  definition: Definition,
  snapshot: InstanceSnapshot,
): ActiveStepView[] {
  return Object.values(snapshot.context.active)
    .map((a) => {
      const step = definition.steps[a.step];
      const role = a.role ?? null;
      return {
        token: a.token,
        taskId: `${instanceId}:${a.token}`,
        step: a.step,
        title: step?.title ?? a.step,
        kind: a.kind,
        role,
        roleName: role ? (definition.roles.find((r) => r.id === role)?.name ?? role) : null,
        assignee: a.assignee ?? null,
        due: a.due ?? null,
        priority: a.priority ?? null,
        escalated: a.escalated === true,
        signal: a.signal ?? null,
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
