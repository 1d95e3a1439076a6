// The store's write connection, on its own thread: every write statement and batch of the embedded
// file runs here, so SQLite's work and the fsync of each commit no longer hold up the event loop that
// serves HTTP. Plain JavaScript because a worker thread gets no TypeScript loader of its own.
// Messages in: { id, op: 'execute' | 'batch' | 'exec' | 'close', ref?, sql?, args?, stmts?, begin?,
// forget? }, with arguments already converted for binding. A statement (`execute`, or each of `stmts`)
// names its SQL by `ref`, with the text itself only the first time; `forget` drops every text first.
// Messages out: { id, results } or { id, error }.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import Database from 'libsql';
import { listenForFollowers } from './forward/writer-socket.mjs';

const CACHE_SIZE = 512;
const DDL = /^\s*(create|alter|drop)\b/i;

/** @type {import('libsql').Database | null} */
let db = null;
let openError = null;
try {
  db = new Database(workerData.path, { timeout: workerData.timeout });
  db.defaultSafeIntegers(true);
  // Checkpoints run on their own thread (checkpoint-thread.mjs). This connection checkpoints only if
  // that one falls far behind: past 10,000 pages (40 MB) of WAL, as a back-stop.
  db.exec('PRAGMA wal_autocheckpoint = 10000');
} catch (error) {
  openError = error;
}

/** The checkpointer, started after the first commit (the file is in WAL mode by then). */
let checkpointer = null;
let checkpointerGone = false;

function committed() {
  if (!checkpointer) {
    checkpointer = new Worker(new URL('./checkpoint-thread.mjs', import.meta.url), {
      workerData: { path: workerData.path, timeout: workerData.timeout },
    });
    checkpointer.unref();
    // Without it the writer's own automatic checkpoint still runs; nothing to report.
    checkpointer.on('error', () => {});
    checkpointer.on('exit', () => {
      checkpointerGone = true;
    });
  }
  if (!checkpointerGone) checkpointer.postMessage('committed');
}

/** @type {Map<string, { stmt: any, reader: boolean, ddl: boolean }>} */
const cache = new Map();

/** SQL texts by the number the calling thread gave them. @type {Map<number, string>} */
const texts = new Map();

/** The SQL of a statement in a message: its text, kept under its number, or the text kept before. */
function textOf(statement) {
  if (statement.sql !== undefined) {
    texts.set(statement.ref, statement.sql);
    return statement.sql;
  }
  const sql = texts.get(statement.ref);
  if (sql === undefined) throw new Error(`no SQL text number ${statement.ref}`);
  return sql;
}

function prepare(sql) {
  const hit = cache.get(sql);
  if (hit) {
    cache.delete(sql);
    cache.set(sql, hit);
    return hit;
  }
  const stmt = db.prepare(sql);
  stmt.safeIntegers(true);
  const reader = stmt.reader;
  if (reader) stmt.raw(true);
  const entry = { stmt, reader, ddl: DDL.test(sql) };
  if (entry.ddl) return entry;
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value);
  cache.set(sql, entry);
  return entry;
}

/** One statement; rows stay arrays of SQLite values (the caller shapes them). */
function run(sql, args) {
  const entry = prepare(sql);
  if (entry.reader) {
    const rows = entry.stmt.all(args);
    const columns = entry.stmt.columns();
    return {
      columns: columns.map((c) => c.name),
      columnTypes: columns.map((c) => c.type ?? ''),
      rows,
      rowsAffected: 0,
      lastInsertRowid: undefined,
    };
  }
  const info = entry.stmt.run(args);
  if (entry.ddl) cache.clear();
  return {
    columns: [],
    columnTypes: [],
    rows: [],
    rowsAffected: info.changes,
    lastInsertRowid: BigInt(info.lastInsertRowid),
  };
}

// Waiting for another connection's write lock. SQLite's own busy handler sleeps in steps that grow to
// 100 ms, so with several processes on one file a waiting writer slept on long after the lock was free:
// most of their p99. Here BEGIN IMMEDIATE fails at once when the file is locked and is retried after at
// most 2 ms, for as long as the busy timeout allows; the thread has nothing else to do meanwhile. Once
// the lock is held the usual timeout applies again (a checkpoint can still briefly make a statement wait).
const pause = new Int32Array(new SharedArrayBuffer(4));
const MAX_PAUSE_MS = 2;
let busyOff = null;
let busyOn = null;

/** SQLITE_BUSY or one of its extended codes (recovery, snapshot, timeout). */
const busy = (error) =>
  String(error?.code ?? '').startsWith('SQLITE_BUSY') || (Number(error?.rawCode) & 0xff) === 5;

function beginWrite(sql) {
  busyOff ??= db.prepare('PRAGMA busy_timeout = 0');
  busyOn ??= db.prepare(`PRAGMA busy_timeout = ${Number(workerData.timeout)}`);
  const deadline = Date.now() + workerData.timeout;
  busyOff.all([]);
  try {
    for (let wait = 0.25; ; wait = Math.min(wait * 2, MAX_PAUSE_MS)) {
      try {
        return run(sql, []);
      } catch (error) {
        if (!busy(error) || Date.now() >= deadline) throw error;
        Atomics.wait(pause, 0, 0, wait);
      }
    }
  } finally {
    busyOn.all([]);
  }
}

/** All of `stmts` or none: a failure rolls back what ran before it and is reported. */
function batch(begin, stmts) {
  if (/^BEGIN IMMEDIATE\b/i.test(begin)) beginWrite(begin);
  else run(begin, []);
  try {
    const results = stmts.map((s) => run(s.sql, s.args));
    run('COMMIT', []);
    return results;
  } catch (error) {
    // A failed COMMIT (disk full, I/O error) leaves the transaction open too: end it here.
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function describe(error) {
  return {
    name: error?.name ?? 'Error',
    message: String(error?.message ?? error),
    code: error?.code,
    rawCode: error?.rawCode,
    sqlite: error instanceof Database.SqliteError,
    // Refused before running (the store closing): the sender may commit it another way.
    notRun: error?.notRun === true,
  };
}

/** A write batch (BEGIN IMMEDIATE), which may share its transaction with the write batches queued behind it. */
const isWriteBatch = (message) => message.op === 'batch' && /^BEGIN IMMEDIATE\b/i.test(message.begin);

/**
 * Work in arrival order: this process's messages and, when this thread is the file's writer, the
 * batches its followers send (see forward/writer-socket.mjs). Taken once per turn of this thread's
 * event loop, so everything that arrived meanwhile is in one pass.
 */
const queue = [];
let scheduled = false;
const toPort = (reply) => parentPort.postMessage(reply);

function enqueue(message, answer) {
  queue.push({ message, answer });
  if (!scheduled) {
    scheduled = true;
    setImmediate(drain);
  }
}

function drain() {
  scheduled = false;
  while (queue.length > 0) {
    if (isWriteBatch(queue[0].message)) {
      const group = [];
      while (queue.length > 0 && isWriteBatch(queue[0].message)) group.push(queue.shift());
      writeGroup(group);
    } else {
      const { message, answer } = queue.shift();
      handle(message, answer);
    }
  }
}

/**
 * Write batches waiting together share one transaction and one fsync: each in its own savepoint, so
 * each is still all or nothing and its failure is its own; every answer waits for the one COMMIT.
 * Batches come from this process's group commit and, in the file's writer, from the processes that
 * forward theirs: one fsync for all of them instead of one each.
 */
function writeGroup(group) {
  // Every text is kept, in message order, before anything runs: a group that fails must not strand
  // the texts later messages name by number. (A follower's statements carry their text.)
  const prepared = group.map(({ message, answer }) => {
    try {
      if (message.forget) texts.clear();
      const stmts = message.stmts.map((s) => ({
        sql: s.ref === undefined ? s.sql : textOf(s),
        args: s.args,
      }));
      return { message, answer, stmts };
    } catch (error) {
      return { message, answer, error };
    }
  });
  const answers = [];
  try {
    if (openError) throw openError;
    if (!db.open) throw Object.assign(new Error('The store is closed'), { notRun: true });
    beginWrite('BEGIN IMMEDIATE');
    for (const { message, answer, stmts, error } of prepared) {
      if (error) {
        answers.push([answer, { id: message.id, error: describe(error) }]);
        continue;
      }
      run('SAVEPOINT batch', []);
      try {
        answers.push([answer, { id: message.id, results: stmts.map((s) => run(s.sql, s.args)) }]);
        run('RELEASE batch', []);
      } catch (failure) {
        run('ROLLBACK TO batch', []);
        run('RELEASE batch', []);
        answers.push([answer, { id: message.id, error: describe(failure) }]);
      }
    }
    run('COMMIT', []);
    committed();
  } catch (error) {
    // A failed COMMIT (disk full, I/O error) leaves the transaction open too: end it here. Nothing of
    // the group was written, so every batch in it failed.
    if (db?.open && db.inTransaction) db.exec('ROLLBACK');
    for (const { message, answer } of group) answer({ id: message.id, error: describe(error) });
    return;
  }
  for (const [answer, reply] of answers) answer(reply);
}

/** The file's writer socket, when this thread is the writer. */
let writerSocket = null;

function handle(message, answer) {
  const { id, op } = message;
  if (op === 'close') {
    const finish = () => {
      try {
        writerSocket?.close();
        if (db?.open) db.close();
      } finally {
        answer({ id, results: [] });
        parentPort.close();
      }
    };
    // The checkpointer closes its connection first, so this one, the last, leaves the file whole.
    if (checkpointer && !checkpointerGone) {
      checkpointer.once('exit', finish);
      checkpointer.postMessage('close');
    } else finish();
    return;
  }
  if (op === 'listen') {
    listenForFollowers(message.path, (batch, reply) => {
      // Only commit batches cross the socket; anything else is refused without running.
      const wellFormed =
        batch !== null &&
        typeof batch === 'object' &&
        Array.isArray(batch.stmts) &&
        typeof batch.begin === 'string';
      if (wellFormed && isWriteBatch(batch)) enqueue(batch, reply);
      else reply({ id: batch?.id, error: { message: 'only write batches are forwarded', notRun: true } });
    }).then((socket) => {
      writerSocket = socket;
      answer({ id, results: [], value: socket !== null });
    });
    return;
  }
  if (op === 'handover') {
    (writerSocket ? writerSocket.handOver(message.timeoutMs) : Promise.resolve()).then(() =>
      answer({ id, results: [] }),
    );
    return;
  }
  if (message.forget) texts.clear();
  try {
    if (openError) throw openError;
    let results;
    if (op === 'execute') results = [run(textOf(message), message.args)];
    else if (op === 'batch') {
      // Every text is kept before any statement runs: one that fails must not strand the texts after it.
      const stmts = message.stmts.map((s) => ({ sql: textOf(s), args: s.args }));
      results = batch(message.begin, stmts);
    } else if (op === 'exec') {
      try {
        db.exec(message.sql);
      } finally {
        cache.clear();
      }
      results = [];
    } else throw new Error(`unknown operation ${op}`);
    if (op !== 'execute' || results[0].columns.length === 0) committed();
    answer({ id, results });
  } catch (error) {
    answer({ id, error: describe(error) });
  }
}

parentPort.on('message', (message) => enqueue(message, toPort));
