import { eventFrame, type Frame, HEARTBEAT } from './frame.ts';

/**
 * Live updates: what changed, never patient data — ids, roles, status. Clients re-read what they
 * are allowed to see. Messages travel through the store's change feed (written in the same batch as
 * the change), and every process's feed tail hands them to its hub, which writes them to that
 * process's SSE connections: a client hears about a change whichever process made it.
 */
export type LiveMessage =
  | {
      type: 'instance.changed';
      instanceId: string;
      definitionId: string;
      status: string;
      revision: number;
      /** Roles whose queues may have changed. */
      roles: string[];
      /** Users whose own tasks may have changed. */
      users: string[];
      practice: boolean;
    }
  | { type: 'notification'; roles: string[]; users: string[] }
  | { type: 'definition.changed'; definitionId: string; roles: string[]; users: string[] }
  /** The clinic hours were saved: every process reloads them; leads' screens re-read `/api/config`. */
  | { type: 'clinic.changed'; roles: string[]; users: string[] }
  /** An account was made or changed (`people-changed.ts`): screens showing that person re-read the directory. */
  | { type: 'people.changed'; userId: string; roles: string[]; users: string[] }
  /**
   * A person's sessions or tokens ended (signed out, signed out everywhere, their account disabled,
   * new roles, a new password, a token revoked: `access-ended.ts`): every process re-checks that
   * person's streams now, not at its next periodic check. Between processes only: never written to a
   * client.
   */
  | { type: 'access.ended'; userId: string; roles: string[]; users: string[] }
  /**
   * A clinic's help was edited: every process forgets what it kept of that help (the public help's
   * earlier addresses, `help/earlier-addresses.ts`). Between processes only: never written to a client.
   */
  | { type: 'help.changed'; clinic: string; roles: string[]; users: string[] };

type BetweenProcesses = Extract<LiveMessage, { type: 'access.ended' | 'help.changed' }>;

/** Messages the processes tell each other, that no client hears. */
const betweenProcesses = (message: LiveMessage): message is BetweenProcesses =>
  message.type === 'access.ended' || message.type === 'help.changed';

/** A change-feed row as read back: the messages of the changes one group-commit batch committed. */
export interface FeedRow {
  id: number;
  messages: LiveMessage[];
}

/** Who a connection listens for, worked out once when it connects. */
export interface Audience {
  /** Leads and auditors hear about everything. */
  everything: boolean;
  roles: readonly string[];
  userId: string;
}

/** Where a connection's frames go. `false` from `write` means the client fell too far behind. */
export interface LiveSink {
  write(frame: Frame): boolean;
  close(): void;
}

export interface Subscription {
  /** Delivers frames held back while the connection caught up from the feed, then goes live. */
  release(): void;
  /** Ignores feed rows up to this id (the client already has them). */
  skipThrough(id: number): void;
  close(): void;
}

const HEARTBEAT_MS = 25_000;

export function concerns(audience: Audience, message: LiveMessage): boolean {
  if (betweenProcesses(message)) return false;
  if (audience.everything) return true;
  return message.users.includes(audience.userId) || message.roles.some((r) => audience.roles.includes(r));
}

/**
 * The SSE id of message `index` of a feed row: the row id for its last message, `row.index` before
 * that — so the id a client last saw says how far into a row it got.
 */
export function eventId(row: FeedRow, index: number): string {
  return index === row.messages.length - 1 ? String(row.id) : `${row.id}.${index}`;
}

/** One SSE frame, serialised once for every connection that gets it. Roles and users stay server-side. */
export function sseFrame(row: FeedRow, index: number): Frame {
  const message = row.messages[index]!;
  const { roles: _r, users: _u, ...data } = message;
  return eventFrame(message.type, data, eventId(row, index));
}

class Subscriber implements Subscription {
  /** Delivery round in which this subscriber was last collected (dedupes role/user overlaps). */
  round = 0;
  out: Frame[] = [];
  held: Frame[] | null = [];
  after = 0;

  constructor(
    readonly audience: Audience,
    readonly sink: LiveSink,
    private readonly hub: LiveHub,
  ) {}

  send(frames: Frame[]): void {
    if (this.held) {
      this.held.push(...frames);
      return;
    }
    for (const frame of frames) {
      if (!this.sink.write(frame)) {
        // A client this far behind reconnects and resumes from its Last-Event-ID.
        this.close();
        this.sink.close();
        return;
      }
    }
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    if (held.length > 0) this.send(held);
  }

  skipThrough(id: number): void {
    this.after = Math.max(this.after, id);
  }

  close(): void {
    this.hub.remove(this);
  }
}

/**
 * The connections of one process, indexed by role and user so a message touches only the connections
 * it concerns. A message is serialised once; one shared heartbeat keeps idle connections open.
 */
export class LiveHub {
  readonly #everyone = new Set<Subscriber>();
  readonly #byRole = new Map<string, Set<Subscriber>>();
  readonly #byUser = new Map<string, Set<Subscriber>>();
  #count = 0;
  #round = 0;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #onCommit: (() => void) | undefined;
  readonly #onAccessEnded = new Set<(userId: string) => void>();
  /** The last feed id handed to the connections. */
  cursor = 0;

  /** Starts listening; frames are held until `release()` (after any catch-up from the feed). */
  subscribe(audience: Audience, sink: LiveSink): Subscription {
    const s = new Subscriber(audience, sink, this);
    if (audience.everything) this.#everyone.add(s);
    else {
      for (const role of new Set(audience.roles)) add(this.#byRole, role, s);
      add(this.#byUser, audience.userId, s);
    }
    this.#count++;
    this.#heartbeat ??= setInterval(() => this.#beat(), HEARTBEAT_MS);
    this.#heartbeat.unref?.();
    return s;
  }

  /** @internal */
  remove(s: Subscriber): void {
    const removed = s.audience.everything
      ? this.#everyone.delete(s)
      : drop(this.#byUser, s.audience.userId, s) | dropAll(this.#byRole, s.audience.roles, s);
    if (!removed) return;
    this.#count--;
    if (this.#count === 0 && this.#heartbeat) {
      clearInterval(this.#heartbeat);
      this.#heartbeat = undefined;
    }
  }

  /** Writes feed rows (in id order) to every connection they concern; rows already seen are skipped. */
  deliver(rows: readonly FeedRow[]): void {
    const touched: Subscriber[] = [];
    for (const row of rows) {
      if (row.id <= this.cursor) continue;
      this.cursor = row.id;
      if (this.#count === 0) continue;
      row.messages.forEach((message, index) => {
        if (betweenProcesses(message)) {
          if (message.type === 'access.ended')
            for (const listener of this.#onAccessEnded) listener(message.userId);
          return;
        }
        const round = ++this.#round;
        let frame: Frame | undefined;
        const visit = (s: Subscriber) => {
          if (s.round === round || s.after >= row.id) return;
          s.round = round;
          frame ??= sseFrame(row, index);
          if (s.out.length === 0) touched.push(s);
          s.out.push(frame);
        };
        for (const s of this.#everyone) visit(s);
        for (const role of message.roles) this.#byRole.get(role)?.forEach(visit);
        for (const user of message.users) this.#byUser.get(user)?.forEach(visit);
      });
    }
    for (const s of touched) {
      const out = s.out;
      s.out = [];
      s.send(out);
    }
  }

  /** A change was committed in this process: the feed tail reads at once instead of at its next poll. */
  committed(): void {
    this.#onCommit?.();
  }

  /** @internal The feed tail registers how to be woken. */
  onCommit(wake: (() => void) | undefined): void {
    this.#onCommit = wake;
  }

  /**
   * Calls `listener` with the person's id whenever the feed says their access ended (in this process
   * or another). Returns how to stop.
   */
  onAccessEnded(listener: (userId: string) => void): () => void {
    this.#onAccessEnded.add(listener);
    return () => this.#onAccessEnded.delete(listener);
  }

  /** Open connections. */
  get size(): number {
    return this.#count;
  }

  /** Ends every connection (on shutdown). */
  closeAll(): void {
    for (const s of this.#all()) {
      s.close();
      s.sink.close();
    }
  }

  #beat(): void {
    for (const s of this.#all()) if (!s.held) s.send([HEARTBEAT]);
  }

  *#all(): Generator<Subscriber> {
    yield* [...this.#everyone];
    const seen = new Set<Subscriber>();
    for (const set of this.#byUser.values()) for (const s of set) if (!seen.has(s)) seen.add(s);
    yield* seen;
  }
}

function add(index: Map<string, Set<Subscriber>>, key: string, s: Subscriber): void {
  const set = index.get(key);
  if (set) set.add(s);
  else index.set(key, new Set([s]));
}

/** 1 when `s` was in the index under `key`. */
function drop(index: Map<string, Set<Subscriber>>, key: string, s: Subscriber): number {
  const set = index.get(key);
  if (!set?.delete(s)) return 0;
  if (set.size === 0) index.delete(key);
  return 1;
}

function dropAll(index: Map<string, Set<Subscriber>>, keys: readonly string[], s: Subscriber): number {
  let n = 0;
  for (const key of keys) n |= drop(index, key, s);
  return n;
}
