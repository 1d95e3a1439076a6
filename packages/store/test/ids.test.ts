import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { appendId } from '../src/ids.ts';

describe('appendId', () => {
  it('makes valid UUIDv7s that sort in the order they were made, thousands within a millisecond', () => {
    const ids = Array.from({ length: 20_000 }, () => appendId());
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('starts with the time it was made', () => {
    const before = Date.now();
    const id = appendId();
    const ms = Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });
});
