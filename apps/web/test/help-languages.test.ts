import { describe, expect, it } from 'vitest';
import { firstLanguage, helpLanguages } from '../src/help/languages.ts';

const entries = [{ language: 'es' }, { language: 'en' }, { language: 'vi' }, { language: 'es' }];

describe('the help list’s languages', () => {
  it('lists each language once, English first, each named in itself', () => {
    expect(helpLanguages(entries)).toEqual([
      { value: 'en', label: 'English' },
      { value: 'es', label: 'español' },
      { value: 'vi', label: 'Tiếng Việt' },
    ]);
  });

  it('opens in the reader’s language when there are answers in it, else English, else all', () => {
    const languages = helpLanguages(entries);
    expect(firstLanguage(languages, ['es-MX', 'en'])).toBe('es');
    expect(firstLanguage(languages, ['fr-FR'])).toBe('en');
    expect(firstLanguage(helpLanguages([{ language: 'es' }]), ['fr'])).toBeNull();
  });
});
