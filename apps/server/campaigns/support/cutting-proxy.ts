import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { Prng } from './prng.ts';

/** What the proxy does to one connection. */
export type Cut =
  /** Passes everything. */
  | 'none'
  /** Closes the client's socket before the request reaches the server. */
  | 'drop-request'
  /** Lets the request through; when the server answers (it has committed), drops the answer and closes. */
  | 'drop-response'
  /** Passes the first few bytes of the answer, then closes mid-response. */
  | 'truncate-response';

export interface ProxyStats {
  connections: number;
  cuts: Record<Cut, number>;
}

/**
 * A loopback TCP proxy in front of the server that cuts connections on a seeded schedule. It reads
 * each request's `Idempotency-Key` and the status line of the server's answer, so a campaign knows
 * which keys the server answered 2xx even when the client never saw it.
 */
export class CuttingProxy {
  readonly stats: ProxyStats = {
    connections: 0,
    cuts: { none: 0, 'drop-request': 0, 'drop-response': 0, 'truncate-response': 0 },
  };
  /** Idempotency-Key → statuses the server sent for it (whether or not the client got them). */
  readonly serverAnswers = new Map<string, number[]>();
  #server: Server | null = null;
  readonly #sockets = new Set<Socket>();

  constructor(
    private readonly target: { host: string; port: number },
    private readonly rng: Prng,
    private readonly cutShare: number,
  ) {}

  async listen(): Promise<number> {
    this.#server = createServer((client) => this.#handle(client));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  async close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }

  #choose(): Cut {
    if (!this.rng.chance(this.cutShare)) return 'none';
    return this.rng.pick(['drop-request', 'drop-response', 'drop-response', 'truncate-response'] as const);
  }

  #handle(client: Socket): void {
    this.stats.connections += 1;
    const cut = this.#choose();
    this.stats.cuts[cut] += 1;
    const upstream = createConnection(this.target);
    this.#sockets.add(client);
    this.#sockets.add(upstream);
    const done = () => {
      client.destroy();
      upstream.destroy();
      this.#sockets.delete(client);
      this.#sockets.delete(upstream);
    };
    client.on('error', done);
    upstream.on('error', done);
    client.on('close', done);
    upstream.on('close', done);
    let key: string | null = null;
    let head = '';
    client.on('data', (chunk: Buffer) => {
      if (key === null) {
        head += chunk.toString('latin1');
        const m = /\r\nidempotency-key: *([^\r\n]+)/i.exec(head);
        if (m) key = m[1]!.trim();
      }
      if (cut === 'drop-request') {
        done();
        return;
      }
      upstream.write(chunk);
    });
    let answered = false;
    upstream.on('data', (chunk: Buffer) => {
      if (!answered) {
        answered = true;
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 0);
        if (key) this.serverAnswers.set(key, [...(this.serverAnswers.get(key) ?? []), status]);
        if (cut === 'drop-response') {
          done();
          return;
        }
        if (cut === 'truncate-response') {
          client.write(chunk.subarray(0, Math.min(chunk.length - 1, 20 + this.rng.int(40))));
          done();
          return;
        }
      }
      client.write(chunk);
    });
  }
}
