import { type RoleDuties, roleDuties } from '@portalflow/engine';
import type { DefinitionCache } from '../definitions/cache.ts';

/**
 * Every role's duties in the workflows new requests can start, as the Roles pages and refreshers count
 * them: a workflow a lead retired is no one's work any more (its running requests finish, its versions
 * stay for audit), and counts again once brought back. Every role of the published workflows is listed
 * by the title it has everywhere else; one that only a retired workflow gives work keeps its page, with
 * no workflows, for the people who still hold it.
 */
export async function dutiesInUse(cache: DefinitionCache): Promise<Record<string, RoleDuties>> {
  const [latest, inUse] = await Promise.all([cache.latest(), cache.inUse()]);
  const working = roleDuties(inUse);
  return Object.fromEntries(
    Object.entries(roleDuties(latest)).map(([id, role]) => [
      id,
      { ...role, workflows: working[id]?.workflows ?? [] },
    ]),
  );
}
