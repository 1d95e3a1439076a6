/** Shapes of the tracking API: the contract's, re-exported for this folder. */
export type {
  Cell,
  EntryChange,
  EntryKind,
  Sheet,
  SheetColumn,
  SheetTable,
  TrackingEntry,
} from '@portalflow/contract';

/** The sheet's filters as the page holds them (empty strings: no filter). */
export interface SheetFilters {
  from: string;
  to: string;
  view: 'person' | 'role';
  person: string;
  role: string;
}
