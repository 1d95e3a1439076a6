import type { SheetFilters } from './types.ts';

/** The sheet's query: dates, view and filters only (workforce ids, never patient data). */
export function sheetQuery(f: SheetFilters): {
  from: string;
  to: string;
  view: 'person' | 'role';
  person?: string;
  role?: string;
} {
  return {
    from: f.from,
    to: f.to,
    view: f.view,
    ...(f.person ? { person: f.person } : {}),
    ...(f.role ? { role: f.role } : {}),
  };
}

const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * The last 30 days, today included: the period a sheet opens on. Not "this month so far", which on the
 * 1st showed one day and an almost empty sheet; a calendar month is one change of the From date away.
 */
export function defaultPeriod(today = new Date()): { from: string; to: string } {
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
  return { from: iso(from), to: iso(today) };
}
