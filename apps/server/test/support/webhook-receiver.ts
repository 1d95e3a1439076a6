import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedHook {
  id: string;
  body: string;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  headers: IncomingHttpHeaders;
  /** The status this receiver answered. */
  status: number;
}

export interface ReceiverOptions {
  /** Answer this status to the first `failures` requests (of each webhook-id), then 204. */
  failures?: number;
  failStatus?: number;
  /** Always answer `failStatus`. */
  alwaysFail?: boolean;
  /** Hold each answer this long (deliveries are in flight meanwhile). */
  delayMs?: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every verified request, in arrival order. */
  received: ReceivedHook[];
  /** Requests whose signature did not verify (should stay empty). */
  rejected: string[];
  /** Requests received and not yet answered. */
  inFlight(): number;
  options: ReceiverOptions;
  close(): Promise<void>;
}

/** A real HTTP receiver that verifies each request with the `standardwebhooks` reference library. */
export async function startWebhookReceiver(
  secret: string | (() => string),
  options: ReceiverOptions = {},
): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const rejected: string[] = [];
  const seen = new Map<string, number>();
  let open = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let payload: ReceivedHook['payload'];
      try {
        const key = typeof secret === 'function' ? secret() : secret;
        payload = new Webhook(key).verify(
          body,
          req.headers as Record<string, string>,
        ) as ReceivedHook['payload'];
      } catch (error) {
        rejected.push((error as Error).message);
        res.writeHead(401).end();
        return;
      }
      const id = String(req.headers['webhook-id']);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      const fail = options.alwaysFail || n <= (options.failures ?? 0);
      const status = fail ? (options.failStatus ?? 500) : 204;
      received.push({ id, body, payload, headers: req.headers, status });
      open++;
      const answer = () => {
        open--;
        res.writeHead(status).end();
      };
      if (options.delayMs) setTimeout(answer, options.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    rejected,
    inFlight: () => open,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
