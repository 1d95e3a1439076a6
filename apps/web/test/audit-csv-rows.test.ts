import { describe, expect, it } from 'vitest';
import { csvDataRows } from '../src/audit/csvRows.ts';

describe('the rows a downloaded CSV holds', () => {
  it('counts the lines after the header, a line break inside a quoted cell not ending a row', () => {
    expect(csvDataRows('a,b\n')).toBe(0);
    expect(csvDataRows('a,b\n1,2\n3,4\n')).toBe(2);
    expect(csvDataRows('a,b\n"one\ntwo ""quoted""",2\n3,4')).toBe(2);
    expect(csvDataRows('')).toBe(0);
  });
});
