import { idToWords } from '@portalflow/engine';

/** Where a role's title may be known: a workflow version's roles, the clinic's role catalog. */
export type RoleNames = (id: string) => string | undefined;

/**
 * A role as people call it: the first title a source knows ("Front desk receptionist"), else its id in
 * words ("Billing specialist"). Never the id itself: auditors read titles, not "front-desk".
 */
export function roleTitle(id: string, ...sources: RoleNames[]): string {
  for (const names of sources) {
    const title = names(id);
    if (title) return title;
  }
  return idToWords(id);
}

/** The roles an access was made in (the log keeps them comma-joined), by title; "—" for none. */
export function roleTitles(joined: string | null, title: (id: string) => string): string {
  const ids = (joined ?? '').split(',').filter(Boolean);
  return ids.length ? ids.map((id) => title(id)).join(', ') : '—';
}
