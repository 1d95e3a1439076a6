import type { Client, InStatement, ResultSet, TransactionMode } from '@libsql/client';
import type { Prng } from './prng.ts';

/**
 * How the Nth write fails:
 * - `before`: the write is refused before it reaches SQLite (disk full, EIO on open);
 * - `mid-batch`: a batch runs part-way and then a statement fails, so SQLite really rolls it back;
 * - `after`: the batch commits and then an error is reported anyway (the acknowledgement is lost).
 */
export type FaultKind = 'before' | 'mid-batch' | 'after';

export interface FaultPlan {
  /** 1-based number of the write (counted from `arm`) that fails first. */
  at: number;
  /** Only that write, or that one and every write after it until `heal()`. */
  repeat: 'once' | 'from';
  kind: FaultKind;
}

export interface FaultStats {
  writes: number;
  failed: number;
  committedButFailed: number;
}

const WRITE_SQL = /^\s*(insert|update|delete|replace)\b/i;
const sqlOf = (stmt: InStatement | string) => (typeof stmt === 'string' ? stmt : stmt.sql);

export class InjectedFault extends Error {
  constructor(kind: FaultKind, n: number) {
    super(`injected I/O error (${kind}) on write ${n}`);
    this.name = 'InjectedFault';
  }
}

/**
 * A libSQL client that fails writes on a plan: write batches and single write statements are
 * counted once armed. Reads are never failed, so a failed write is always the only fault.
 */
export class FaultyClient {
  #plan: FaultPlan | null = null;
  #count = 0;
  readonly stats: FaultStats = { writes: 0, failed: 0, committedButFailed: 0 };
  readonly #rng: Prng;

  constructor(rng: Prng) {
    this.#rng = rng;
  }

  arm(plan: FaultPlan): void {
    this.#plan = plan;
    this.#count = 0;
  }

  heal(): void {
    this.#plan = null;
  }

  /** Whether this write fails under the plan (and which way). */
  #fails(): FaultKind | null {
    this.stats.writes += 1;
    if (!this.#plan) return null;
    this.#count += 1;
    const { at, repeat, kind } = this.#plan;
    if (this.#count === at || (repeat === 'from' && this.#count > at)) {
      this.stats.failed += 1;
      return kind;
    }
    return null;
  }

  wrap(client: Client): Client {
    const self = this;
    return new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === 'execute') {
          return async (stmt: InStatement | string, args?: unknown) => {
            if (WRITE_SQL.test(sqlOf(stmt))) {
              const kind = self.#fails();
              if (kind === 'before' || kind === 'mid-batch') throw new InjectedFault(kind, self.#count);
              const rs = await (target.execute as (s: unknown, a?: unknown) => Promise<ResultSet>)(
                stmt,
                args,
              );
              if (kind === 'after') {
                self.stats.committedButFailed += 1;
                throw new InjectedFault(kind, self.#count);
              }
              return rs;
            }
            return (target.execute as (s: unknown, a?: unknown) => Promise<ResultSet>)(stmt, args);
          };
        }
        if (prop === 'batch') {
          return async (stmts: InStatement[], mode?: TransactionMode) => {
            const writes =
              mode === 'write' || mode === undefined || stmts.some((s) => WRITE_SQL.test(sqlOf(s)));
            const kind = writes ? self.#fails() : null;
            if (kind === 'before') throw new InjectedFault(kind, self.#count);
            if (kind === 'mid-batch') {
              // A statement that fails when SQLite reaches it: the ones before it have run.
              const at = self.#rng.int(stmts.length + 1);
              const poisoned = [
                ...stmts.slice(0, at),
                'INSERT INTO injected_io_error VALUES (1)',
                ...stmts.slice(at),
              ];
              await target.batch(poisoned, mode);
              throw new Error('unreachable: the poisoned batch committed');
            }
            const results = await target.batch(stmts, mode);
            if (kind === 'after') {
              self.stats.committedButFailed += 1;
              throw new InjectedFault(kind, self.#count);
            }
            return results;
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}
