import { describe, expect, it } from 'vitest';
import { draftBadge, publishedBadge, publishedTitle } from '../src/editor/versionWords.ts';

describe('versions in words', () => {
  it('says “version 3”, never “v3”', () => {
    expect(publishedBadge(3)).toBe('Published · version 3');
    expect(draftBadge(3)).toBe('Draft · version 3 live');
    expect(draftBadge(null)).toBe('Draft');
    expect(publishedTitle(3, true)).toBe('Published as version 3');
    expect(publishedTitle(3, false)).toBe('Already published as version 3');
  });
});
