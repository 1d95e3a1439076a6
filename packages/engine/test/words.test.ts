import { describe, expect, it } from 'vitest';
import { idToWords } from '../src/text/words.ts';

describe('idToWords', () => {
  it('reads kebab, snake and camel ids as a sentence', () => {
    expect(idToWords('needs-provider')).toBe('Needs provider');
    expect(idToWords('lastVisitDate')).toBe('Last visit date');
    expect(idToWords('no_device')).toBe('No device');
    expect(idToWords('')).toBe('');
  });

  it('writes the abbreviation ID in capitals, and only as a word', () => {
    expect(idToWords('id-not-verified')).toBe('ID not verified');
    expect(idToWords('photoId')).toBe('Photo ID');
    expect(idToWords('identity-checked')).toBe('Identity checked');
    expect(idToWords('paid')).toBe('Paid');
  });
});
