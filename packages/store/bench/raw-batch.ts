// The floor under group commit: the same rows a started instance writes (instance, event with its
// SHA-256, task, timer), put straight into a migrated file with prepared statements in one
// transaction per batch — no guards, no commit tokens, no queue. What SQLite and the disk allow.
import { randomUUID } from 'node:crypto';
import { canonicalJson } from '@portalflow/engine';
import Database from 'libsql';
import { hashInput, sha256Hex } from '../src/hash.ts';
import type { InstanceChange } from '../src/index.ts';

export interface RawBatchWriter {
  /** Writes `changes` (new instances) in transactions of `perBatch`, each committed with an fsync. */
  write(changes: InstanceChange[], perBatch: number): void;
  close(): void;
}

/** A writer on `path`, a database file already migrated and holding the changes' definition version. */
export function rawBatchWriter(path: string): RawBatchWriter {
  const db = new Database(path, { timeout: 5000 });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  const instance = db.prepare(
    `INSERT INTO instances (id, definition_id, version, status, snapshot, revision, last_hash, commit_token,
       started_at, updated_at, started_by, practice) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
  );
  const event = db.prepare(
    `INSERT INTO events (instance_id, seq, at, actor, role, type, payload, prev_hash, hash)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const task = db.prepare(
    `INSERT INTO tasks (id, instance_id, definition_id, token, step, title, role, assignee, status, due, priority,
       opened_at, practice) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`,
  );
  const timer = db.prepare('INSERT INTO timers (id, instance_id, timer_id, due) VALUES (?, ?, ?, ?)');
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');

  const writeOne = (c: InstanceChange) => {
    const { instanceId: id, event: e, create } = c;
    const payload = canonicalJson(e.payload);
    const actor = e.actor ?? null;
    const role = e.role ?? null;
    const fields = { instanceId: id, seq: 1, at: e.at, actor, role, type: e.type, prevHash: e.prevHash };
    const hash = sha256Hex(hashInput(fields, payload));
    const practice = create?.practice ? 1 : 0;
    const definitionId = create!.definitionId;
    instance.run([
      id,
      definitionId,
      create!.version,
      c.snapshot.status,
      JSON.stringify(c.snapshot),
      hash,
      randomUUID(),
      e.at,
      e.at,
      create!.startedBy ?? null,
      practice,
    ]);
    event.run([id, e.at, actor, role, e.type, payload, e.prevHash, hash]);
    for (const t of c.tasks ?? []) {
      if (t.op !== 'open') continue;
      task.run([
        `${id}:${t.token}`,
        id,
        definitionId,
        t.token,
        t.step,
        t.title,
        t.role,
        t.assignee ?? null,
        t.due ?? null,
        t.priority ?? 'normal',
        t.openedAt,
        practice,
      ]);
    }
    for (const t of c.timers ?? [])
      if (t.op === 'set') timer.run([`${id}:${t.timerId}`, id, t.timerId, t.due]);
  };

  return {
    write(changes, perBatch) {
      for (let i = 0; i < changes.length; i += perBatch) {
        begin.run([]);
        for (const c of changes.slice(i, i + perBatch)) writeOne(c);
        commit.run([]);
      }
    },
    close: () => db.close(),
  };
}
