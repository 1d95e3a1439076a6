import type { Definition, Step } from '../definition.ts';
import { formatDuration } from '../duration.ts';
import type { Edge } from '../graph.ts';

/** Short texts for steps and arrows, in the words staff use (the editor shows the same). */

export const roleNameIn = (definition: Definition, roleId: string | undefined): string =>
  roleId === undefined ? 'no role' : (definition.roles.find((r) => r.id === roleId)?.name ?? roleId);

export function durationText(iso: string, business = false): string {
  try {
    return formatDuration(iso, business);
  } catch {
    return iso;
  }
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
      return step.signal ? `Wait for ${step.signal}` : step.for ? `Wait ${durationText(step.for)}` : 'Wait';
    case 'end':
      return step.outcome ? `End: ${step.outcome}` : 'End';
    default:
      return id;
  }
}

/** "2 business days → Front office supervisor", "4 h → Provider review". */
export function stepDeadlineText(definition: Definition, step: Step): string | undefined {
  if (step.type !== 'task' && step.type !== 'wait') return undefined;
  const d = step.deadline;
  if (!d) return undefined;
  const after = durationText(d.after, d.calendar === 'business');
  if (d.escalateTo !== undefined) return `${after} → ${roleNameIn(definition, d.escalateTo)}`;
  if (d.goTo !== undefined) return `${after} → ${stepTitle(definition, d.goTo)}`;
  return after;
}

export function edgeText(edge: Edge): string {
  switch (edge.kind) {
    case 'branch':
      return edge.label || '(no condition)';
    case 'next':
      return /^P/.test(edge.label) ? `after ${durationText(edge.label)}` : edge.label;
    case 'deadline':
      return `late: ${durationText(edge.label.replace(/^after /, ''))}`;
    default:
      return edge.label;
  }
}
