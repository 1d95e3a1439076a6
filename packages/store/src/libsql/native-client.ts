import type {
  Client,
  InArgs,
  InStatement,
  InValue,
  Replicated,
  ResultSet,
  Row,
  Transaction,
  TransactionMode,
} from '@libsql/client';
import { LibsqlError } from '@libsql/client';
import Database from 'libsql';

type Native = InstanceType<typeof Database>;
type NativeStatement = ReturnType<Native['prepare']>;
type Args = unknown[] | Record<string, unknown>;

/** Enough for every fixed statement of the store; dynamic ones (IN lists, VALUES rows) come and go. */
const CACHE_SIZE = 512;
/** A statement that may change the schema: cached statements are dropped after it, columns and all. */
const DDL = /^\s*(create|alter|drop)\b/i;

export const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN DEFERRED',
  deferred: 'BEGIN DEFERRED',
};

/** Base SQLite result codes, named as `@libsql/client` names them. */
const CODES = [
  'SQLITE_OK',
  'SQLITE_ERROR',
  'SQLITE_INTERNAL',
  'SQLITE_PERM',
  'SQLITE_ABORT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_NOMEM',
  'SQLITE_READONLY',
  'SQLITE_INTERRUPT',
  'SQLITE_IOERR',
  'SQLITE_CORRUPT',
  'SQLITE_NOTFOUND',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
  'SQLITE_EMPTY',
  'SQLITE_SCHEMA',
  'SQLITE_TOOBIG',
  'SQLITE_CONSTRAINT',
];

/** A `LibsqlError` named by the base result code, as `@libsql/client` reports SQLite's errors. */
export function sqliteError(
  message: string,
  extendedCode: string | undefined,
  raw: number | undefined,
  cause?: Error,
) {
  const code = raw === undefined ? 'SQLITE_UNKNOWN' : (CODES[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`);
  return new LibsqlError(message, code, extendedCode, raw, cause);
}

function toLibsqlError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const e = error as Error & { code?: string; rawCode?: number };
  return sqliteError(e.message, e.code, e.rawCode, e);
}

function toSql(value: InValue): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

export const NONE: never[] = [];
Object.freeze(NONE);

/** Whether a positional value binds as it is (the common case: no copy of the argument list needed). */
const plain = (v: InValue) =>
  typeof v === 'string' ||
  v === null ||
  typeof v === 'bigint' ||
  (typeof v === 'number' && Number.isFinite(v));

export function toArgs(args: InArgs | undefined): Args {
  if (args === undefined) return NONE;
  if (Array.isArray(args)) return args.every(plain) ? args : args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const name in args) {
    const bare = name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.slice(1) : name;
    named[bare] = toSql(args[name] as InValue);
  }
  return named;
}

export function fromSql(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(value);
  }
  // A Buffer from SQLite, or a Uint8Array once it has crossed from another thread.
  if (value instanceof Uint8Array)
    return value.buffer.slice(value.byteOffset, value.byteOffset + value.length);
  return value;
}

/**
 * Rows as `@libsql/client` shapes them (named columns enumerable, indexes and length not), built by a
 * class per column list: a constructor that assigns properties, not a defineProperty per value.
 */
export type RowMaker = (values: unknown[]) => Row;

export function rowMaker(columns: string[]): RowMaker {
  if (new Set(columns).size !== columns.length) {
    // A repeated name keeps its first value under the name; indexes keep every value.
    return (values) => {
      const row: Record<string | number, unknown> = {};
      Object.defineProperty(row, 'length', { value: values.length });
      values.forEach((value, i) => {
        Object.defineProperty(row, i, { value });
        if (!Object.hasOwn(row, columns[i]!))
          Object.defineProperty(row, columns[i]!, {
            value,
            enumerable: true,
            configurable: true,
            writable: true,
          });
      });
      return row as Row;
    };
  }
  const proto: Record<string | number, unknown> = {};
  columns.forEach((name, i) => {
    Object.defineProperty(proto, i, {
      get(this: Record<string, unknown>) {
        return this[name];
      },
    });
  });
  Object.defineProperty(proto, 'length', { value: columns.length });
  return (values) => {
    const row = Object.create(proto) as Record<string, unknown>;
    for (let i = 0; i < columns.length; i++) row[columns[i]!] = values[i];
    return row as Row;
  };
}

/** A result as the write thread sends it: column names and rows of SQLite values. */
export interface RawResult {
  columns: string[];
  columnTypes: string[];
  rows: unknown[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}

/**
 * Shapes the write thread's raw results as `@libsql/client` shapes results, with one row class per
 * column list (kept for the few lists a store uses; started over past 256).
 */
export class ResultShaper {
  readonly #makers = new Map<string, RowMaker>();

  shape(raw: RawResult): ResultSet {
    if (raw.columns.length === 0)
      return new Result(raw.columns, raw.columnTypes, [], raw.rowsAffected, raw.lastInsertRowid);
    const key = raw.columns.join('\u0000');
    let make = this.#makers.get(key);
    if (!make) {
      make = rowMaker(raw.columns);
      if (this.#makers.size > 256) this.#makers.clear();
      this.#makers.set(key, make);
    }
    const rows = raw.rows.map((values) => make(values.map(fromSql)));
    return new Result(raw.columns, raw.columnTypes, rows, 0, undefined);
  }
}

/** A prepared statement kept for reuse, with what is needed to shape its results. */
interface Cached {
  stmt: NativeStatement;
  reader: boolean;
  /** May change the schema: every cached statement is dropped after it runs. */
  ddl: boolean;
  columns: string[];
  columnTypes: string[];
  makeRow: RowMaker;
}

export class Result implements ResultSet {
  constructor(
    readonly columns: string[],
    readonly columnTypes: string[],
    readonly rows: Row[],
    readonly rowsAffected: number,
    readonly lastInsertRowid: bigint | undefined,
  ) {}

  toJSON() {
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) =>
        Array.prototype.map.call(row, (v) => (typeof v === 'bigint' ? `${v}` : v)),
      ),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid === undefined ? null : `${this.lastInsertRowid}`,
    };
  }
}

/**
 * A `Client` over one native libSQL connection to an embedded file, for the store's hot path:
 * statements are prepared once and reused (`@libsql/client` prepares every statement again on every
 * call), and a batch is one explicit transaction — BEGIN, the statements, COMMIT, or ROLLBACK if
 * any of them fails. Same results, rows and errors as `@libsql/client` on a `file:` URL, so the store
 * and wrappers around its client (fault injection) need not know which one they have.
 *
 * Calls run synchronously inside the returned promise, as they do in `@libsql/client`'s embedded
 * driver; there is only one connection, so an interactive transaction (which would hold it across
 * awaits) is not offered.
 */
export class NativeClient implements Client {
  readonly protocol = 'file';
  closed = false;
  readonly #db: Native;
  readonly #cache = new Map<string, Cached>();

  constructor(path: string, options: { timeout: number; readonly?: boolean }) {
    try {
      this.#db = new Database(path, { timeout: options.timeout, readonly: options.readonly === true });
      this.#db.defaultSafeIntegers(true);
    } catch (error) {
      throw toLibsqlError(error);
    }
  }

  #prepare(sql: string): Cached {
    const hit = this.#cache.get(sql);
    if (hit) {
      // Most recently used last, so eviction drops the coldest.
      this.#cache.delete(sql);
      this.#cache.set(sql, hit);
      return hit;
    }
    const stmt = this.#db.prepare(sql);
    stmt.safeIntegers(true);
    const reader = stmt.reader;
    if (reader) stmt.raw(true);
    const ddl = DDL.test(sql);
    const cached: Cached = { stmt, reader, ddl, columns: NONE, columnTypes: NONE, makeRow: rowMaker(NONE) };
    if (reader) this.#describe(cached);
    if (ddl) return cached; // never reused: the schema it sees is about to change
    if (this.#cache.size >= CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(sql, cached);
    return cached;
  }

  #describe(cached: Cached): void {
    const columns = cached.stmt.columns();
    cached.columns = columns.map((c) => c.name);
    cached.columnTypes = columns.map((c) => c.type ?? '');
    cached.makeRow = rowMaker(cached.columns);
  }

  #run(stmt: InStatement | string, args?: InArgs): ResultSet {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    const bound = toArgs(typeof stmt === 'string' ? args : stmt.args);
    try {
      const cached = this.#prepare(sql);
      if (cached.reader) {
        const raw = cached.stmt.all(bound) as unknown[][];
        // `SELECT *` widens when another connection adds a column: describe the statement again.
        if (raw.length > 0 && raw[0]!.length !== cached.columns.length) this.#describe(cached);
        const rows = raw.map((values) => cached.makeRow(values.map(fromSql)));
        return new Result(cached.columns, cached.columnTypes, rows, 0, undefined);
      }
      const info = cached.stmt.run(bound);
      if (cached.ddl) this.#cache.clear();
      return new Result(NONE, NONE, NONE, info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      throw toLibsqlError(error);
    }
  }

  #check(): void {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    this.#check();
    return this.#run(stmt, args);
  }

  async batch(
    stmts: Array<InStatement | [string, InArgs?]>,
    mode: TransactionMode = 'deferred',
  ): Promise<ResultSet[]> {
    this.#check();
    return this.#transaction(BEGIN[mode], stmts);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#check();
    this.#run('PRAGMA foreign_keys = OFF');
    try {
      return this.#transaction(BEGIN.deferred, stmts);
    } finally {
      this.#run('PRAGMA foreign_keys = ON');
    }
  }

  /** All of `stmts` or none of them: a failure rolls back what ran before it and is rethrown. */
  #transaction(begin: string, stmts: Array<InStatement | [string, InArgs?]>): ResultSet[] {
    this.#run(begin);
    try {
      const results: ResultSet[] = [];
      for (const s of stmts) results.push(Array.isArray(s) ? this.#run(s[0], s[1]) : this.#run(s));
      this.#run('COMMIT');
      return results;
    } catch (error) {
      // A failed COMMIT (disk full, I/O error) leaves the transaction open too: end it here.
      if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  async transaction(): Promise<Transaction> {
    throw new LibsqlError(
      'Interactive transactions are not offered on the single embedded connection; use batch()',
      'TRANSACTION_UNSUPPORTED',
    );
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#check();
    try {
      this.#db.exec(sql);
    } catch (error) {
      throw toLibsqlError(error);
    } finally {
      this.#cache.clear();
    }
  }

  async sync(): Promise<Replicated> {
    throw new LibsqlError('An embedded file without a sync URL has nothing to sync', 'SYNC_NOT_SUPPORTED');
  }

  reconnect(): void {
    throw new LibsqlError('The embedded connection cannot be reopened; open a new store', 'CLIENT_CLOSED');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#cache.clear();
    if (this.#db.open) this.#db.close();
  }
}
