/**
 * Slows password guessing: after `limit` failures for one username within `windowMs`, that
 * username is refused until the window passes. It always expires, so it cannot be used to lock
 * someone out for good. In memory, per process.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Milliseconds until another try is allowed (0 when allowed now). */
  wait(username: string, nowMs: number): number {
    const recent = this.recent(username, nowMs);
    return recent.length < this.limit ? 0 : recent[0]! + this.windowMs - nowMs;
  }

  fail(username: string, nowMs: number): void {
    const recent = this.recent(username, nowMs);
    recent.push(nowMs);
    this.failures.set(username.toLowerCase(), recent);
  }

  succeed(username: string): void {
    this.failures.delete(username.toLowerCase());
  }

  private recent(username: string, nowMs: number): number[] {
    return (this.failures.get(username.toLowerCase()) ?? []).filter((t) => nowMs - t < this.windowMs);
  }
}
