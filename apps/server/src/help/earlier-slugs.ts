import { helpSlug } from '@portalflow/engine';
import type { HelpEntry, HelpEntryChange } from '@portalflow/store';

/**
 * The addresses each answer had while published under an earlier title, from its edit history: a
 * link sent to a patient before a rename still leads to it. Titles it only had as a draft were never
 * public and are not listed.
 */
export function earlierSlugsOf(entries: HelpEntry[], changes: HelpEntryChange[]): Map<string, string[]> {
  const published = new Map<string, Set<string>>();
  const state = new Map<string, { title: unknown; status: unknown }>();
  for (const change of changes) {
    const now = { ...(state.get(change.entryId) ?? { title: null, status: null }) };
    if (change.changes.title) now.title = change.changes.title.to;
    if (change.changes.status) now.status = change.changes.status.to;
    state.set(change.entryId, now);
    if (now.status === 'published' && typeof now.title === 'string') {
      const titles = published.get(change.entryId) ?? new Set<string>();
      titles.add(now.title);
      published.set(change.entryId, titles);
    }
  }
  const result = new Map<string, string[]>();
  for (const e of entries) {
    const current = helpSlug(e.title);
    const slugs = new Set([...(published.get(e.id) ?? [])].map(helpSlug));
    slugs.delete(current);
    result.set(e.id, [...slugs]);
  }
  return result;
}
