import { plainText } from './markup.ts';
import { type Range, SearchIndex, snippet } from './search.ts';

/** What a help entry needs to be searchable: the server's records and the web app's views both fit. */
export interface Searchable {
  id: string;
  title: string;
  body: string;
  category: string;
  tags: readonly string[];
  /** What the entry's videos say (caption text), searchable like the body. */
  captions?: string;
}

export interface HelpMatch<T> {
  entry: T;
  score: number;
  /** Matched words in the title. */
  title: Range[];
  /** A short plain-text passage of the body (or, when only they match, the captions) around the first match. */
  snippet: { text: string; ranges: Range[] };
}

/** Title words count most, then tags, then the category, then the body, then what the video says. */
export const HELP_FIELD_WEIGHTS = { title: 3, tags: 2, category: 1.5, body: 1, captions: 0.8 };

/**
 * An index over help entries, built once, that ranks them for any query — the same way on the server
 * and in the browser (offline too). Build it when the entries change, not on every keystroke.
 */
export function createHelpSearch<T extends Searchable>(
  entries: readonly T[],
): (query: string, limit?: number) => Array<HelpMatch<T>> {
  const bodies = new Map(entries.map((e) => [e.id, plainText(e.body)]));
  const index = new SearchIndex(
    entries.map((e) => ({
      id: e.id,
      fields: {
        title: e.title,
        tags: e.tags.join(' '),
        category: e.category,
        body: bodies.get(e.id)!,
        captions: e.captions ?? '',
      },
    })),
    HELP_FIELD_WEIGHTS,
  );
  const byId = new Map(entries.map((e) => [e.id, e]));
  return (query, limit = 50) =>
    index.search(query, { limit }).map((hit) => ({
      entry: byId.get(hit.id)!,
      score: hit.score,
      title: hit.highlights.title ?? [],
      snippet:
        !hit.highlights.body?.length && hit.highlights.captions?.length
          ? snippet(byId.get(hit.id)!.captions ?? '', hit.highlights.captions)
          : snippet(bodies.get(hit.id)!, hit.highlights.body ?? []),
    }));
}

/** Ranks help entries for one query (builds the index, then searches it). */
export function searchHelp<T extends Searchable>(
  entries: readonly T[],
  query: string,
  limit = 50,
): Array<HelpMatch<T>> {
  return createHelpSearch(entries)(query, limit);
}
