// The WAL checkpointer, on its own thread and connection, started by the write thread.
// SQLite's default checkpoints run inside the COMMIT that takes the WAL past 1,000 pages: that commit
// copies every page back into the database file and fsyncs it before its batch is answered. Under
// load that was about a fifth of the write thread's time, with every waiting request behind it.
// Here a PASSIVE checkpoint copies what the WAL holds while the writer goes on appending (SQLite lets
// one checkpointer run beside one writer), so commits pay only their own pages and fsync.
// Messages in: 'committed' (the WAL grew) and 'close'.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';

/** At most one checkpoint per this many ms: each costs an fsync of the database file. */
const MIN_GAP_MS = 100;

const db = new Database(workerData.path, { timeout: workerData.timeout });
// The checkpoint's own fsyncs (the WAL before copying, the database after) follow this connection's
// setting: FULL, as on every connection of the store.
db.exec('PRAGMA synchronous = FULL');

let last = 0;
let timer = null;
let closed = false;

function run() {
  timer = null;
  if (closed) return;
  last = performance.now();
  try {
    // exec, not a kept statement: a statement still alive would keep the connection open past close().
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // A checkpoint that fails (an I/O error) is tried again after the next commit; meanwhile the
    // writer's own automatic checkpoint, set far higher, keeps the WAL bounded.
  }
}

parentPort.on('message', (message) => {
  if (message === 'close') {
    closed = true;
    if (timer) clearTimeout(timer);
    db.close();
    parentPort.close();
    return;
  }
  if (timer) return; // one is already due: it will copy this commit's pages too
  const wait = last + MIN_GAP_MS - performance.now();
  timer = setTimeout(run, Math.max(0, wait));
});
