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

/** This month so far: the period a sheet opens on. */
export function defaultPeriod(today = new Date()): { from: string; to: string } {
  return { from: iso(new Date(today.getFullYear(), today.getMonth(), 1)), to: iso(today) };
}
