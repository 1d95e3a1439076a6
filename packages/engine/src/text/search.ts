import { editDistance } from './distance.ts';
import { stem } from './stem.ts';
import { STOP_WORDS, tokenize } from './tokenize.ts';

/** One searchable thing: an id and its named text fields (title, body, tags…). */
export interface SearchDocument {
  id: string;
  fields: Record<string, string>;
}

/** `[start, end)` offsets into a field's text. */
export type Range = [number, number];

export interface SearchHit {
  id: string;
  score: number;
  /** Which query words this document matched (folded, as typed). */
  matched: string[];
  /** Per field, the ranges of words that matched, for `<mark>`. */
  highlights: Record<string, Range[]>;
}

export interface SearchOptions {
  limit?: number;
}

/** How a query word reached an indexed stem: exact or same stem, a prefix, or a typo. */
const EXACT = 1;
const PREFIX = 0.75;
const TYPO_1 = 0.6;
const TYPO_2 = 0.35;
const K1 = 1.2;
const B = 0.75;

/**
 * How many typos apart a query word (or its stem) is from an indexed word, when that is few enough to
 * be a typo: one from 5 letters, two from 9. Shorter words a letter apart are other words (`card`,
 * the stem of `caring`), not misspellings; only two swapped letters (`sing` for `sign`) are.
 */
function typos(word: string, key: string): number {
  if (word.length === 4 && key.length === 4) return swapped(word, key) ? 1 : Number.POSITIVE_INFINITY;
  const max = word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
  if (max === 0) return Number.POSITIVE_INFINITY;
  const d = editDistance(word, key, max);
  return d <= max ? d : Number.POSITIVE_INFINITY;
}

/** The same letters with one neighbouring pair swapped. */
function swapped(a: string, b: string): boolean {
  const at = [...a].findIndex((c, i) => c !== b[i]);
  return at >= 0 && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
}

interface Posting {
  /** Weighted term frequency over fields. */
  tf: number;
}

interface IndexedDoc {
  id: string;
  /** Per field, each indexed word's place and stem, kept from indexing so highlighting reads no text again. */
  words: Record<string, Array<{ start: number; end: number; stem: string }>>;
  length: number;
}

/**
 * A small in-memory full-text index, the same in the browser (offline staff FAQ, the patients' page)
 * and on the server: BM25 over weighted fields, with stems for word forms, prefixes for words still
 * being typed and edit distance for typos.
 */
export class SearchIndex {
  private readonly docs: IndexedDoc[] = [];
  private readonly postings = new Map<string, Map<number, Posting>>();
  /** Every surface word and stem seen, pointing to the stems it stands for. */
  private readonly vocabulary = new Map<string, Set<string>>();
  private averageLength = 1;

  constructor(
    documents: readonly SearchDocument[],
    private readonly weights: Record<string, number> = {},
  ) {
    let total = 0;
    documents.forEach((doc, n) => {
      let length = 0;
      const words: IndexedDoc['words'] = {};
      for (const [field, text] of Object.entries(doc.fields)) {
        const weight = this.weights[field] ?? 1;
        const placed: IndexedDoc['words'][string] = [];
        words[field] = placed;
        for (const t of tokenize(text)) {
          if (STOP_WORDS.has(t.word)) continue;
          const s = stem(t.word);
          placed.push({ start: t.start, end: t.end, stem: s });
          this.see(t.word, s);
          this.see(s, s);
          const byDoc = this.postings.get(s) ?? new Map<number, Posting>();
          this.postings.set(s, byDoc);
          const posting = byDoc.get(n) ?? { tf: 0 };
          posting.tf += weight;
          byDoc.set(n, posting);
          length += weight;
        }
      }
      this.docs.push({ id: doc.id, words, length });
      total += length;
    });
    this.averageLength = documents.length > 0 ? Math.max(1, total / documents.length) : 1;
  }

  private see(key: string, s: string) {
    const stems = this.vocabulary.get(key) ?? new Set<string>();
    stems.add(s);
    this.vocabulary.set(key, stems);
  }

  /** The indexed stems a query word may stand for, each with how sure the match is. */
  expand(word: string): Map<string, number> {
    const found = new Map<string, number>();
    const offer = (stems: Iterable<string> | undefined, weight: number) => {
      for (const s of stems ?? []) if ((found.get(s) ?? 0) < weight) found.set(s, weight);
    };
    const s = stem(word);
    offer(this.vocabulary.get(word), EXACT);
    offer(this.vocabulary.get(s), EXACT);
    if (found.size > 0 && word.length < 4) return found;
    // A word the help already has is spelt right: `locked` is not a typo for `looked`.
    const known = found.size > 0;
    for (const [key, stems] of this.vocabulary) {
      if (key === word || key === s) continue;
      if (word.length >= 3 && key.startsWith(word)) offer(stems, PREFIX);
      else if (!known) {
        const d = Math.min(typos(word, key), typos(s, key));
        if (d === 1) offer(stems, TYPO_1);
        else if (d === 2) offer(stems, TYPO_2);
      }
    }
    return found;
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    // Stop words are not indexed, so a query of only stop words finds nothing.
    const words = [...new Set(tokenize(query).map((t) => t.word))].filter((w) => !STOP_WORDS.has(w));
    if (words.length === 0) return [];
    const n = this.docs.length;
    const scores = new Map<number, { score: number; matched: Set<string>; stems: Set<string> }>();
    for (const word of words) {
      const perDoc = new Map<number, { score: number; stems: Set<string> }>();
      for (const [s, sureness] of this.expand(word)) {
        const byDoc = this.postings.get(s);
        if (!byDoc) continue;
        const idf = Math.log(1 + (n - byDoc.size + 0.5) / (byDoc.size + 0.5));
        for (const [doc, { tf }] of byDoc) {
          const norm = tf + K1 * (1 - B + (B * this.docs[doc]!.length) / this.averageLength);
          const value = sureness * idf * ((tf * (K1 + 1)) / norm);
          const best = perDoc.get(doc);
          if (!best) perDoc.set(doc, { score: value, stems: new Set([s]) });
          else {
            best.score = Math.max(best.score, value);
            best.stems.add(s);
          }
        }
      }
      for (const [doc, { score, stems }] of perDoc) {
        const entry = scores.get(doc) ?? { score: 0, matched: new Set<string>(), stems: new Set<string>() };
        entry.score += score;
        entry.matched.add(word);
        for (const s of stems) entry.stems.add(s);
        scores.set(doc, entry);
      }
    }
    const ranked = [...scores].map(([doc, { score, matched, stems }]) => {
      // Documents that answer every word of the question come first.
      const coverage = matched.size / words.length;
      return { doc, score: Number((score * coverage * coverage).toFixed(4)), matched, stems };
    });
    ranked.sort((a, b) => b.score - a.score || this.docs[a.doc]!.id.localeCompare(this.docs[b.doc]!.id));
    // Only the hits returned are highlighted: that is the part that re-reads their text.
    return (options.limit === undefined ? ranked : ranked.slice(0, options.limit)).map(
      ({ doc, score, matched, stems }): SearchHit => ({
        id: this.docs[doc]!.id,
        score,
        matched: [...matched],
        highlights: this.highlight(this.docs[doc]!, stems),
      }),
    );
  }

  private highlight(doc: IndexedDoc, stems: Set<string>): Record<string, Range[]> {
    const out: Record<string, Range[]> = {};
    for (const [field, words] of Object.entries(doc.words)) {
      const ranges: Range[] = [];
      for (const w of words) if (stems.has(w.stem)) ranges.push([w.start, w.end]);
      if (ranges.length > 0) out[field] = ranges;
    }
    return out;
  }
}

/** Text split at highlight ranges, for renderers that wrap the marked parts. */
export function segments(
  text: string,
  ranges: readonly Range[] = [],
): Array<{ text: string; mark: boolean }> {
  const out: Array<{ text: string; mark: boolean }> = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/** About `length` characters of `text` around its first highlight, with the ranges moved to match. */
export function snippet(
  text: string,
  ranges: readonly Range[] = [],
  length = 180,
): { text: string; ranges: Range[] } {
  if (text.length <= length) return { text, ranges: [...ranges] };
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(length / 3));
  const space = text.lastIndexOf(' ', start);
  if (start > 0 && space > start - 20) start = space + 1;
  let end = Math.min(text.length, start + length);
  const lastSpace = text.lastIndexOf(' ', end);
  if (end < text.length && lastSpace > start + length / 2) end = lastSpace;
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < text.length ? ' …' : '';
  const shift = prefix.length - start;
  return {
    text: prefix + text.slice(start, end) + suffix,
    ranges: ranges.filter(([s, e]) => s >= start && e <= end).map(([s, e]): Range => [s + shift, e + shift]),
  };
}
