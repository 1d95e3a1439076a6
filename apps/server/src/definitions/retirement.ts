import type { Retirement, RunningByVersion } from '@portalflow/contract';
import { roleDuties } from '@portalflow/engine';
import type { AppDeps } from '../deps.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { announce } from '../live/announce.ts';

/** The workflow's title in the lead's words: the latest version's, else the draft's, else its id. */
async function titleOf(deps: AppDeps, definitionId: string): Promise<string> {
  const latest = await deps.store.getVersion(definitionId);
  if (latest) return latest.definition.title;
  return (await deps.store.getDraft(definitionId))?.title ?? definitionId;
}

/**
 * Leads hear of every change; the staff of the workflow's roles hear of this one too, since what they
 * may start and what their refreshers ask of them changed with it. Ids only.
 */
async function changed(deps: AppDeps, definitionId: string): Promise<void> {
  const latest = await deps.store.getVersion(definitionId);
  const roles = Object.keys(roleDuties(latest ? [latest] : []));
  await announce(deps, { type: 'definition.changed', definitionId, roles, users: [] });
}

/** Taking a workflow out of use, and bringing it back. */
export const retirement = {
  /** A draft never published: nothing ever ran on it, so it goes entirely. */
  async deleteDraft(deps: AppDeps, definitionId: string): Promise<void> {
    const title = await titleOf(deps, definitionId);
    const deleted = await deps.store.deleteDraft(definitionId);
    if (!deleted.ok && deleted.reason === 'not-found') throw notFound(`Workflow '${definitionId}'`);
    if (!deleted.ok)
      throw new ApiError(
        409,
        'DEFINITION_PUBLISHED',
        `“${title}” has been published: it cannot be deleted, since requests may have run on it and stay for audit. Retire it instead.`,
      );
    await changed(deps, definitionId);
  },

  /** No new request starts it; running ones finish on their versions. */
  async retire(deps: AppDeps, definitionId: string, by: string): Promise<Retirement> {
    const retired = await deps.store.retireDefinition({ definitionId, retiredBy: by, at: deps.clock() });
    if (!retired.ok && retired.reason === 'not-found') throw notFound(`Workflow '${definitionId}'`);
    if (!retired.ok)
      throw new ApiError(
        409,
        'NOT_PUBLISHED',
        `“${await titleOf(deps, definitionId)}” was never published: no request can start it. Delete the draft instead.`,
      );
    const running = (await deps.store.countRunning(definitionId)).reduce((n, v) => n + v.running, 0);
    await changed(deps, definitionId);
    return { definitionId, retiredAt: retired.retiredAt, retiredBy: retired.retiredBy, running };
  },

  async bringBack(deps: AppDeps, definitionId: string): Promise<boolean> {
    if (!(await deps.store.getDraft(definitionId))) throw notFound(`Workflow '${definitionId}'`);
    const broughtBack = await deps.store.bringBackDefinition(definitionId);
    if (broughtBack) await changed(deps, definitionId);
    return broughtBack;
  },

  running(deps: AppDeps, definitionId: string): Promise<RunningByVersion[]> {
    return deps.store.countRunning(definitionId);
  },
};

/** The refusal a start gets when a lead retired the workflow before the request landed. */
export const retiredRefusal = (title: string) =>
  new ApiError(
    409,
    'WORKFLOW_RETIRED',
    `“${title}” was retired by a lead: new requests no longer start it. Choose another workflow, or ask a lead to bring it back.`,
  );
