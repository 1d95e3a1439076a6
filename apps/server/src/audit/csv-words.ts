import type { Calendar, Definition } from '@portalflow/engine';
import { zonedIso } from '@portalflow/engine/text';
import type { AppDeps } from '../deps.ts';
import { clinicClock } from './clinic-clock.ts';
import { roleTitlesIn } from './role-titles.ts';

/** How an export names people, roles and times: as the clinic does, not by id or in UTC. */
export interface CsvWords {
  /** A person's name by user id (the id itself when no account names it). */
  person: (id: string) => string;
  /** Role titles of a role id or comma-joined ids. */
  roles: (ids: string | null) => string;
  /** An ISO time as the clinic reads it: its zone, 12-hour, month first. */
  time: (iso: string) => string;
  /** An ISO time in the clinic's zone, with its offset, for machines. */
  iso: (iso: string) => string;
  /** The clinic calendar's zone (UTC without one). */
  timeZone: string;
}

/**
 * How an instance's export names people (every account, disabled ones too: they did the work),
 * roles (by the version's titles) and times (the clinic calendar's zone, UTC without one).
 */
export async function csvWords(
  deps: AppDeps,
  definition: Pick<Definition, 'roles'>,
  clinicRoles: ReadonlyMap<string, string> = new Map(),
): Promise<CsvWords> {
  const users = await deps.store.listUsers();
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const timeZone = (deps.calendar as Calendar | undefined)?.timeZone ?? 'UTC';
  // A role by the clinic's title, as staff read it on My work and the Roles page: a lane renamed in
  // one workflow ("Front desk & check-in") relabels that diagram, not the role. The version's own
  // name is for a role the clinic's list does not know.
  const versionTitles = roleTitlesIn(definition);
  const roles = (ids: string | null) =>
    (ids ?? '')
      .split(',')
      .filter(Boolean)
      .map((id) => clinicRoles.get(id) ?? versionTitles(id))
      .join(', ');
  return {
    person: (id) => names.get(id) ?? id,
    roles,
    time: (iso) => clinicClock(iso, timeZone),
    iso: (iso) => zonedIso(iso, timeZone),
    timeZone,
  };
}
