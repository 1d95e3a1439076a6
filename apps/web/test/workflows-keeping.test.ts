import { describe, expect, it } from 'vitest';
import { importCopy } from '../src/editor/importCopy.ts';
import { keepingAction } from '../src/editor/keepingAction.ts';

const row = (over: Partial<{ latestVersion: number | null; retiredAt: string | null }>) => ({
  id: 'prior-authorization',
  title: 'Prior authorization',
  latestVersion: 1,
  latestPublishedAt: '2026-12-01T10:00:00.000Z',
  revision: 3,
  updatedAt: '2026-12-01T10:00:00.000Z',
  updatedBy: null,
  retiredAt: null,
  ...over,
});

describe('what a lead can do with a workflow in the list', () => {
  it('deletes a draft never published, retires a published one, brings a retired one back', () => {
    expect(keepingAction(row({ latestVersion: null, latestPublishedAt: null } as never))).toBe('delete');
    expect(keepingAction(row({}))).toBe('retire');
    expect(keepingAction(row({ retiredAt: '2026-12-06T10:00:00.000Z' }))).toBe('bring-back');
  });
});

describe('importing a workflow that is already in the list', () => {
  it('offers a copy under another name and id, in words', () => {
    const taken = new Set(['prior-authorization', 'prior-authorization-copy']);
    const copy = importCopy({ id: 'prior-authorization', title: 'Prior authorization' }, (id) =>
      taken.has(id),
    );
    expect(copy).toEqual({ title: 'Prior authorization (copy)', id: 'prior-authorization-copy-2' });
  });
});
