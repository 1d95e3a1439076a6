import type { AccessRow } from '@portalflow/contract';
import { csvText, zonedIso } from '@portalflow/engine/text';
import { categoryWords } from './accessCategories.ts';
import { accessText, requestName } from './accessText.ts';
import { roleTitles } from './roleTitle.ts';

export type { AccessRow };

export type AccessSortKey = 'at' | 'userId' | 'role' | 'action' | 'instanceId' | 'dataCategory' | 'outcome';
export type SortDirection = 'ascending' | 'descending';
export interface AccessSort {
  key: AccessSortKey;
  direction: SortDirection;
}

/** Sorts a copy; empty values go last in either direction; ties keep the server's order (at, id). */
export function sortAccessRows(rows: readonly AccessRow[], sort: AccessSort): AccessRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row[sort.key];
      const y = b.row[sort.key];
      const xEmpty = x === null || x === undefined || x === '';
      const yEmpty = y === null || y === undefined || y === '';
      if (xEmpty || yEmpty) {
        if (xEmpty && yEmpty) return a.index - b.index;
        return xEmpty ? 1 : -1;
      }
      const c =
        sort.key === 'at'
          ? Date.parse(String(x)) - Date.parse(String(y))
          : String(x).localeCompare(String(y));
      return c !== 0 ? sign * c : a.index - b.index;
    })
    .map((x) => x.row);
}

/** Clicking a header: a new column sorts ascending; the same column flips. */
export function nextSort(current: AccessSort, key: AccessSortKey): AccessSort {
  if (current.key === key)
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: 'ascending' };
}

/** How the CSV names people and roles, and the zone its times are in (the screen's: the clinic's). */
export interface AccessCsvWords {
  /** A person's name by user id; undefined for an account the directory does not hold. */
  person: (id: string) => string | undefined;
  /** A role's title by id. */
  role: (id: string) => string;
  timeZone: string;
}

const ACCESS_CSV_HEADER = [
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

/**
 * The rows shown, as CSV a clinic opens in a spreadsheet: each row in the screen's words (who by name,
 * roles by title, what was done, the request as the sentence names it and its reference, clinic time with its offset), the
 * route next to it, the ids last for matching. It starts with a UTF-8 byte order mark: without it Excel
 * reads “ → ∅ as other characters.
 */
export function accessRowsToCsv(rows: readonly AccessRow[], words: AccessCsvWords): string {
  const lines = rows.map((row) => [
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
  ]);
  return `\uFEFF${csvText([ACCESS_CSV_HEADER, ...lines])}`;
}
