/** Shapes of the tracking API (see /api/openapi.json, tag `tracking`). */
export type Cell = string | number;

export interface SheetColumn {
  key: string;
  label: string;
  numeric?: boolean;
}

export interface SheetTable {
  id: 'totals' | 'tasks' | 'enrollment' | 'declines' | 'manual';
  title: string;
  columns: SheetColumn[];
  rows: Cell[][];
}

export interface Sheet {
  period: { from: string; to: string; timeZone: string; start: string; end: string };
  asOf: string;
  scope: { view: 'person' | 'role'; userId?: string; role?: string };
  tables: SheetTable[];
  charts: {
    volume: Array<Record<string, Cell>>;
    volumeSeries: string[];
    timeToComplete: Array<{ role: string; median: number; p90: number; completed: number }>;
  };
  check: { completionEvents: number; completedTasks: number; consistent: boolean };
}

export type EntryKind = 'shift' | 'training' | 'support' | 'faq' | 'project';

export interface TrackingEntry {
  id: string;
  userId: string;
  kind: EntryKind;
  day: string;
  fields: Record<string, unknown>;
  revision: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface EntryChange {
  entryId: string;
  seq: number;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete';
  changes: Array<{ field: string; from: unknown; to: unknown }>;
  hash: string;
}

export interface SheetFilters {
  from: string;
  to: string;
  view: 'person' | 'role';
  person: string;
  role: string;
}
