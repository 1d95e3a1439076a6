/**
 * The one CSV writer: every export (audit history, tracking sheet, access-log report) writes its cells
 * here, so they are safe to open in a spreadsheet (OWASP "CSV Injection").
 *
 * A spreadsheet runs a cell as a formula when it starts with `=`, `+`, `-` or `@` (also after spaces,
 * a tab or a carriage return, and in the full-width forms East Asian input produces). Guarding only a
 * cell's first character is not enough: where `;` is the list separator (much of Europe), a spreadsheet
 * opening the file splits `Dr Smith;=HYPERLINK(…)` at the `;` and runs the second half — quotes do not
 * stop a program that splits on another separator. So a `'` goes before every formula character that
 * starts the cell or follows any separator a spreadsheet might use (`,` `;` tab `|` line break), after
 * any spaces, quotes or line breaks; spreadsheets show such a cell as text. Cells holding a separator or
 * a quote are also quoted (RFC 4180). Numbers are data, never formulas, and are written as they are.
 */

const FORMULA = '=+\\-@\\uFF1D\\uFF0B\\uFF0D\\uFF20';
const SEPARATORS = ',;\\t|\\r\\n';
/** What may stand between a separator and a formula and still be skipped by a spreadsheet. */
const GAP = ' "\\t\\r\\n';
const UNGUARDED = new RegExp(`(^|[${SEPARATORS}])([${GAP}]*)(?=[${FORMULA}])`, 'g');
const NEEDS_QUOTES = /[",;\t|\r\n]/;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}

/** One cell: guarded against formulas, quoted when it holds a separator, a quote or a line break. */
export function csvCell(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  let guarded = text(value).replace(UNGUARDED, "$1$2'");
  // OWASP also lists a leading tab or carriage return: some programs drop it and read what follows.
  if (/^[\t\r]/.test(guarded)) guarded = `'${guarded}`;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** One line of cells, comma-separated, without its line break. */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',');
}

/** A whole file: one line per row (the header is the first row), `\n` after each. */
export function csvText(rows: readonly (readonly unknown[])[]): string {
  return rows.map((row) => `${csvLine(row)}\n`).join('');
}

const PIECE_START = new RegExp(`(?:^|[${SEPARATORS}])[${GAP}]*([${FORMULA}][^${SEPARATORS}]*)`, 'g');
const NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?"*$/;

/**
 * Whether any piece of `csv` — split at any separator a spreadsheet might use, ignoring quotes — starts
 * like a formula. Plain numbers (`-3`) are not formulas. The check the exports' tests hold them to.
 */
export function formulaStarts(csv: string): boolean {
  for (const match of csv.matchAll(PIECE_START)) {
    if (!NUMBER.test(match[1]!)) return true;
  }
  return false;
}
