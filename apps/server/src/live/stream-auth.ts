import type { MiddlewareHandler } from 'hono';
import { type Credential, callerOf } from '../auth/authenticate.ts';
import type { AuthUser } from '../auth/roles.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import type { Frame } from './frame.ts';
import type { LiveSink } from './hub.ts';

/** Frames held for one stream while its credential is re-checked before they go out. */
const MAX_HELD = 1000;
/** The longest a timer can wait (about 24 days); a later end is looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Checks at a credential's known end start at least this far apart (a clock that stands still). */
const MIN_END_CHECK_MS = 10;

/** An open stream as the guard sees it. */
interface Watched {
  credential: Credential;
  userId: string;
  roles: string;
  /** When its credential ends unless renewed (a session's idle or absolute end, a token's expiry). */
  until: string | null;
  end(): void;
}

const rolesKey = (roles: readonly string[]) => [...roles].sort().join('\n');

/**
 * Keeps live streams from outliving what opened them. Every stream re-runs the normal authentication
 * of its session or API token (`callerOf`, without counting as activity) every `liveAuthCheckMs`,
 * at once after a request in this process that can end sessions or tokens (sign-out, account and
 * token changes), and at once when the change feed says a person's access ended through any process
 * (signed out, sessions ended, a new password, a token revoked, an account change). A stream whose credential no longer works, whose user was disabled, or
 * whose roles changed (its audience was worked out from them) is ended; the client may reconnect and is
 * then authenticated afresh. Streams are also checked when the first credential's known end comes
 * (idle or absolute timeout, token expiry), so one that ran out ends then, with no request anywhere;
 * one kept in use meanwhile (through any process) goes on. A frame due after that end is held until a
 * check says the credential still works, so nothing reaches a session or token that ended between two
 * checks.
 */
export class StreamAuth {
  readonly #streams = new Set<Watched>();
  #timer: ReturnType<typeof setInterval> | undefined;
  /** A periodic check still running when the next is due is not started twice. */
  #checking = false;
  /** Wakes at the earliest known end of a watched credential. */
  #endTimer: ReturnType<typeof setTimeout> | undefined;
  /** The end `#endTimer` is set for. */
  #endAt: string | null = null;

  constructor(private readonly deps: AppDeps) {
    // A person's access ended through another process (or this one): their streams here end now.
    deps.live.onAccessEnded((userId) => void this.recheck((w) => w.userId === userId));
  }

  /**
   * Watches a stream opened with `credential` by `user`; `end` closes it. Returns the sink to write
   * through (it holds frames past the credential's known end) and how to stop watching.
   */
  watch(
    credential: Credential,
    user: AuthUser,
    sink: LiveSink,
    end: () => void,
  ): { sink: LiveSink; stop(): void } {
    const watched: Watched = {
      credential,
      userId: user.id,
      roles: rolesKey(user.roles),
      until: user.until ?? null,
      end,
    };
    this.#streams.add(watched);
    this.#timer ??= setInterval(() => void this.#periodic(), this.deps.config.liveAuthCheckMs);
    this.#timer.unref?.();
    this.#wakeAtEnd();
    let held: Frame[] | null = null;
    let closed = false;
    const gated: LiveSink = {
      write: (frame) => {
        if (held) {
          held.push(frame);
          return held.length < MAX_HELD;
        }
        if (watched.until === null || this.deps.clock() < watched.until) return sink.write(frame);
        held = [frame];
        void this.#check([watched]).then(() => {
          const frames = held ?? [];
          held = null;
          if (closed || !this.#streams.has(watched)) return;
          for (const f of frames) if (!sink.write(f)) return end();
        });
        return true;
      },
      close: () => {
        closed = true;
        sink.close();
      },
    };
    return { sink: gated, stop: () => this.#forget(watched) };
  }

  /** Re-checks the streams matching `which` (all by default) now. */
  recheck(which: (w: { userId: string; kind: Credential['kind'] }) => boolean = () => true): Promise<void> {
    const streams = [...this.#streams].filter((w) => which({ userId: w.userId, kind: w.credential.kind }));
    return this.#check(streams);
  }

  /** Open streams being watched. */
  get size(): number {
    return this.#streams.size;
  }

  /**
   * After a request in this process that may have ended sessions or tokens, the streams it may
   * concern are re-checked before the response goes out: sign-out, sign-in steps (which replace the
   * session), account changes (by the account's id), a person's own password and sessions, and token
   * changes (every token stream).
   */
  afterAccountChanges(): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      await next();
      if (this.#streams.size === 0 || c.req.method === 'GET' || c.req.method === 'HEAD') return;
      const path = c.req.path;
      const caller = c.get('user');
      const account = /^\/api\/users\/([^/]+)/.exec(path)?.[1];
      if (account !== undefined)
        await this.recheck((w) => encodeURIComponent(w.userId) === account || w.userId === account);
      else if (path.startsWith('/api/tokens'))
        await this.recheck((w) => w.kind === 'token' || w.userId === caller?.id);
      // Sign-in steps, and a person's own password and sessions (`/api/me/…`).
      else if ((path.startsWith('/api/auth/') || path.startsWith('/api/me/')) && caller)
        await this.recheck((w) => w.userId === caller.id);
    };
  }

  async #periodic(): Promise<void> {
    if (this.#checking) return;
    this.#checking = true;
    try {
      await this.#check([...this.#streams]);
    } finally {
      this.#checking = false;
    }
  }

  async #check(streams: Watched[]): Promise<void> {
    // One look-up per credential, however many streams share it.
    const byCredential = new Map<string, Watched[]>();
    for (const w of streams) {
      const key =
        w.credential.kind === 'token' ? `token:${w.credential.header}` : `session:${w.credential.secret}`;
      byCredential.set(key, [...(byCredential.get(key) ?? []), w]);
    }
    for (const group of byCredential.values()) {
      let caller: AuthUser | null = null;
      try {
        caller = await callerOf(this.deps, group[0]!.credential, { touch: false });
      } catch (error) {
        // The store could not answer: try again at the next check rather than end working streams.
        this.deps.log(`live stream check failed: ${(error as Error).message}`);
        continue;
      }
      for (const w of group) {
        if (
          caller !== null &&
          caller.id === w.userId &&
          (caller.stage ?? 'full') === 'full' &&
          rolesKey(caller.roles) === w.roles
        ) {
          w.until = caller.until ?? null;
          continue;
        }
        this.#forget(w);
        w.end();
      }
    }
    this.#wakeAtEnd();
  }

  /** Sets the timer for the earliest known end among the streams (sooner than the one set, or anew). */
  #wakeAtEnd(force = false): void {
    let first: string | null = null;
    for (const w of this.#streams)
      if (w.until !== null && (first === null || w.until < first)) first = w.until;
    if (!force && this.#endTimer && this.#endAt !== null && first !== null && this.#endAt <= first) return;
    clearTimeout(this.#endTimer);
    this.#endTimer = undefined;
    this.#endAt = first;
    if (first === null) return;
    const wait = Math.min(
      MAX_TIMER_MS,
      Math.max(MIN_END_CHECK_MS, Date.parse(first) - Date.parse(this.deps.clock())),
    );
    this.#endTimer = setTimeout(() => void this.#atEnd(), wait);
    this.#endTimer.unref?.();
  }

  /** A known end came: the streams whose credential may have run out are checked; the rest wait. */
  async #atEnd(): Promise<void> {
    this.#endTimer = undefined;
    const now = this.deps.clock();
    const due = [...this.#streams].filter((w) => w.until !== null && w.until <= now);
    if (due.length > 0) await this.#check(due);
    this.#wakeAtEnd(true);
  }

  #forget(w: Watched): void {
    this.#streams.delete(w);
    if (this.#streams.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
    if (this.#streams.size === 0) {
      clearTimeout(this.#endTimer);
      this.#endTimer = undefined;
      this.#endAt = null;
    }
  }
}
