import type { Definition } from '../definition.ts';
import { type Blocker, BlockerCode } from './blockers.ts';
import type { StepMapping } from './event.ts';

/**
 * Problems with the mapping itself, whatever instances exist: an entry naming a step that A does not
 * park instances at, one naming a step B does not have, a kind change, a wait whose signal B's step
 * does not wait for. A mapping with any of these is refused before anything moves.
 */
export function checkMapping(from: Definition, to: Definition, mapping: StepMapping): Blocker[] {
  const issues: Blocker[] = [];
  for (const [id, target] of Object.entries(mapping)) {
    const source = from.steps[id];
    if (!source || (source.type !== 'task' && source.type !== 'wait')) {
      issues.push({
        code: BlockerCode.UNKNOWN_STEP,
        step: id,
        message: `Version A has no task or wait step '${id}'`,
      });
      continue;
    }
    if (target === null) continue;
    const issue = targetIssue(from, to, id, target);
    if (issue) issues.push(issue);
  }
  return issues;
}

/** What is wrong with mapping step `id` of A to `target` of B, if anything. */
export function targetIssue(from: Definition, to: Definition, id: string, target: string): Blocker | null {
  const source = from.steps[id];
  const step = to.steps[target];
  if (!source) return { code: BlockerCode.UNKNOWN_STEP, step: id, message: `Version A has no step '${id}'` };
  if (!step) {
    return {
      code: BlockerCode.TARGET_MISSING,
      step: id,
      message: `'${id}' is mapped to '${target}', which version B does not have`,
    };
  }
  if (step.type !== source.type) {
    return {
      code: BlockerCode.KIND_MISMATCH,
      step: id,
      message: `'${id}' is a ${source.type} but '${target}' in version B is a ${step.type}`,
    };
  }
  if (source.type === 'wait' && step.type === 'wait' && source.signal !== undefined) {
    if (step.signal !== source.signal) {
      return {
        code: BlockerCode.SIGNAL_MISSING,
        step: id,
        message: `'${id}' waits for signal '${source.signal}', but '${target}' in version B ${
          step.signal === undefined ? 'waits for no signal' : `waits for '${step.signal}'`
        }`,
      };
    }
  }
  return null;
}
