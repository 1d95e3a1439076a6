import type { Client } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/index.ts';
import { tempDir } from './support/temp-db.ts';

// A token already found is answered from memory while nothing about it changed, and looked up again
// as soon as anything did, whichever connection changed it.
let tmp: Awaited<ReturnType<typeof tempDir>>;
const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  await tmp.remove();
});

/** Counts the full lookups of tokens and of sessions (joins with the account) this store runs. */
function countingLookups(): {
  lookups: () => number;
  sessionLookups: () => number;
  wrapClient: (client: Client) => Client;
} {
  let lookups = 0;
  let sessionLookups = 0;
  const counts = (statement: unknown) => {
    const sql = typeof statement === 'string' ? statement : (statement as { sql: string }).sql;
    if (sql.includes('FROM api_tokens t JOIN users u')) lookups += 1;
    if (sql.includes('FROM sessions s JOIN users u')) sessionLookups += 1;
  };
  return {
    lookups: () => lookups,
    sessionLookups: () => sessionLookups,
    wrapClient: (client) =>
      new Proxy(client, {
        get(target, key, receiver) {
          if (key === 'execute')
            return (statement: Parameters<Client['execute']>[0]) => {
              counts(statement);
              return target.execute(statement);
            };
          const value = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }),
  };
}

describe('sessions and tokens kept in memory', () => {
  it.each(['native', 'client'] as const)(
    'with the %s driver: one lookup while nothing changes, another after a revocation elsewhere',
    async (driver) => {
      tmp = await tempDir();
      const counter = countingLookups();
      const store = await openStore({ url: tmp.url(), driver, wrapClient: counter.wrapClient });
      const other = await openStore({ url: tmp.url(), driver });
      opened.push(store, other);
      const created = await store.createUser({
        username: 'integration',
        passwordHash: 'x',
        roles: ['nurse'],
      });
      if (!created.ok) throw new Error('user');
      const userId = created.user.id;
      const first = await store.createApiToken({ userId, name: 'a', expiresAt: '2999-01-01T00:00:00.000Z' });
      const second = await store.createApiToken({ userId, name: 'b', expiresAt: '2999-01-01T00:00:00.000Z' });

      for (let n = 0; n < 20; n++) expect(await store.findApiToken(first.secret)).not.toBeNull();
      expect(counter.lookups()).toBe(1);
      // Another token of the same owner is its own entry.
      expect(await store.findApiToken(second.secret)).not.toBeNull();
      expect(counter.lookups()).toBe(2);

      // Revoked through the other store: this one refuses at once, and keeps refusing.
      expect(await other.revokeApiToken(first.token.id)).toBe(true);
      expect(await store.findApiToken(first.secret)).toBeNull();
      expect(await store.findApiToken(first.secret)).toBeNull();
      // Any change moves the counter, so the token still in use is looked up once more, then kept.
      expect(await store.findApiToken(second.secret)).not.toBeNull();
      expect(await store.findApiToken(second.secret)).not.toBeNull();
      expect(counter.lookups()).toBe(5);

      // A secret that never worked is looked up each time, not kept.
      expect(await store.findApiToken('pft_not-a-token')).toBeNull();
      expect(await store.findApiToken('pft_not-a-token')).toBeNull();
      expect(counter.lookups()).toBe(7);

      // Sessions likewise: one lookup while in use, another once signed out through the other store.
      const session = await store.createSession({ userId, ttlMs: 3_600_000 });
      for (let n = 0; n < 20; n++) expect(await store.getSession(session.secret)).not.toBeNull();
      expect(counter.sessionLookups()).toBe(1);
      expect(await other.revokeSession(session.session.id)).toBe(true);
      expect(await store.getSession(session.secret)).toBeNull();
      expect(counter.sessionLookups()).toBe(2);
    },
  );
});
