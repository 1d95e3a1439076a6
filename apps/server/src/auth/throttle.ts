/**
 * Slows password and code guessing without letting anyone lock a colleague out for good.
 *
 * Attempts are counted per account *and client* (a known device of that account, else the client
 * address). After `freeFailures` the client waits `baseMs`, doubled at each further failure, never
 * more than `capMs` after its last failure, so every lockout expires. Failures from all unknown
 * clients together are also counted per account: past `accountFailures` unknown clients wait too,
 * but a device the account already signed in from does not — someone guessing from elsewhere cannot
 * keep the real user out of their own workstation. Failures from one unknown client across all
 * accounts (and names that are no account) are counted too, per window: without that, a client moving
 * to the next name at every guess is never slowed — it sprays a common password over every account,
 * and its deliberate password checks keep everyone else's sign-in waiting. Known devices of the
 * account signing in are not held by that budget, so a clinic behind one address keeps signing in.
 *
 * An attempt is counted as a failure the moment it is let through (`reserve`), before the slow
 * check, and only given back if it turns out right: guesses sent all at once are counted as if they
 * had come one after another, so a burst gets no more checks than the same guesses in a row would.
 * In memory, per process: behind several processes each keeps its own count (see SECURITY.md).
 */
export interface ThrottleOptions {
  freeFailures: number;
  baseMs: number;
  capMs: number;
  accountFailures: number;
  /** Failures from one unknown client across all accounts within `clientWindowMs` (none: no budget). */
  clientFailures?: number;
  clientWindowMs?: number;
}

interface Failures {
  /** Failures, including attempts still being checked. */
  count: number;
  /** Attempts let through and not yet settled. */
  inFlight: number;
  last: number;
}

/** One attempt let through: say how it ended (once). A check that throws counts as a failure. */
export interface Attempt {
  /** It was right: this client's failures on the account are cleared (attempts still in flight stay). */
  succeeded(): void;
  /** It was wrong: it stays counted. */
  failed(): void;
}

/** Refused: how long to wait, and whose limit it is (the account's, or this client's across accounts). */
export type Reservation =
  | { ok: true; attempt: Attempt }
  | { ok: false; waitMs: number; limit: 'account' | 'client' };

/** One client's failures across accounts in the current window. */
interface ClientWindow {
  start: number;
  count: number;
}

/** Entries quiet for this long are forgotten. */
const FORGET_MS = 24 * 3600_000;
const SWEEP_AT = 10_000;

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();
  private readonly clients = new Map<string, ClientWindow>();

  constructor(private readonly options: ThrottleOptions) {}

  /**
   * Lets one attempt by this client on this account through now, counted as a failure until it is
   * settled, or says how many milliseconds to wait.
   */
  reserve(account: string, client: string, knownDevice: boolean, nowMs: number): Reservation {
    const waitMs = this.wait(account, client, knownDevice, nowMs);
    if (waitMs > 0) return { ok: false, waitMs, limit: 'account' };
    const window = knownDevice ? undefined : this.clientWindow(client, nowMs);
    const { clientFailures, clientWindowMs = 0 } = this.options;
    if (window && clientFailures !== undefined && window.count >= clientFailures)
      return { ok: false, waitMs: Math.max(1, window.start + clientWindowMs - nowMs), limit: 'client' };
    if (this.failures.size > SWEEP_AT) this.sweep(nowMs);
    const pair = this.charge(this.pairKey(account, client), nowMs);
    const shared = knownDevice ? undefined : this.charge(this.accountKey(account), nowMs);
    if (window) window.count++;
    let settled = false;
    const settle = (success: boolean) => {
      if (settled) return;
      settled = true;
      pair.inFlight--;
      if (shared) shared.inFlight--;
      if (!success) return;
      // A right answer is no failure of this client's (unless its window has been replaced since).
      if (window && this.clients.get(client) === window) window.count = Math.max(0, window.count - 1);
      // Attempts still being checked stay counted: a right guess does not free the burst around it.
      pair.count = pair.inFlight;
      if (pair.count === 0 && this.failures.get(this.pairKey(account, client)) === pair)
        this.failures.delete(this.pairKey(account, client));
      // The account-wide count is of failures only: this attempt was not one.
      if (shared) shared.count = Math.max(shared.inFlight, shared.count - 1);
    };
    return { ok: true, attempt: { succeeded: () => settle(true), failed: () => settle(false) } };
  }

  /** Milliseconds until this client may try this account again (0 when allowed now). */
  wait(account: string, client: string, knownDevice: boolean, nowMs: number): number {
    const own = this.delay(this.get(this.pairKey(account, client), nowMs), this.options.freeFailures, nowMs);
    if (knownDevice) return own;
    const shared = this.delay(this.get(this.accountKey(account), nowMs), this.options.accountFailures, nowMs);
    return Math.max(own, shared);
  }

  /**
   * How this account stands for an admin looking (not a check): the latest any client, or unknown
   * clients together, must wait before trying it again (null when none must), and the most failures
   * still counted against it by one of them.
   */
  standing(account: string, nowMs: number): { untilMs: number | null; failures: number } {
    let untilMs: number | null = null;
    let failures = 0;
    const prefix = this.accountPrefix(account);
    for (const key of [...this.failures.keys()].filter((k) => k.startsWith(prefix))) {
      const entry = this.get(key, nowMs);
      if (!entry) continue;
      const settled = entry.count - entry.inFlight;
      failures = Math.max(failures, settled);
      const free =
        key === this.accountKey(account) ? this.options.accountFailures : this.options.freeFailures;
      const waitMs = this.delay(entry, free, nowMs);
      if (waitMs > 0) untilMs = Math.max(untilMs ?? 0, nowMs + waitMs);
    }
    return { untilMs, failures };
  }

  /**
   * Forgets the failures counted against this account, from every client: an admin let the person in.
   * Attempts still being checked are kept (they settle on their own). The per-client budget across
   * accounts is not the account's and stays.
   */
  forget(account: string): void {
    const prefix = this.accountPrefix(account);
    for (const [key, entry] of [...this.failures.entries()].filter(([k]) => k.startsWith(prefix))) {
      if (entry.inFlight > 0) entry.count = entry.inFlight;
      else this.failures.delete(key);
    }
  }

  private delay(entry: Failures | undefined, free: number, nowMs: number): number {
    if (!entry || entry.count < free) return 0;
    const backoff = Math.min(this.options.capMs, this.options.baseMs * 2 ** Math.min(entry.count - free, 30));
    return Math.max(0, entry.last + backoff - nowMs);
  }

  /** This client's window, a new one when the last has passed (the oldest is dropped past the sweep size). */
  private clientWindow(client: string, nowMs: number): ClientWindow | undefined {
    if (this.options.clientFailures === undefined) return undefined;
    const current = this.clients.get(client);
    if (current && nowMs - current.start < (this.options.clientWindowMs ?? 0)) return current;
    this.clients.delete(client);
    if (this.clients.size >= SWEEP_AT) this.clients.delete(this.clients.keys().next().value!);
    const fresh = { start: nowMs, count: 0 };
    this.clients.set(client, fresh);
    return fresh;
  }

  private get(key: string, nowMs: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && entry.inFlight === 0 && nowMs - entry.last > FORGET_MS) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private charge(key: string, nowMs: number): Failures {
    const entry = this.get(key, nowMs) ?? { count: 0, inFlight: 0, last: nowMs };
    entry.count++;
    entry.inFlight++;
    entry.last = nowMs;
    this.failures.set(key, entry);
    return entry;
  }

  private sweep(nowMs: number): void {
    for (const [key, entry] of this.failures)
      if (entry.inFlight === 0 && nowMs - entry.last > FORGET_MS) this.failures.delete(key);
  }

  private pairKey = (account: string, client: string) => `${account.toLowerCase()}\0${client}`;
  private accountKey = (account: string) => `${account.toLowerCase()}\0*`;
  private accountPrefix = (account: string) => `${account.toLowerCase()}\0`;
}

/** Settles a reserved attempt by the answer of its check; a check that throws counts as a failure. */
export async function settle(attempt: Attempt, check: () => Promise<boolean>): Promise<boolean> {
  let right = false;
  try {
    right = await check();
    return right;
  } finally {
    if (right) attempt.succeeded();
    else attempt.failed();
  }
}
