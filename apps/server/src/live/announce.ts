import type { AppDeps } from '../deps.ts';
import type { LiveMessage } from './hub.ts';

/**
 * Announces a change that is not an instance change (a saved draft, a published version) through the
 * change feed. It is written after the change itself: if the process dies in between, live clients
 * miss one hint and still see the change on their next read.
 */
export async function announce(deps: AppDeps, message: LiveMessage): Promise<void> {
  try {
    await deps.store.appendFeed(message, deps.clock());
    deps.live.committed();
  } catch (error) {
    deps.log(`live feed: could not announce ${message.type}: ${(error as Error).message}`);
  }
}
