import { type OutboxWorker, startOutboxWorker } from '../../src/outbox/worker.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';
import { type Harness, harness } from './setup.ts';

export interface WebhookWorld {
  h: Harness;
  worker: OutboxWorker;
  receiver: WebhookReceiver;
  close(): Promise<void>;
}

/**
 * The server delivering webhooks to a real receiver on loopback (a private address, allowed here),
 * its outbox worker run by the test (`tick`), never on its own. `secret` is what the receiver checks
 * signatures with at each delivery, so a test can switch it as a receiver's admin would.
 */
export async function webhookWorld(maxAttempts: number, secret: () => string): Promise<WebhookWorld> {
  const h = await harness({ allowPrivateWebhooks: true, maxAttempts });
  const receiver = await startWebhookReceiver(secret);
  const worker = startOutboxWorker(h.deps, { autostart: false, random: () => 0 });
  return {
    h,
    worker,
    receiver,
    async close() {
      await worker.stop();
      await receiver.close();
      await h.close();
    },
  };
}
