import type { SheetTableId } from './tracking.ts';

/** What one CSV of the tracking sheet holds: its table, its clinic days and the filters that chose its rows. */
export interface TrackingCsvContents {
  table: SheetTableId;
  /** First and last day, `YYYY-MM-DD` on the clinic's calendar (both included). */
  from: string;
  to: string;
  view?: 'person' | 'role';
  /** The role id ("medical-assistant"): already lower case and hyphenated. */
  role?: string;
  /** The staff member's name as the sheet shows it; a patient is never a sheet's filter. */
  person?: string;
}

/** A name as it can sit in a file name: "Dana Whitfield" → "dana-whitfield". */
const slug = (words: string) =>
  words
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * The file a tracking table downloads as, saying what is in it, so two downloads never overwrite each
 * other: `tracking-tasks-2026-11-30-to-2026-12-06-medical-assistant.csv`. Server and web both name files
 * with this.
 */
export function trackingCsvName(c: TrackingCsvContents): string {
  const parts = [
    'tracking',
    c.table,
    c.from,
    'to',
    c.to,
    ...(c.view === 'role' ? ['per-role'] : []),
    ...(c.role ? [slug(c.role)] : []),
    ...(c.person ? [slug(c.person)] : []),
  ].filter((p) => p !== '');
  return `${parts.join('-')}.csv`;
}
