import { describe, expect, it } from 'vitest';
import { outstanding } from '../src/roles/api.ts';
import { keyed } from '../src/roles/keyed.ts';
import type { MyRefreshers } from '../src/roles/types.ts';
import { versionsSince } from '../src/roles/versionsSince.ts';

const change = (done: boolean) =>
  ({ definitionId: 'w', version: 2, role: 'r', done }) as unknown as MyRefreshers['changes'][number];
const periodic = (due: boolean) => ({ scheduleId: 's', due }) as unknown as MyRefreshers['periodic'][number];

describe('refreshers in the web app', () => {
  it('counts what is still to do: unfinished changes and periodic refreshers that are due', () => {
    expect(outstanding(undefined)).toBe(0);
    expect(
      outstanding({ changes: [change(true), change(false)], periodic: [periodic(false), periodic(true)] }),
    ).toBe(2);
    expect(outstanding({ changes: [change(true)], periodic: [] })).toBe(0);
  });

  it('names the versions a refresher takes together', () => {
    expect(versionsSince(1, 2)).toBe('version 2');
    expect(versionsSince(1, 3)).toBe('versions 2 and 3');
    expect(versionsSince(2, 6)).toBe('versions 3 to 6');
  });

  it('gives repeated lines distinct, stable keys', () => {
    expect(keyed(['a', 'b', 'a']).map((k) => k.key)).toEqual(['a#1', 'b#1', 'a#2']);
    expect(keyed(['a', 'b', 'a'])).toEqual(keyed(['a', 'b', 'a']));
  });
});
