import { zonedIso } from '@portalflow/engine/text';
import { categoryWords } from './access-categories.ts';
import { accessText, requestName } from './access-text.ts';
import type { AccessRow } from './audit.ts';

/** How the access log's CSV names people and roles, and the zone its times are in (the clinic's). */
export interface AccessCsvWords {
  /** A person's name by user id; undefined for an account the directory does not hold. */
  person: (id: string) => string | undefined;
  /** A role's title by id. */
  role: (id: string) => string;
  timeZone: string;
}

export const ACCESS_CSV_HEADER = [
  'when',
  'who',
  'role',
  'what',
  'route',
  'request',
  'reference',
  'category',
  'outcome',
  'detail',
  'break-glass grant',
  'break-glass reason',
  'times',
  'first time',
  'entry id',
  'person id',
  'role id',
  'request id',
] as const;

/** The roles an access was made in (the log keeps them comma-joined), by title; "—" for none. */
function roleTitles(joined: string | null, title: (id: string) => string): string {
  const ids = (joined ?? '').split(',').filter(Boolean);
  return ids.length ? ids.map((id) => title(id)).join(', ') : '—';
}

/**
 * One access-log row as the cells of its CSV line, the same for the screen's rows and the server's
 * export of a whole period: in the screen's words (who by name, roles by title, what was done, the
 * request as the sentence names it and its reference, clinic time with its offset), the route next to
 * it, the ids last for matching. Written through the one CSV writer, which keeps formulas out.
 */
export function accessCsvCells(row: AccessRow, words: AccessCsvWords): unknown[] {
  return [
    zonedIso(row.at, words.timeZone),
    row.userId ? (words.person(row.userId) ?? row.userId) : 'not signed in',
    roleTitles(row.role, words.role),
    accessText(row),
    row.action,
    row.instanceId ? requestName(row) : null,
    row.reference,
    categoryWords(row.dataCategory),
    row.outcome === 'allow' ? 'allowed' : 'refused',
    row.detail,
    row.emergencyAccessId,
    row.emergencyReason,
    // A row folding repeated reads: how many, and when the first was (`when` is the last).
    row.repeats?.count ?? 1,
    row.repeats ? zonedIso(row.repeats.firstAt, words.timeZone) : null,
    row.id,
    row.userId,
    row.role,
    row.instanceId,
  ];
}
