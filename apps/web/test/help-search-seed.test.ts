import { createHelpSearch } from '@portalflow/engine/text';
import { describe, expect, it } from 'vitest';
import { DEMO_HELP_ENTRIES } from '../../server/src/seed/help-content.ts';

// The demo clinic's own help, searched as the Help & FAQ page and the patients' page search it.
const entries = DEMO_HELP_ENTRIES.map((e, n) => ({ ...e, id: `e${n}`, tags: e.tags ?? [] }));
const search = createHelpSearch(entries);
const titles = (q: string) => search(q).map((m) => m.entry.title);

describe('searching the demo clinic help', () => {
  it('finds no answer for a word no answer has, next to a common word', () => {
    expect(titles('xyzzy nothing')).toEqual([]);
    expect(titles('xyzzy')).toEqual([]);
  });

  it('does not list answers only for their common words', () => {
    for (const q of ['not', 'other', 'another', 'nothing', 'the other']) expect(titles(q), q).toEqual([]);
  });

  it('finds misspelt words', () => {
    expect(titles('pasword reset')[0]).toMatch(/password/i);
    expect(titles('contrasena')).toEqual(expect.arrayContaining([expect.stringMatching(/contraseña/)]));
    expect(titles('activaton cod')[0]).toBe('My activation code expired or does not work');
  });

  it('quotes list items as a sentence in the preview', () => {
    const locked = search('passwords locked').find((m) => m.entry.title === 'My account is locked');
    expect(locked?.snippet.text).toContain('try again, or call the front desk');
    for (const m of search('password')) expect(m.snippet.text).not.toMatch(/, or;|\bor;/);
  });

  it('finds a staff job aid for what a billing specialist looks up, not only what patients are told', () => {
    const staff = (q: string) =>
      search(q)
        .filter((m) => m.entry.audience === 'staff')
        .map((m) => m.entry.title)[0];
    for (const q of ['payment plan', 'denied claim', 'guarantor', 'financial assistance', 'statement copy'])
      expect(staff(q), q).toMatch(/billing question/i);
  });
});
