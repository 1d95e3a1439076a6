import type { SheetFilters } from './types.ts';

/** The sheet's query string: dates, view and filters only (workforce ids, never patient data). */
export function sheetQuery(f: SheetFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ from: f.from, to: f.to, view: f.view });
  if (f.person) q.set('person', f.person);
  if (f.role) q.set('role', f.role);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** This month so far: the period a sheet opens on. */
export function defaultPeriod(today = new Date()): { from: string; to: string } {
  return { from: iso(new Date(today.getFullYear(), today.getMonth(), 1)), to: iso(today) };
}
