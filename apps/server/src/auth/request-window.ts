/**
 * At most `limit` requests per key within a sliding `windowMs`. `take` decides and counts in one
 * synchronous step, so requests sent all at once are counted one after another: a burst gets no more
 * through than the same requests in a row would. In memory, per process, as the sign-in throttle.
 */
export class RequestWindow {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request now, or answers how many milliseconds to wait (nothing is counted then). */
  take(key: string, nowMs: number): { ok: true } | { ok: false; waitMs: number } {
    if (this.seen.size > 10_000) this.sweep(nowMs);
    const recent = (this.seen.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
    if (recent.length >= this.limit) {
      this.seen.set(key, recent);
      return { ok: false, waitMs: Math.max(1, recent[0]! + this.windowMs - nowMs) };
    }
    recent.push(nowMs);
    this.seen.set(key, recent);
    return { ok: true };
  }

  private sweep(nowMs: number): void {
    for (const [key, times] of this.seen)
      if (times.every((t) => t <= nowMs - this.windowMs)) this.seen.delete(key);
  }
}
