import { describe, expect, it } from 'vitest';
import { changeText } from '../src/work/TaskHistory.tsx';

/** A history change line in plain words: a task nobody held reads "nobody", not a dash. */

const roleName = (role: string | null | undefined) => ({ billing: 'Billing specialist' })[String(role)] ?? '';
const nameOf = (id: string | null | undefined) => (id === 'u-me' ? 'You' : 'Keisha Brown');
const line = (c: { field: string; from?: unknown; to?: unknown }) =>
  changeText(c as Parameters<typeof changeText>[0], nameOf, 0, roleName);

describe('a change on a history line', () => {
  it('says "nobody" for a task taken from the pool or given back to it', () => {
    expect(line({ field: 'assignee', from: null, to: 'u-me' })).toBe('Assignee: nobody → You');
    expect(line({ field: 'assignee', from: 'u-keisha', to: null })).toBe('Assignee: Keisha Brown → nobody');
  });

  it('keeps the dash for another field with nothing in it', () => {
    expect(line({ field: 'role', from: null, to: 'billing' })).toBe('Role: — → Billing specialist');
  });
});
