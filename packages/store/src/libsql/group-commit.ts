import type { Client, InStatement, InValue, ResultSet } from '@libsql/client';
import { StoreError } from '../errors.ts';
import type { CommitStats } from '../types.ts';
import { type GuardedRow, guardedInserts, ROW_KINDS } from './guarded-rows.ts';

/** Statements that must commit together, and how to read their results back for the caller. */
export interface BatchUnit<T> {
  statements: InStatement[];
  settle(results: ResultSet[]): T;
  /**
   * A change-feed message that counts only if this unit's change won (its instance row carries
   * `token`). All of a batch's messages share one feed row written by one statement at its end.
   */
  feed?: { instanceId: string; token: string; message: string };
  /**
   * Rows to insert after `statements`, only if the instance row carries this unit's token (`guard`:
   * instance id, token). The batch writes each kind for many units with one statement.
   */
  guarded?: { guard: InValue[]; rows: GuardedRow[] };
}

/**
 * The batch's statements: each unit's own, then its guarded rows, one statement per kind for a run of
 * units. A run ends before a unit whose instance is already in it — that unit's first statement moves
 * the row to its own token, so the earlier unit's rows must be in by then. `first[i]` is the index of
 * unit i's first result.
 */
function assemble(units: BatchUnit<unknown>[]): { statements: InStatement[]; first: number[] } {
  const statements: InStatement[] = [];
  const first: number[] = [];
  let inRun = new Set<string>();
  let pending: Array<{ guard: InValue[]; rows: GuardedRow[] }> = [];
  const flush = () => {
    for (const kind of ROW_KINDS) {
      const rows: Array<{ guard: InValue[]; values: InValue[] }> = [];
      for (const unit of pending)
        for (const row of unit.rows)
          if (row.kind === kind) rows.push({ guard: unit.guard, values: row.values });
      if (rows.length > 0) for (const s of guardedInserts(kind, rows)) statements.push(s);
    }
    pending = [];
    inRun = new Set();
  };
  for (const unit of units) {
    const instance = unit.guarded?.guard[0] as string | undefined;
    if (instance !== undefined && inRun.has(instance)) flush();
    first.push(statements.length);
    for (const s of unit.statements) statements.push(s);
    if (unit.guarded && instance !== undefined) {
      inRun.add(instance);
      if (unit.guarded.rows.length > 0) pending.push(unit.guarded);
    }
  }
  flush();
  return { statements, first };
}

/**
 * One statement for a whole batch: the messages of the changes that won (their instance rows carry their
 * commit tokens) as one JSON array in one feed row; no row when none won. One statement per batch rather
 * than one per change keeps the feed nearly free on the hot path.
 */
function feedStatement(units: BatchUnit<unknown>[], at: string): InStatement | null {
  const rows: string[] = [];
  const args: InValue[] = [at];
  for (const unit of units) {
    if (!unit.feed) continue;
    rows.push('(?, ?, ?)');
    args.push(unit.feed.instanceId, unit.feed.token, unit.feed.message);
  }
  if (rows.length === 0) return null;
  return {
    sql: `INSERT INTO change_feed (at, message)
          SELECT ?, json_group_array(json(m.column3)) FROM (VALUES ${rows.join(', ')}) AS m
          JOIN instances i ON i.id = m.column1 AND i.commit_token = m.column2
          HAVING count(*) > 0`,
    args,
  };
}

interface Pending {
  unit: BatchUnit<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit. With synchronous=FULL every commit costs an fsync, so units submitted while a batch is
 * being written (or within the same turn of the event loop) share the next `batch('write')`. Units
 * must be written so a stale one changes nothing (conditional statements); each gets its own result.
 * If the batch throws, it rolled back as a whole and every unit in it is rejected.
 */
export class GroupCommit {
  readonly #client: Client;
  readonly #maxUnits: number;
  readonly #now: () => string;
  readonly #ordered: boolean;
  #pending: Pending[] = [];
  #running: Promise<void> | null = null;
  #closed = false;
  #stats: CommitStats = { batches: 0, units: 0, largestBatch: 0 };

  /**
   * `ordered`: the client runs batches strictly in the order they are sent (one connection behind a
   * queue, as the write thread is), so a second batch may be sent before the first is answered.
   */
  constructor(client: Client, maxUnits: number, now: () => string, ordered = false) {
    this.#client = client;
    this.#ordered = ordered;
    this.#maxUnits = maxUnits;
    this.#now = now;
  }

  submit<T>(unit: BatchUnit<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreError('CLOSED', 'The store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ unit, resolve: resolve as (value: unknown) => void, reject });
      // setImmediate, not a microtask: lets everything arriving in this turn of the event loop join.
      if (!this.#running) this.#running = new Promise((done) => setImmediate(() => this.#drain().then(done)));
    });
  }

  #answer(group: Pending[], results: ResultSet[], first: number[]): void {
    group.forEach((p, i) => {
      try {
        p.resolve(p.unit.settle(results.slice(first[i], first[i]! + p.unit.statements.length)));
      } catch (error) {
        p.reject(error);
      }
    });
  }

  stats(): CommitStats {
    return { ...this.#stats };
  }

  /** Stops accepting units and waits for those already queued. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    // A batch sent while the previous one is still being written (see `ordered`), answered in order.
    let previous: Promise<void> | null = null;
    while (this.#pending.length > 0) {
      const group = this.#pending.splice(0, this.#maxUnits);
      const { statements, first } = assemble(group.map((p) => p.unit));
      const feed = feedStatement(
        group.map((p) => p.unit),
        this.#now(),
      );
      if (feed) statements.push(feed);
      this.#stats.batches += 1;
      this.#stats.units += group.length;
      this.#stats.largestBatch = Math.max(this.#stats.largestBatch, group.length);
      let sent: Promise<ResultSet[]>;
      try {
        sent = this.#client.batch(statements, 'write');
      } catch (error) {
        sent = Promise.reject(error); // a wrapper that throws before returning a promise
      }
      const written = sent.then(
        (results) => this.#answer(group, results, first),
        (cause) => {
          const error = new StoreError(
            'COMMIT_FAILED',
            `A commit batch of ${group.length} change(s) failed and was rolled back: ${(cause as Error).message}`,
            { cause },
          );
          for (const p of group) p.reject(error);
        },
      );
      if (previous) await previous;
      // With a full batch already waiting, a client that writes in order may take it while this one is
      // written (its statements prepared and sent meanwhile); otherwise wait, so that changes arriving
      // during this commit gather into one next batch instead of trickling into small ones.
      if (this.#ordered && this.#pending.length >= this.#maxUnits) previous = written;
      else {
        await written;
        previous = null;
      }
      // Checked again after the last wait, and `#running` cleared in the same turn: a unit submitted
      // while that wait ended either is seen here or starts a new drain.
      if (this.#pending.length === 0 && previous) {
        await previous;
        previous = null;
      }
    }
    this.#running = null;
  }
}
