import type { Definition } from '../definition.ts';
import { edgesOf } from '../graph.ts';

/**
 * The steps a parallel branch owns: everything reachable from the branch's first step without
 * passing its join. End steps stay at the top level (reaching one ends the whole instance), and a
 * nested parallel contributes only its join here: its own branches become nested regions.
 */
export function branchSteps(definition: Definition, first: string, join: string): string[] {
  const owned: string[] = [];
  const seen = new Set<string>();
  const stack = [first];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === join || seen.has(id)) continue;
    seen.add(id);
    const step = definition.steps[id];
    if (!step || step.type === 'end') continue;
    owned.push(id);
    if (step.type === 'parallel') {
      stack.push(step.join);
      continue;
    }
    for (const edge of edgesOf(id, step)) stack.push(edge.to);
  }
  return owned.reverse();
}
