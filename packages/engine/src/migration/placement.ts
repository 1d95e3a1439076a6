import { branchSteps } from '../compile/regions.ts';
import type { Definition } from '../definition.ts';

/** One level of parallel nesting: the parallel step and the index of its branch (region `b<i>`). */
export interface Region {
  parallel: string;
  branch: number;
}

/**
 * Where each step lives in the compiled machine: the chain of parallel regions around it (empty at
 * the top level). Every step is also compiled at the top level, but a step a branch owns (a nested
 * parallel included) is only ever entered inside that branch, so only its branch placements count.
 */
export function placements(definition: Definition): Map<string, Region[][]> {
  const ownedByBranch = new Set<string>();
  for (const step of Object.values(definition.steps)) {
    if (step.type !== 'parallel') continue;
    for (const first of step.branches) {
      for (const id of branchSteps(definition, first, step.join)) ownedByBranch.add(id);
    }
  }
  const found = new Map<string, Region[][]>();
  const walk = (ids: readonly string[], chain: Region[]) => {
    for (const id of ids) {
      const step = definition.steps[id];
      if (!step) continue;
      const list = found.get(id) ?? [];
      list.push(chain);
      found.set(id, list);
      if (step.type === 'parallel') {
        step.branches.forEach((first, branch) => {
          walk(branchSteps(definition, first, step.join), [...chain, { parallel: id, branch }]);
        });
      }
    }
  };
  walk(
    Object.keys(definition.steps).filter((id) => !ownedByBranch.has(id)),
    [],
  );
  const result = new Map<string, Region[][]>();
  for (const id of Object.keys(definition.steps)) result.set(id, found.get(id) ?? [[]]);
  return result;
}

/** The region chain encoded in a machine path such as `release-and-review/b1/abnormal-review`. */
export function regionsOfPath(path: string): Region[] {
  const parts = path.split('/');
  const chain: Region[] = [];
  for (let i = 0; i + 2 < parts.length; i += 2) {
    chain.push({ parallel: parts[i]!, branch: Number(parts[i + 1]!.slice(1)) });
  }
  return chain;
}

export function pathOf(chain: readonly Region[], step: string): string {
  return [...chain.flatMap((r) => [r.parallel, `b${r.branch}`]), step].join('/');
}
