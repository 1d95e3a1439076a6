// Copies a database file with `VACUUM INTO` on its own thread and read-only connection: on the
// calling thread the copy held the event loop for as long as SQLite took (seconds for a large clinic),
// and with it every request. workerData: { source, target, timeout }; posts { ok: true } or { error }.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';

try {
  const db = new Database(workerData.source, { readonly: true, timeout: workerData.timeout });
  try {
    db.prepare('VACUUM INTO ?').run(workerData.target);
  } finally {
    db.close();
  }
  parentPort.postMessage({ ok: true });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
