import type { Prng } from './prng.ts';
import { sleep } from './result.ts';

/** One acknowledged (2xx) change, as the client saw it. */
export interface Ack {
  kind: 'start' | 'claim' | 'complete';
  instanceId: string;
  /** The instance revision the response reported: the seq of the event this request appended. */
  revision: number;
  userId: string;
  token?: string;
  outcome?: string;
  /** Milliseconds since the load started, when the response arrived. */
  atMs: number;
  /** Milliseconds since the load started, when the request was sent. */
  sentMs: number;
}

export interface LoadClient {
  userId: string;
  roles: string[];
  token: string;
}

interface PoolTask {
  id: string;
  instanceId: string;
  token: string;
  step: string;
}

export interface LoadOptions {
  /** Where requests go; null while the server is down (clients wait). */
  base: () => string | null;
  clients: LoadClient[];
  definitionId: string;
  outcomes: Record<string, string[]>;
  rng: Prng;
  /** Share of iterations that start an instance instead of working the pool. */
  startShare?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
}

/**
 * Staff working a clinic over real HTTP: each client starts instances, lists its pool, sometimes
 * claims a task first, then completes it. Every 2xx is recorded as an Ack with the revision the
 * server reported, so a campaign can look for exactly that event afterwards.
 */
export class HttpLoad {
  readonly acks: Ack[] = [];
  readonly statuses = new Map<string, number>();
  readonly serverErrors: string[] = [];
  #stopped = false;
  #running: Promise<unknown> | null = null;
  readonly #t0 = performance.now();
  readonly #options: LoadOptions;

  constructor(options: LoadOptions) {
    this.#options = options;
  }

  elapsed(): number {
    return performance.now() - this.#t0;
  }

  start(): void {
    this.#running = Promise.all(this.#options.clients.map((c) => this.#client(c, this.#options.rng.fork())));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#running;
  }

  #count(key: string): void {
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
  }

  async #call(client: LoadClient, method: string, path: string, body?: unknown) {
    const base = this.#options.base();
    if (base === null) return null;
    const headers: Record<string, string> = { authorization: `Bearer ${client.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const sentMs = this.elapsed();
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 5000),
      });
      const text = await res.text();
      const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      if (res.status >= 500)
        this.serverErrors.push(
          `${method} ${path.split('/').slice(0, 3).join('/')} ${res.status} ${text.slice(0, 200)}`,
        );
      return { status: res.status, body: parsed, sentMs };
    } catch {
      this.#count('network-error');
      return null;
    }
  }

  async #client(client: LoadClient, rng: Prng): Promise<void> {
    const { definitionId, outcomes } = this.#options;
    const startShare = this.#options.startShare ?? 0.2;
    let n = 0;
    while (!this.#stopped) {
      n += 1;
      if (this.#options.base() === null) {
        await sleep(20);
        continue;
      }
      if (client.roles.includes('nurse') && rng.chance(startShare)) {
        const r = await this.#call(client, 'POST', '/api/instances', { definitionId, data: { n } });
        if (!r) continue;
        this.#count(`start ${r.status}`);
        if (r.status === 201) {
          const instance = r.body!.instance as { id: string; revision: number };
          this.acks.push({
            kind: 'start',
            instanceId: instance.id,
            revision: instance.revision,
            userId: client.userId,
            atMs: this.elapsed(),
            sentMs: r.sentMs,
          });
        }
        continue;
      }
      const list = await this.#call(client, 'GET', '/api/tasks?scope=pool&limit=50');
      if (list?.status !== 200) {
        if (list) this.#count(`list ${list.status}`);
        await sleep(20);
        continue;
      }
      const items = (list.body!.items as PoolTask[]) ?? [];
      if (items.length === 0) {
        await sleep(30);
        continue;
      }
      const task = rng.pick(items);
      const path = `/api/tasks/${encodeURIComponent(task.id)}`;
      if (rng.chance(0.5)) {
        const claim = await this.#call(client, 'POST', `${path}/claim`);
        if (!claim) continue;
        this.#count(`claim ${claim.status}`);
        if (claim.status !== 200) continue;
        const instance = claim.body!.instance as { revision: number };
        this.acks.push({
          kind: 'claim',
          instanceId: task.instanceId,
          revision: instance.revision,
          token: task.token,
          userId: client.userId,
          atMs: this.elapsed(),
          sentMs: claim.sentMs,
        });
      }
      const outcome = rng.pick(outcomes[task.step] ?? ['done']);
      const done = await this.#call(client, 'POST', `${path}/complete`, {
        outcome,
        note: 'called back',
        data: { note: `called back by ${client.userId}` },
      });
      if (!done) continue;
      this.#count(`complete ${done.status}`);
      if (done.status !== 200) continue;
      const instance = done.body!.instance as { revision: number };
      this.acks.push({
        kind: 'complete',
        instanceId: task.instanceId,
        revision: instance.revision,
        token: task.token,
        outcome,
        userId: client.userId,
        atMs: this.elapsed(),
        sentMs: done.sentMs,
      });
    }
  }
}
