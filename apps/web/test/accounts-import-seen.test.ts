import { describe, expect, it } from 'vitest';
import type { ImportRow } from '../src/accounts/api.ts';
import { seenRolesOf } from '../src/accounts/importSeen.ts';

const row = (r: Partial<ImportRow> & Pick<ImportRow, 'username' | 'action'>): ImportRow => ({
  line: 2,
  displayName: r.username,
  roles: [],
  errors: [],
  ...r,
});

describe('a staff list applied from its preview', () => {
  it("sends each listed person's roles as the preview showed them, so changes since are refused", () => {
    expect(
      seenRolesOf([
        row({
          username: 'kb',
          action: 'update',
          roles: ['front-desk'],
          current: { displayName: 'K', roles: ['lead'] },
        }),
        row({ username: 'jo', action: 'unchanged', roles: ['provider'] }),
        row({ username: 'new', action: 'create', roles: ['provider'] }),
      ]),
    ).toEqual({ kb: ['lead'], jo: ['provider'] });
  });
});
