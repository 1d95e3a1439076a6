import { listTrackingEntries, trackingSheet } from '@portalflow/contract';
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { call } from '../api/call.ts';
import { defaultPeriod } from './period.ts';
import { sheetQuery } from './sheetQuery.ts';
import type { SheetFilters } from './types.ts';

/** The sheet's filters as Tracking opens: the last 7 days, per person, everyone (or, for staff, their own). */
export const firstFilters = (): SheetFilters => ({
  ...defaultPeriod(),
  view: 'person',
  person: '',
  role: '',
});

/**
 * Numbers read a moment ago are not asked for again: the screen opening just after the menu asked
 * for them (its code came after them) shows them as they are; a change made here refreshes them.
 */
const FRESH_MS = 10_000;

export const sheetOptions = (filters: SheetFilters) =>
  queryOptions({
    queryKey: ['tracking', 'sheet', filters],
    queryFn: () => call(trackingSheet, { query: sheetQuery(filters) }),
    staleTime: FRESH_MS,
  });

export const entriesOptions = (from: string, to: string, person: string) =>
  queryOptions({
    queryKey: ['tracking', 'entries', from, to, person],
    queryFn: () => call(listTrackingEntries, { query: { from, to, ...(person ? { person } : {}) } }),
    staleTime: FRESH_MS,
  });

/**
 * Asks for the first view's numbers the moment Tracking is opened from the menu, so they come beside
 * the screen's code (its charts are a large download) instead of after it.
 */
export function askForFirstView(client: QueryClient): void {
  const filters = firstFilters();
  void client.prefetchQuery(sheetOptions(filters));
  void client.prefetchQuery(entriesOptions(filters.from, filters.to, ''));
}
