import { Worker } from 'node:worker_threads';
import { LibsqlError } from '@libsql/client';
import { type RawResult, sqliteError } from './native-client.ts';

/**
 * Marks a long read: `${SCAN}SELECT …`. On the embedded file such a statement runs on its own thread
 * and connection (`scan-thread.mjs`), so the event loop serves other requests meanwhile; every other
 * client runs it as it runs any SQL (the mark is a comment). For reads that go through many rows —
 * tallies, searches through instance data, reports — not for the one-row reads of every request,
 * which would pay a thread hop for nothing.
 */
export const SCAN = '/* scan */ ';

interface Reply {
  id: number;
  results?: RawResult[];
  error?: { name: string; message: string; code?: string; rawCode?: number; sqlite: boolean };
}

/** The scan connection's thread, started on the first long read; idle, it does not hold the process open. */
export class ScanThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve(raw: RawResult): void; reject(error: unknown): void }>();
  #next = 0;
  #exited: Error | null = null;
  readonly #stopped: Promise<void>;

  constructor(path: string, timeout: number) {
    this.#worker = new Worker(new URL('./scan-thread.mjs', import.meta.url), {
      workerData: { path, timeout },
    });
    this.#worker.unref();
    this.#stopped = new Promise((done) => this.#worker.once('exit', () => done()));
    this.#worker.on('message', (reply: Reply) => this.#settle(reply));
    const fail = (error: Error) => {
      this.#exited = error;
      for (const w of this.#waiting.values()) w.reject(error);
      this.#waiting.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', () => fail(new LibsqlError('The scan thread has stopped', 'CLIENT_CLOSED')));
  }

  #settle(reply: Reply): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) this.#worker.unref();
    const e = reply.error;
    if (!e) waiting.resolve(reply.results![0]!);
    else if (e.sqlite) waiting.reject(sqliteError(e.message, e.code, e.rawCode));
    else waiting.reject(e.name === 'RangeError' ? new RangeError(e.message) : new Error(e.message));
  }

  run(sql: string, args: unknown): Promise<RawResult> {
    if (this.#exited) return Promise.reject(this.#exited);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, sql, args });
    });
  }

  /** Reads already sent are answered first (the thread takes messages in order); resolves at its exit. */
  close(): Promise<void> {
    if (!this.#exited) {
      this.#worker.ref();
      this.#worker.postMessage({ op: 'close' });
    }
    return this.#stopped;
  }
}
