import { ACCESS_CSV_HEADER, type AccessCsvWords, type AccessRow, accessCsvCells } from '@portalflow/contract';
import { csvText } from '@portalflow/engine/text';

export type { AccessCsvWords, AccessRow };

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

/**
 * The rows shown, as CSV a clinic opens in a spreadsheet, in the same columns as the server's export of
 * a whole period (`accessCsvCells`). It starts with a UTF-8 byte order mark: without it Excel reads
 * “ → ∅ as other characters.
 */
export function accessRowsToCsv(rows: readonly AccessRow[], words: AccessCsvWords): string {
  return `\uFEFF${csvText([ACCESS_CSV_HEADER, ...rows.map((row) => accessCsvCells(row, words))])}`;
}
