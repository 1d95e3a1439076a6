import type { AppDeps } from '../deps.ts';
import { announce } from '../live/announce.ts';
import { earlierAddresses } from './earlier-addresses.ts';

/**
 * After any change to a clinic's help: this process forgets what it kept of the help at once, and
 * the change feed tells every other process on the database to do the same.
 */
export async function helpEdited(deps: AppDeps, clinic: string): Promise<void> {
  earlierAddresses(deps.store).forget(clinic);
  await announce(deps, { type: 'help.changed', clinic, roles: [], users: [] });
}
