import type { Definition, Step } from '../definition.ts';
import type { StepMapping } from './event.ts';

/** Steps an instance can be parked at (open tasks and waits); decisions, forks and ends never hold one. */
export function parkableSteps(definition: Definition): string[] {
  return Object.entries(definition.steps)
    .filter(([, s]) => s.type === 'task' || s.type === 'wait')
    .map(([id]) => id);
}

const titleOf = (step: Step | undefined) => (step && 'title' in step ? step.title : undefined);

/**
 * The mapping proposed for A → B: the step with the same id and kind; failing that, the one step of
 * the same kind with the same title (a renamed id); otherwise unmapped.
 */
export function proposeMapping(from: Definition, to: Definition): StepMapping {
  const mapping: StepMapping = {};
  const targets = parkableSteps(to);
  const claimed = new Set(parkableSteps(from).filter((id) => to.steps[id]?.type === from.steps[id]?.type));
  for (const id of parkableSteps(from)) {
    const step = from.steps[id]!;
    if (to.steps[id]?.type === step.type) {
      mapping[id] = id;
      continue;
    }
    const title = titleOf(step);
    const same = targets.filter(
      (t) =>
        !claimed.has(t) &&
        to.steps[t]!.type === step.type &&
        title !== undefined &&
        titleOf(to.steps[t]) === title,
    );
    mapping[id] = same.length === 1 ? same[0]! : null;
  }
  return mapping;
}
