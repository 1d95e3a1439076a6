/**
 * An id in plain words, for people: "needs-provider" → "Needs provider", "lastVisitDate" → "Last visit
 * date". Outcomes, roles and fields are ids in a definition; screens and reports show them so.
 */
export function idToWords(id: string): string {
  let words = known.get(id);
  if (words === undefined) {
    words = toWords(id);
    if (known.size > 10_000) known.clear();
    known.set(id, words);
  }
  return words;
}

// A diagram names every arrow's outcome again after each edit; the same few ids recur.
const known = new Map<string, string>();

function toWords(id: string): string {
  const spaced = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
  // "id" is always the abbreviation in a clinic's ids ("id-not-verified"), and reads as one.
  const words = spaced.replace(/\bid\b/g, 'ID');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
