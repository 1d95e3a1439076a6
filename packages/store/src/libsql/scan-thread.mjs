// Long reads of the embedded file, on their own thread and connection: the tracking sheet's tallies,
// searches through every instance's data, audit reports. On the calling thread each held the event
// loop for as long as SQLite took (up to a second on 100,000 tasks), and with it every other request.
// Messages in: { id, sql, args } (arguments already converted for binding) and { op: 'close' }.
// Messages out: { id, results: [raw result] } or { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';

const CACHE_SIZE = 128;

/** @type {import('libsql').Database | null} */
let db = null;
let openError = null;
try {
  db = new Database(workerData.path, { timeout: workerData.timeout });
  db.defaultSafeIntegers(true);
  // This connection only reads: a statement sent here by mistake cannot write.
  db.exec('PRAGMA query_only = 1');
} catch (error) {
  openError = error;
}

/** Statements kept by SQL text, least recently used dropped. */
const cache = new Map();

function prepare(sql) {
  const hit = cache.get(sql);
  if (hit) {
    cache.delete(sql);
    cache.set(sql, hit);
    return hit;
  }
  const stmt = db.prepare(sql);
  stmt.safeIntegers(true);
  if (stmt.reader) stmt.raw(true);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value);
  cache.set(sql, stmt);
  return stmt;
}

function run(sql, args) {
  if (openError) throw openError;
  const stmt = prepare(sql);
  if (!stmt.reader)
    throw Object.assign(new Error('Only reads run on the scan connection'), { name: 'TypeError' });
  const columns = stmt.columns();
  return {
    columns: columns.map((c) => c.name),
    columnTypes: columns.map((c) => c.type ?? ''),
    rows: stmt.all(args),
    rowsAffected: 0,
    lastInsertRowid: undefined,
  };
}

parentPort.on('message', (message) => {
  if (message.op === 'close') {
    try {
      cache.clear();
      if (db?.open) db.close();
    } finally {
      parentPort.close();
    }
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, results: [run(message.sql, message.args)] });
  } catch (error) {
    parentPort.postMessage({
      id: message.id,
      error: {
        name: error?.name ?? 'Error',
        message: String(error?.message ?? error),
        code: error?.code,
        rawCode: error?.rawCode,
        sqlite: error instanceof Database.SqliteError,
      },
    });
  }
});
