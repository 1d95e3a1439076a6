/**
 * A light suffix stripper for English and Spanish: enough that `resetting`, `reset` and `resets`,
 * or `activation`, `activate` and `activated`, meet at one stem. Both sides of a search go through
 * it, so the stem only has to be consistent, not a real word.
 */
const SUFFIXES = [
  'aciones',
  'ational',
  'ations',
  'ciones',
  'acion',
  'ation',
  'ating',
  'ments',
  'ement',
  'ated',
  'ment',
  'cion',
  'ings',
  'ate',
  'ing',
  'ers',
  'ed',
  'er',
  'ly',
];
const MIN_STEM = 3;

/** Stems repeat endlessly in a help library; remembering them makes indexing several times faster. */
const memo = new Map<string, string>();
const MEMO_LIMIT = 50_000;

export function stem(word: string): string {
  const known = memo.get(word);
  if (known !== undefined) return known;
  const s = strip(word);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(word, s);
  return s;
}

function strip(word: string): string {
  if (word.length <= MIN_STEM || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !w.endsWith('ss') && w.length > MIN_STEM + 1) w = w.slice(0, -1);
  for (const suffix of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= MIN_STEM) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // `resett` → `reset`, `message` → `messag` (so `messages` meets it after the plural is gone).
  if (/([^aeiouls])\1$/.test(w) && w.length > MIN_STEM) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > MIN_STEM) w = w.slice(0, -1);
  return w;
}
