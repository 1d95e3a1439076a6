/**
 * An id in plain words, for people: "needs-provider" → "Needs provider", "lastVisitDate" → "Last visit
 * date". Outcomes, roles and fields are ids in a definition; screens and reports show them so.
 */
export function idToWords(id: string): string {
  const spaced = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
  // "id" is always the abbreviation in a clinic's ids ("id-not-verified"), and reads as one.
  const words = spaced.replace(/\bid\b/g, 'ID');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
