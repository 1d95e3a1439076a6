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
