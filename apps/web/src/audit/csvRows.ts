/**
 * How many rows a CSV file holds after its header: its line breaks outside quoted cells (a cell may
 * hold a line break of its own), the header's not counted. What the screen says a download holds.
 */
export function csvDataRows(csv: string): number {
  let lines = 0;
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) lines++;
  }
  // A file whose last line has no line break still ends a row.
  if (csv.length > 0 && !csv.endsWith('\n')) lines++;
  return Math.max(0, lines - 1);
}
