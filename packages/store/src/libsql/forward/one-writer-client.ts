import { unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
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
import { Result, type RowMaker, rowMaker, toArgs } from '../native-client.ts';
import { receive, send } from './wire.ts';

/** How this process's commits reach the file. */
export type WriterRole = 'writer' | 'forwarding' | 'alone';

interface Statement {
  sql: string;
  args: unknown;
}
interface BatchMessage {
  id: number;
  mode: TransactionMode;
  stmts: Statement[];
}
interface PlainResult {
  columns: string[];
  columnTypes: string[];
  rows: unknown[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}
interface ErrorInfo {
  message: string;
  code?: string;
  extendedCode?: string;
  rawCode?: number;
  libsql: boolean;
  /** The writer was closing and did not start this batch: it changed nothing. */
  notRun?: boolean;
}
interface Reply {
  id: number;
  results?: PlainResult[];
  error?: ErrorInfo;
}
interface Waiting {
  resolve(results: ResultSet[]): void;
  reject(error: unknown): void;
  stmts: Statement[];
  mode: TransactionMode;
}

const plain = (rs: ResultSet): PlainResult => ({
  columns: rs.columns,
  columnTypes: rs.columnTypes,
  rows: rs.rows.map((row) => Array.from(row as unknown as ArrayLike<unknown>)),
  rowsAffected: rs.rowsAffected,
  lastInsertRowid: rs.lastInsertRowid,
});

const errorInfo = (error: unknown): ErrorInfo => {
  const e = error as LibsqlError & { rawCode?: number };
  return error instanceof LibsqlError
    ? { message: e.message, code: e.code, extendedCode: e.extendedCode, rawCode: e.rawCode, libsql: true }
    : { message: (error as Error)?.message ?? String(error), libsql: false };
};

/**
 * One writer per database file, for several processes on one machine. SQLite lets one connection
 * write at a time, and each process committing for itself makes every process's group commit take
 * turns at the file lock, each batch paying its own fsync while the others wait. Instead the first
 * process to open the file becomes its writer: it listens on a private Unix socket (see
 * `socket-path.ts`) and runs the commit batches other processes send it on its write thread, in the
 * order they arrive, with its own. Those processes read, and make their rare single writes, on their
 * own connections; only batches travel.
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
  readonly #path: string;
  #server: Server | null = null;
  readonly #followers = new Map<Socket, { inFlight: number }>();
  #link: Socket | null = null;
  /** A link whose writer is handing over: answers still come, new batches no longer go. */
  #draining: Socket | null = null;
  readonly #waiting = new Map<number, Waiting>();
  readonly #rowMakers = new Map<string, RowMaker>();
  #next = 0;
  #electing: Promise<void> | null = null;
  readonly counts = { forwarded: 0, served: 0, local: 0, elections: 0 };

  private constructor(local: Client, path: string) {
    this.#local = local;
    this.#path = path;
  }

  /** `local` is this process's own client (reads, single writes, and batches when no writer answers). */
  static async open(local: Client, socketPath: string): Promise<OneWriterClient> {
    const client = new OneWriterClient(local, socketPath);
    await client.#elect();
    return client;
  }

  get role(): WriterRole {
    return this.#server ? 'writer' : this.#link ? 'forwarding' : 'alone';
  }

  /** Becomes the writer, or connects to the one that is; a socket left by a stopped writer is removed. */
  #elect(): Promise<void> {
    this.#electing ??= (async () => {
      this.counts.elections++;
      for (let attempt = 0; attempt < 3 && !this.closed; attempt++) {
        if (await this.#listen()) return;
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

  #listen(): Promise<boolean> {
    return new Promise((resolve) => {
      const server = createServer((socket) => this.#serve(socket));
      server.once('error', () => resolve(false));
      server.listen(this.#path, () => {
        if (this.closed) {
          server.close();
          return resolve(true);
        }
        server.unref();
        this.#server = server;
        resolve(true);
      });
    });
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
    if (reply.error?.notRun) {
      // The writer is closing and never started it: commit it here instead.
      this.counts.local++;
      this.#local.batch(waiting.stmts as InStatement[], waiting.mode).then(waiting.resolve, waiting.reject);
    } else if (reply.error) {
      const e = reply.error;
      waiting.reject(
        e.libsql
          ? new LibsqlError(e.message, e.code ?? 'UNKNOWN', e.extendedCode, e.rawCode)
          : new Error(e.message),
      );
    } else waiting.resolve((reply.results ?? []).map((r) => this.#shape(r)));
  }

  #shape(raw: PlainResult): ResultSet {
    if (raw.columns.length === 0)
      return new Result(raw.columns, raw.columnTypes, [], raw.rowsAffected, raw.lastInsertRowid);
    const key = raw.columns.join('\u0000');
    let make = this.#rowMakers.get(key);
    if (!make) {
      make = rowMaker(raw.columns);
      if (this.#rowMakers.size > 256) this.#rowMakers.clear();
      this.#rowMakers.set(key, make);
    }
    return new Result(
      raw.columns,
      raw.columnTypes,
      raw.rows.map(make),
      raw.rowsAffected,
      raw.lastInsertRowid,
    );
  }

  /** The writer's side of one follower: its batches run here in arrival order, answered in that order. */
  #serve(socket: Socket): void {
    socket.unref();
    socket.setNoDelay(true);
    socket.on('error', () => {});
    const state = { inFlight: 0 };
    this.#followers.set(socket, state);
    socket.on('close', () => this.#followers.delete(socket));
    receive(socket, (message) => {
      const { id, mode, stmts } = message as BatchMessage;
      if (this.closed) {
        send(socket, { id, error: { message: 'the writer is closing', libsql: false, notRun: true } });
        return;
      }
      this.counts.served++;
      state.inFlight++;
      this.#local.batch(stmts as InStatement[], mode).then(
        (results) => this.#answer(socket, state, { id, results: results.map(plain) }),
        (error) => this.#answer(socket, state, { id, error: errorInfo(error) }),
      );
    });
  }

  #answer(socket: Socket, state: { inFlight: number }, reply: Reply): void {
    state.inFlight--;
    if (!socket.destroyed) send(socket, reply);
    if (this.closed && state.inFlight === 0) socket.end();
  }

  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return typeof stmt === 'string' ? this.#local.execute(stmt, args) : this.#local.execute(stmt);
  }

  async batch(
    stmts: Array<InStatement | [string, InArgs?]>,
    mode: TransactionMode = 'deferred',
  ): Promise<ResultSet[]> {
    const link = this.#link;
    if (this.closed || !link || mode === 'read') {
      if (mode !== 'read') this.counts.local++;
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
      send(link, { id, mode, stmts: normal } satisfies BatchMessage);
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
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    server.close();
    for (const socket of this.#followers.keys()) send(socket, { closing: true });
    const end = Date.now() + timeoutMs;
    while (this.#followers.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  }

  /**
   * Stops serving: no new followers, batches that arrive now are refused unrun (their senders commit
   * them themselves), those already running are answered, then each follower's connection ends and
   * they elect a new writer. Writes already sent on the local client finish first (see ThreadedClient).
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#server?.close();
    for (const [socket, state] of this.#followers) if (state.inFlight === 0) socket.end();
    this.#link?.end();
    this.#draining?.end();
    this.#local.close();
  }
}
