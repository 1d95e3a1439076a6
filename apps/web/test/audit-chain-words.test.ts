import { describe, expect, it } from 'vitest';
import { faultWords, intactWords } from '../src/audit/chainWords.ts';

/** The verify badge's explanation, in the words of someone who audits, not someone who hashes. */
describe('a history’s check in words', () => {
  it('says an intact history was not changed, removed or reordered since it was recorded', () => {
    const words = intactWords(3, 'a'.repeat(64));
    expect(words).toMatch(/^None of these 3 events has been changed, removed or reordered since/);
    expect(words).toContain('aaaaaaaaaaaa…');
    expect(intactWords(1, 'b'.repeat(64))).toMatch(/^This event has not been changed/);
  });

  it('says what each fault means for the history, its code beside it', () => {
    expect(faultWords('hash-mismatch')).toBe('an event was changed after it was recorded (hash-mismatch)');
    expect(faultWords('broken-link')).toMatch(/^an event was removed, added or put out of order/);
    expect(faultWords('sequence-gap')).toMatch(/^an event is missing/);
    expect(faultWords('head-mismatch')).toMatch(/^the latest events were removed or replaced/);
    expect(faultWords('wrong-instance')).toMatch(/^an event of another request/);
    expect(faultWords('not-found')).toMatch(/^the history was not found/);
  });
});
