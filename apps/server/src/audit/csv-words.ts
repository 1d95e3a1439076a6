import type { Calendar, Definition } from '@portalflow/engine';
import { zonedIso } from '@portalflow/engine/text';
import type { AppDeps } from '../deps.ts';
import type { CsvWords } from './history-csv.ts';
import { roleTitlesIn } from './role-titles.ts';

/**
 * How an instance's CSV export names people (every account, disabled ones too: they did the work),
 * roles (by the version's titles) and times (the clinic calendar's zone, UTC without one).
 */
export async function csvWords(deps: AppDeps, definition: Pick<Definition, 'roles'>): Promise<CsvWords> {
  const users = await deps.store.listUsers();
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const timeZone = (deps.calendar as Calendar | undefined)?.timeZone ?? 'UTC';
  return {
    person: (id) => names.get(id) ?? id,
    roles: roleTitlesIn(definition),
    time: (iso) => zonedIso(iso, timeZone),
  };
}
