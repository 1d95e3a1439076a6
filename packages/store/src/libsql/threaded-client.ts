import { Worker } from 'node:worker_threads';
import type {
  Client,
  InArgs,
  InStatement,
  Replicated,
  ResultSet,
  Transaction,
  TransactionMode,
} from '@libsql/client';
import { LibsqlError } from '@libsql/client';
import { BEGIN, NativeClient, type RawResult, ResultShaper, sqliteError, toArgs } from './native-client.ts';
import { SCAN, ScanThread } from './scan.ts';

/** Most SQL texts the write thread keeps by number before both sides start over. */
const TEXTS = 2048;

/** Statements that only read: answered on this thread, by its own connection. */
const READ = /^\s*select\b/i;

interface Reply {
  id: number;
  results?: RawResult[];
  /** What an operation that is not SQL answers (`listen`). */
  value?: unknown;
  error?: { name: string; message: string; code?: string; rawCode?: number; sqlite: boolean };
}

interface Waiting {
  resolve(results: RawResult[]): void;
  reject(error: unknown): void;
}

/**
 * A `Client` for an embedded file that keeps SQLite's writes off the event loop. Writes — every
 * statement that is not a SELECT, every batch — go to one connection on a worker thread, in order;
 * the fsync of a commit blocks that thread only, so HTTP, auth and JSON keep running meanwhile and
 * changes arriving during a commit gather for the next group commit. SELECTs run on a second
 * connection on this thread: in WAL mode they never wait for the writer, and a write acknowledged by
 * the worker has committed, so a read issued after it sees it.
 */
export class ThreadedClient implements Client {
  readonly protocol = 'file';
  closed = false;
  readonly #reader: NativeClient;
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  readonly #results = new ResultShaper();
  /**
   * SQL texts the thread already has, by number: a statement's text crosses to the thread once, then
   * only its number does. Group commit sends the same few statements (some of them kilobytes of
   * `VALUES` placeholders) in every batch, and copying them each time was most of the message.
   */
  readonly #texts = new Map<string, number>();
  #forget = false;
  #next = 0;
  #exited: Error | null = null;
  #stopped: Promise<void> = Promise.resolve();

  /** Long reads (`SCAN`): their own thread and connection, started on the first. */
  #scanner: ScanThread | null = null;
  readonly #path: string;
  readonly #timeout: number;

  constructor(path: string, options: { timeout: number }) {
    this.#path = path;
    this.#timeout = options.timeout;
    this.#reader = new NativeClient(path, options);
    this.#worker = new Worker(new URL('./write-thread.mjs', import.meta.url), {
      workerData: { path, timeout: options.timeout },
    });
    this.#worker.unref();
    this.#worker.on('message', (reply: Reply) => this.#settle(reply));
    const fail = (error: Error) => {
      this.#exited = error;
      for (const w of this.#waiting.values()) w.reject(error);
      this.#waiting.clear();
    };
    this.#worker.on('error', (error) => fail(error));
    this.#worker.on('exit', () => fail(new LibsqlError('The write thread has stopped', 'CLIENT_CLOSED')));
  }

  #settle(reply: Reply): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    // Idle, the thread must not keep the process alive; busy, it must (a commit is in flight).
    // Closing, it must keep it alive until it has ended (`whenClosed` waits for its exit).
    if (this.#waiting.size === 0 && !this.closed) this.#worker.unref();
    if (reply.error) {
      const e = reply.error;
      if (e.sqlite) waiting.reject(sqliteError(e.message, e.code, e.rawCode));
      else {
        const error = e.name === 'RangeError' ? new RangeError(e.message) : new Error(e.message);
        waiting.reject(error);
      }
    } else waiting.resolve((reply.value as RawResult[] | undefined) ?? reply.results ?? []);
  }

  /**
   * Before a message of `count` statements: when the texts could outgrow `TEXTS`, both sides start
   * over (the message tells the thread to forget its texts before it reads any), never mid-message.
   */
  #room(count: number): void {
    if (this.#texts.size + count <= TEXTS) return;
    this.#texts.clear();
    this.#forget = true;
  }

  /** `{ ref }` for a text the thread has, `{ ref, sql }` the first time (see `#texts`). */
  #text(sql: string): { ref: number; sql?: string } {
    const known = this.#texts.get(sql);
    if (known !== undefined) return { ref: known };
    const ref = this.#texts.size;
    this.#texts.set(sql, ref);
    return { ref, sql };
  }

  #send(message: Record<string, unknown>): Promise<RawResult[]> {
    if (this.closed) return Promise.reject(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
    if (this.#exited) return Promise.reject(this.#exited);
    const id = this.#next++;
    const forget = this.#forget;
    this.#forget = false;
    return new Promise((resolve, reject) => {
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ ...message, id, forget });
    });
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const sql = typeof stmt === 'string' ? stmt : stmt.sql;
    if (sql.startsWith(SCAN)) {
      if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
      this.#scanner ??= new ScanThread(this.#path, this.#timeout);
      const raw = await this.#scanner.run(sql, toArgs(typeof stmt === 'string' ? args : stmt.args));
      return this.#results.shape(raw);
    }
    if (READ.test(sql)) {
      if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
      return this.#reader.execute(stmt as InStatement, args);
    }
    const bound = toArgs(typeof stmt === 'string' ? args : stmt.args);
    this.#room(1);
    const [raw] = await this.#send({ op: 'execute', ...this.#text(sql), args: bound });
    return this.#results.shape(raw!);
  }

  async batch(
    stmts: Array<InStatement | [string, InArgs?]>,
    mode: TransactionMode = 'deferred',
  ): Promise<ResultSet[]> {
    this.#room(stmts.length);
    const normal = stmts.map((s) =>
      typeof s === 'string'
        ? { ...this.#text(s), args: [] }
        : Array.isArray(s)
          ? { ...this.#text(s[0]), args: toArgs(s[1]) }
          : { ...this.#text(s.sql), args: toArgs(s.args) },
    );
    const results = await this.#send({ op: 'batch', begin: BEGIN[mode], stmts: normal });
    return results.map((raw) => this.#results.shape(raw));
  }

  /**
   * Makes this thread the database file's writer: it listens on `socketPath` and runs the commit
   * batches other processes send there with its own (see forward/one-writer-client.ts). False when
   * another process already listens there.
   */
  async listen(socketPath: string): Promise<boolean> {
    return (await this.#send({ op: 'listen', path: socketPath })) as unknown as boolean;
  }

  /** The writer's orderly stop: followers are told to leave and their batches answered first. */
  async handOver(timeoutMs: number): Promise<void> {
    await this.#send({ op: 'handover', timeoutMs });
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    await this.execute('PRAGMA foreign_keys = OFF');
    try {
      return await this.batch(stmts, 'deferred');
    } finally {
      await this.execute('PRAGMA foreign_keys = ON');
    }
  }

  async transaction(): Promise<Transaction> {
    throw new LibsqlError(
      'Interactive transactions are not offered on the embedded connections; use batch()',
      'TRANSACTION_UNSUPPORTED',
    );
  }

  async executeMultiple(sql: string): Promise<void> {
    await this.#send({ op: 'exec', sql });
  }

  async sync(): Promise<Replicated> {
    throw new LibsqlError('An embedded file without a sync URL has nothing to sync', 'SYNC_NOT_SUPPORTED');
  }

  reconnect(): void {
    throw new LibsqlError('The embedded connection cannot be reopened; open a new store', 'CLIENT_CLOSED');
  }

  /** Closes both connections; writes already sent finish first (the thread takes messages in order). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#reader.close();
    const id = this.#next++;
    this.#waiting.set(id, { resolve: () => {}, reject: () => {} });
    // The thread's exit, not its answer: statements it kept close their connection as the thread ends,
    // and the last connection to close deletes the WAL by name.
    this.#stopped = this.#exited
      ? Promise.resolve()
      : new Promise((done) => this.#worker.once('exit', () => done()));
    this.#worker.ref();
    // The scan connection closes before the write connection, so that one is still the last.
    const scanned = this.#scanner?.close() ?? Promise.resolve();
    void scanned.then(() => this.#worker.postMessage({ op: 'close', id }));
  }

  /** After `close()`: resolves once the write, checkpoint and scan threads have ended, their connections closed. */
  whenClosed(): Promise<void> {
    return this.#stopped;
  }
}
