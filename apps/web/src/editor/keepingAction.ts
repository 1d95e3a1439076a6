import type { DefinitionSummary } from '@portalflow/contract';

/**
 * What keeping the list offers for one workflow: a draft never published is deleted (nothing ever ran
 * on it); a published one is retired, never deleted (its requests stay for audit); a retired one is
 * brought back.
 */
export type KeepingAction = 'delete' | 'retire' | 'bring-back';

export function keepingAction(workflow: DefinitionSummary): KeepingAction {
  if (workflow.retiredAt !== null) return 'bring-back';
  return workflow.latestVersion === null ? 'delete' : 'retire';
}
