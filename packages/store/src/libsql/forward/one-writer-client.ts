import { unlinkSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
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
import { BEGIN, type RawResult, ResultShaper, sqliteError, toArgs } from '../native-client.ts';
import type { ThreadedClient } from '../threaded-client.ts';
import { receive, send } from './wire.ts';

/** How this process's commits reach the file. */
export type WriterRole = 'writer' | 'forwarding' | 'alone';

interface Statement {
  sql: string;
  args: unknown;
}
/** A forwarded commit batch: the shape of the write thread's own `batch` message, with SQL texts. */
interface BatchMessage {
  id: number;
  op: 'batch';
  begin: string;
  stmts: Statement[];
}
/** An error as the write thread describes it (write-thread.mjs `describe`). */
interface ErrorInfo {
  name?: string;
  message: string;
  code?: string;
  rawCode?: number;
  sqlite?: boolean;
  /** The writer was closing and did not start this batch: it changed nothing. */
  notRun?: boolean;
}
interface Reply {
  id: number;
  results?: RawResult[];
  error?: ErrorInfo;
}
interface Waiting {
  resolve(results: ResultSet[]): void;
  reject(error: unknown): void;
  stmts: Statement[];
  mode: TransactionMode;
}

/**
 * One writer per database file, for several processes on one machine. SQLite lets one connection
 * write at a time, and each process committing for itself made every process's group commit take
 * turns at the file lock, each batch paying its own fsync while the others waited. Instead the first
 * process to open the file becomes its writer: its write thread listens on a private Unix socket (see
 * `socket-path.ts`, `writer-socket.mjs`) and runs the commit batches other processes send there with
 * its own, batches waiting together sharing one transaction and one fsync. The writer's event loop is
 * not on that path. Other processes read, and make their rare single writes, on their own
 * connections; only commit batches travel.
 *
 * Correctness never depends on the writer: every change is a conditional unit, so a process that
 * cannot reach a writer (none yet, or it just stopped) commits through its own connections and SQLite
 * serialises them as before. When the writer stops, the others elect a new one — the first to bind the
 * socket — and a batch in flight at that moment fails with its outcome unknown (a retry is safe: it
 * either finds the change made, or makes it).
 */
export class OneWriterClient implements Client {
  readonly protocol = 'file';
  closed = false;
  readonly #local: Client;
  readonly #thread: ThreadedClient;
  readonly #path: string;
  #writer = false;
  #link: Socket | null = null;
  /** A link whose writer is handing over: answers still come, new batches no longer go. */
  #draining: Socket | null = null;
  readonly #waiting = new Map<number, Waiting>();
  readonly #results = new ResultShaper();
  #next = 0;
  #electing: Promise<void> | null = null;
  readonly counts = { forwarded: 0, local: 0, elections: 0 };

  private constructor(local: Client, thread: ThreadedClient, path: string) {
    this.#local = local;
    this.#thread = thread;
    this.#path = path;
  }

  /**
   * `local`: this process's client (reads, single writes, and batches when no writer answers), which
   * may wrap `thread`, the write thread that listens if this process becomes the writer.
   */
  static async open(local: Client, thread: ThreadedClient, socketPath: string): Promise<OneWriterClient> {
    const client = new OneWriterClient(local, thread, socketPath);
    await client.#elect();
    return client;
  }

  get role(): WriterRole {
    return this.#writer ? 'writer' : this.#link ? 'forwarding' : 'alone';
  }

  /** Becomes the writer, or connects to the one that is; a socket left by a stopped writer is removed. */
  #elect(): Promise<void> {
    this.#electing ??= (async () => {
      this.counts.elections++;
      for (let attempt = 0; attempt < 3 && !this.closed; attempt++) {
        if (await this.#thread.listen(this.#path).catch(() => false)) {
          this.#writer = true;
          return;
        }
        if (await this.#connect()) return;
        try {
          unlinkSync(this.#path);
        } catch {
          // gone already: another process is electing too
        }
      }
    })().finally(() => {
      this.#electing = null;
    });
    return this.#electing;
  }

  #connect(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.#path);
      socket.once('error', () => resolve(false));
      socket.once('connect', () => {
        socket.removeAllListeners('error');
        if (this.closed) {
          socket.destroy();
          return resolve(true);
        }
        socket.unref();
        socket.setNoDelay(true);
        socket.on('error', () => {});
        socket.on('close', () => this.#lost(socket));
        receive(socket, (message) => this.#onMessage(socket, message as Reply | { closing: true }));
        this.#link = socket;
        resolve(true);
      });
    });
  }

  #onMessage(socket: Socket, message: Reply | { closing: true }): void {
    if ('closing' in message) {
      // The writer is stopping: send it nothing more, and leave once it has answered what it has.
      if (this.#link !== socket) return;
      this.#link = null;
      this.#draining = socket;
    } else this.#settle(message);
    if (this.#draining === socket && this.#waiting.size === 0) socket.end();
  }

  /** The writer went away: what it had not answered has an unknown outcome; elect again. */
  #lost(socket: Socket): void {
    if (this.#link !== socket && this.#draining !== socket) return;
    if (this.#link === socket) this.#link = null;
    if (this.#draining === socket) this.#draining = null;
    const unknown = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const w of unknown)
      w.reject(
        new LibsqlError(
          'The writer process stopped before confirming this commit; its outcome is unknown',
          'WRITER_GONE',
        ),
      );
    if (!this.closed) void this.#elect();
  }

  #settle(reply: Reply): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) (this.#link ?? this.#draining)?.unref();
    const e = reply.error;
    if (e?.notRun) {
      // The writer is closing and never started it: commit it here instead.
      this.counts.local++;
      this.#local.batch(waiting.stmts as InStatement[], waiting.mode).then(waiting.resolve, waiting.reject);
    } else if (e) {
      waiting.reject(
        e.sqlite
          ? sqliteError(e.message, e.code, e.rawCode)
          : e.name === 'RangeError'
            ? new RangeError(e.message)
            : new Error(e.message),
      );
    } else waiting.resolve((reply.results ?? []).map((r) => this.#results.shape(r)));
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return typeof stmt === 'string' ? this.#local.execute(stmt, args) : this.#local.execute(stmt);
  }

  async batch(
    stmts: Array<InStatement | [string, InArgs?]>,
    mode: TransactionMode = 'deferred',
  ): Promise<ResultSet[]> {
    const link = this.#link;
    // Only commit batches (`write`) travel: the writer's thread takes nothing else from a socket.
    if (this.closed || !link || mode !== 'write') {
      if (mode === 'write') this.counts.local++;
      return this.#local.batch(stmts, mode);
    }
    const normal: Statement[] = stmts.map((s) =>
      typeof s === 'string'
        ? { sql: s, args: [] }
        : Array.isArray(s)
          ? { sql: s[0], args: toArgs(s[1]) }
          : { sql: s.sql, args: toArgs(s.args) },
    );
    this.counts.forwarded++;
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      if (this.#waiting.size === 0) link.ref();
      this.#waiting.set(id, { resolve, reject, stmts: normal, mode });
      send(link, { id, begin: BEGIN.write, op: 'batch', stmts: normal } satisfies BatchMessage);
    });
  }

  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#local.migrate(stmts);
  }

  transaction(mode?: TransactionMode): Promise<Transaction> {
    return this.#local.transaction(mode);
  }

  executeMultiple(sql: string): Promise<void> {
    return this.#local.executeMultiple(sql);
  }

  sync(): Promise<Replicated> {
    return this.#local.sync();
  }

  reconnect(): void {
    this.#local.reconnect();
  }

  /**
   * The writer's orderly stop, before `close`: no new followers; those connected are told to send
   * nothing more, their batches already sent are run and answered, and once each has left (or after
   * `timeoutMs`) the socket is free for the next writer, which one of them becomes.
   */
  async handOver(timeoutMs = 2000): Promise<void> {
    if (!this.#writer) return;
    this.#writer = false;
    await this.#thread.handOver(timeoutMs).catch(() => {});
  }

  /** Ends the link to the writer (if any) and this process's connections (the thread stops listening). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#link?.end();
    this.#draining?.end();
    this.#local.close();
  }

  /** After `close()`: resolves once this process's own connections are closed. */
  whenClosed(): Promise<void> {
    return (this.#local as Partial<Pick<ThreadedClient, 'whenClosed'>>).whenClosed?.() ?? Promise.resolve();
  }
}
