import type { Db } from './db.ts';

interface Entry<T> {
  epoch: number;
  id: string;
  value: T;
}

/** Enough for every signed-in person and integration of a clinic; past it the least recently used goes. */
const MAX_ENTRIES = 4096;

/**
 * Sessions and API tokens already resolved, kept while `auth_epoch` (migration 19) has not moved.
 * Every change to a session, a token, an account, its roles or its second factor moves it by trigger,
 * in whichever process wrote it, so a hit costs one read of a one-row table instead of a four-table
 * join over pages the last commit left cold. Only credentials that worked are kept: a refused secret
 * is looked up every time. Keyed by the secret's hash; `id` is the session's or token's id.
 */
export class CredentialCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly keyById = new Map<string, string>();

  constructor(private readonly db: Db) {}

  /** The counter as committed now. Read before the rows it guards, so what is kept is never older. */
  async epoch(): Promise<number> {
    const rs = await this.db.client.execute('SELECT n FROM auth_epoch WHERE id = 1');
    return Number(rs.rows[0]?.n ?? -1);
  }

  get(key: string, epoch: number): T | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    this.entries.delete(key);
    if (entry.epoch !== epoch) {
      this.keyById.delete(entry.id);
      return null;
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, epoch: number, id: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { epoch, id, value });
    this.keyById.set(id, key);
    if (this.entries.size > MAX_ENTRIES) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry<T>];
      this.entries.delete(oldest);
      this.keyById.delete(entry.id);
    }
  }

  /** A use noted here (a last-seen or last-used time): no epoch moves for it, so the copy is updated. */
  update(id: string, change: (value: T) => T): void {
    const key = this.keyById.get(id);
    const entry = key === undefined ? undefined : this.entries.get(key);
    if (entry) entry.value = change(entry.value);
  }
}
