/**
 * Slows password and code guessing without letting anyone lock a colleague out for good.
 *
 * Failures are counted per account *and client* (a known device of that account, else the client
 * address). After `freeFailures` the client waits `baseMs`, doubled at each further failure, never
 * more than `capMs` after its last failure, so every lockout expires. Failures from all unknown
 * clients together are also counted per account: past `accountFailures` unknown clients wait too,
 * but a device the account already signed in from does not — someone guessing from elsewhere cannot
 * keep the real user out of their own workstation. In memory, per process.
 */
export interface ThrottleOptions {
  freeFailures: number;
  baseMs: number;
  capMs: number;
  accountFailures: number;
}

interface Failures {
  count: number;
  last: number;
}

/** Entries quiet for this long are forgotten. */
const FORGET_MS = 24 * 3600_000;
const SWEEP_AT = 10_000;

export class LoginThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly options: ThrottleOptions) {}

  /** Milliseconds until this client may try this account again (0 when allowed now). */
  wait(account: string, client: string, knownDevice: boolean, nowMs: number): number {
    const own = this.delay(this.get(this.pairKey(account, client), nowMs), this.options.freeFailures, nowMs);
    if (knownDevice) return own;
    const shared = this.delay(this.get(this.accountKey(account), nowMs), this.options.accountFailures, nowMs);
    return Math.max(own, shared);
  }

  fail(account: string, client: string, knownDevice: boolean, nowMs: number): void {
    if (this.failures.size > SWEEP_AT) this.sweep(nowMs);
    this.bump(this.pairKey(account, client), nowMs);
    if (!knownDevice) this.bump(this.accountKey(account), nowMs);
  }

  /** A success clears this client's failures on the account (not other clients'). */
  succeed(account: string, client: string): void {
    this.failures.delete(this.pairKey(account, client));
  }

  private delay(entry: Failures | undefined, free: number, nowMs: number): number {
    if (!entry || entry.count < free) return 0;
    const backoff = Math.min(this.options.capMs, this.options.baseMs * 2 ** Math.min(entry.count - free, 30));
    return Math.max(0, entry.last + backoff - nowMs);
  }

  private get(key: string, nowMs: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && nowMs - entry.last > FORGET_MS) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private bump(key: string, nowMs: number): void {
    const entry = this.get(key, nowMs);
    this.failures.set(key, { count: (entry?.count ?? 0) + 1, last: nowMs });
  }

  private sweep(nowMs: number): void {
    for (const [key, entry] of this.failures) if (nowMs - entry.last > FORGET_MS) this.failures.delete(key);
  }

  private pairKey = (account: string, client: string) => `${account.toLowerCase()}\0${client}`;
  private accountKey = (account: string) => `${account.toLowerCase()}\0*`;
}
