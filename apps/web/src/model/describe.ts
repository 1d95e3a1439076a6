import type { Definition, Step } from '@portalflow/engine';
import { formatDuration } from '@portalflow/engine';

/** Short text for a box, in the words staff use. */

export const roleName = (definition: Definition, roleId: string | undefined): string =>
  roleId === undefined ? 'no role' : (definition.roles.find((r) => r.id === roleId)?.name ?? roleId);

function safeDuration(iso: string, business: boolean): string {
  try {
    return formatDuration(iso, business);
  } catch {
    return iso;
  }
}

/** "2 business days → Front office supervisor", "4 h → Provider review". */
export function deadlineText(definition: Definition, step: Step): string | undefined {
  if (step.type !== 'task' && step.type !== 'wait') return undefined;
  const deadline = step.deadline;
  if (!deadline) return undefined;
  const after = safeDuration(deadline.after, deadline.calendar === 'business');
  if (deadline.escalateTo !== undefined) return `${after} → ${roleName(definition, deadline.escalateTo)}`;
  if (deadline.goTo !== undefined) return `${after} → ${stepTitle(definition, deadline.goTo)}`;
  return after;
}

export function stepTitle(definition: Definition, id: string): string {
  const step = definition.steps[id];
  if (!step) return id;
  if (step.title) return step.title;
  switch (step.type) {
    case 'decision':
      return 'Decision';
    case 'parallel':
      return 'In parallel';
    case 'wait':
      return step.signal
        ? `Wait for ${step.signal}`
        : step.for
          ? `Wait ${safeDuration(step.for, false)}`
          : 'Wait';
    case 'end':
      return step.outcome ? `End: ${step.outcome}` : 'End';
    default:
      return id;
  }
}

/** The second line of a box: a task's deadline, a wait's trigger. */
export function stepSubtitle(definition: Definition, id: string): string | undefined {
  const step = definition.steps[id];
  if (!step) return undefined;
  if (step.type === 'task') return deadlineText(definition, step);
  if (step.type === 'wait') {
    const trigger = step.signal
      ? `signal ${step.signal}`
      : step.for
        ? safeDuration(step.for, false)
        : undefined;
    const deadline = deadlineText(definition, step);
    return [trigger, deadline && `deadline ${deadline}`].filter(Boolean).join(' · ') || undefined;
  }
  if (step.type === 'end') return step.outcome;
  return undefined;
}
