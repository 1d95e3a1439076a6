import type { ApiToken, User } from '../records.ts';
import type { Db } from './db.ts';

/** What a token resolved to, as `findApiToken` answers. */
export interface FoundToken {
  token: ApiToken;
  user: User;
  twoFactor: boolean;
}

interface Entry {
  epoch: number;
  found: FoundToken;
}

/** Enough for every integration and script of a clinic; past it the least recently used is dropped. */
const MAX_ENTRIES = 1024;

/**
 * Tokens already resolved, kept while `auth_epoch` (migration 19) has not moved. Every change to a
 * token, an account, its roles or its second factor moves it by trigger, in whichever process wrote it,
 * so a hit costs one read of a one-row table instead of a four-table join over pages the last commit
 * left cold. Only tokens that worked are kept: a refused secret is looked up every time.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly hashById = new Map<string, string>();

  constructor(private readonly db: Db) {}

  /** The counter as committed now. Read before the rows it guards, so what is kept is never older. */
  async epoch(): Promise<number> {
    const rs = await this.db.client.execute('SELECT n FROM auth_epoch WHERE id = 1');
    return Number(rs.rows[0]?.n ?? -1);
  }

  get(hash: string, epoch: number): FoundToken | null {
    const entry = this.entries.get(hash);
    if (!entry) return null;
    this.entries.delete(hash);
    if (entry.epoch !== epoch) {
      this.hashById.delete(entry.found.token.id);
      return null;
    }
    this.entries.set(hash, entry);
    return entry.found;
  }

  set(hash: string, epoch: number, found: FoundToken): void {
    this.entries.delete(hash);
    this.entries.set(hash, { epoch, found });
    this.hashById.set(found.token.id, hash);
    if (this.entries.size > MAX_ENTRIES) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldest);
      this.hashById.delete(entry.found.token.id);
    }
  }

  /** A last-used time written here: no epoch moves for it, so the kept copy is brought up to date. */
  touched(id: string, at: string): void {
    const hash = this.hashById.get(id);
    const entry = hash === undefined ? undefined : this.entries.get(hash);
    if (entry) entry.found = { ...entry.found, token: { ...entry.found.token, lastUsedAt: at } };
  }
}
