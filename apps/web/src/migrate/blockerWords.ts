import type { Blocker } from '@portalflow/engine';
import type { PlanStep } from './types.ts';

/**
 * Why a request cannot move, for the lead trying a move first. The engine's own messages name steps by
 * id and the versions "A" and "B" (they are written for logs and the API); here the step is its title
 * and the version its number, with what the lead can do about it.
 */
export function blockerWords(blocker: Blocker, from: readonly PlanStep[], toVersion: number): string {
  const title = from.find((s) => s.id === blocker.step)?.title;
  const step = title ? `“${title}”` : 'Its open step';
  switch (blocker.code) {
    case 'not-active':
      return 'The request has finished or was cancelled';
    case 'unmapped':
      return `${step} has no step to continue at in version ${toVersion}: choose one in the step mapping`;
    case 'unknown-step':
    case 'target-missing':
    case 'kind-mismatch':
    case 'signal-missing':
      return `${step} cannot continue at the step chosen for it in version ${toVersion}: choose another in the step mapping`;
    case 'parallel-mismatch':
    case 'join-never-completes':
      return `Its steps running side by side do not line up with version ${toVersion}'s: map them to steps of the same branches, or let it finish on its version`;
    case 'time-went-backwards':
      return 'It changed while the move was being tried: try it again';
    default:
      return `${step} cannot move to version ${toVersion}`;
  }
}
