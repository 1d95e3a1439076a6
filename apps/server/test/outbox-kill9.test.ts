// kill -9 during delivery: a real server process sends webhooks (to a slow receiver verifying with
// `standardwebhooks`) and email (to smtp-server) and is killed while requests are in flight, then
// restarted on the same database file. Nothing may be lost, and any message received twice must carry
// the same id (and the same content) both times.
import { fileURLToPath } from 'node:url';
import { type Definition, parseDefinition } from '@portalflow/engine';
import { openStore, type Store } from '@portalflow/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdOf } from '../src/outbox/mailer.ts';
import { newWebhookSecret } from '../src/outbox/sign.ts';
import { PATIENT, PATIENT_FORM, patientNeedles } from './outbox/setup.ts';
import { type MailSink, startMailSink } from './support/mail-sink.ts';
import { publish, servicesFor, tempDb, userWithToken } from './support/prepare.ts';
import { killAllServers, type ServerProcess, spawnReady } from './support/processes.ts';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

const INSTANCES = 60;
const entry = fileURLToPath(new URL('./support/serve-entry.ts', import.meta.url));

const workflow: Definition = parseDefinition({
  id: 'outbox-crash',
  title: 'Portal message',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'supervisor', name: 'Front office supervisor' },
  ],
  start: 'classify',
  intake: { roles: ['front-desk'], form: PATIENT_FORM },
  steps: {
    classify: {
      type: 'task',
      role: 'front-desk',
      title: 'Classify the message',
      outcomes: { done: 'closed' },
      // Due by the time the server is up: its timer worker escalates them all while it delivers.
      deadline: { after: 'PT2S', escalateTo: 'supervisor' },
    },
    closed: { type: 'end', outcome: 'resolved' },
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 90_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('kill -9 during outbox delivery', () => {
  let db: Awaited<ReturnType<typeof tempDb>>;
  let store: Store;
  let sink: MailSink;
  let receiver: WebhookReceiver;
  const secret = newWebhookSecret();

  beforeAll(async () => {
    db = await tempDb('portalflow-outbox-k9-');
    store = await openStore({ url: db.url });
    await publish(store, workflow);
    sink = await startMailSink();
    // Slow answers: when the process dies, some requests have arrived and not been answered.
    receiver = await startWebhookReceiver(secret, { delayMs: 150 });
    await store.createWebhookSubscription({
      url: receiver.url,
      events: ['*'],
      secret,
      createdBy: null,
      createdAt: new Date().toISOString(),
    });
    for (const [name, role] of [
      ['fran', 'front-desk'],
      ['sam', 'supervisor'],
      ['sue', 'supervisor'],
    ] as const) {
      const user = await userWithToken(store, name, [role]);
      await store.saveEmailPreferences(
        {
          userId: user.id,
          address: `${name}@clinic.example`,
          assigned: true,
          escalated: true,
          overdue: true,
          cancelled: true,
          digest: true,
          quietStart: null,
          quietEnd: null,
        },
        new Date().toISOString(),
      );
    }
    const { instances } = servicesFor(store);
    for (let i = 0; i < INSTANCES; i++)
      await instances.start({ user: null, role: null }, { definitionId: workflow.id, data: PATIENT });
  }, 120_000);

  afterAll(async () => {
    await killAllServers();
    await receiver?.close();
    await sink?.close();
    await store?.close();
    await db?.remove();
  });

  const spawn = (processId: string): Promise<ServerProcess> =>
    spawnReady(entry, {
      DATABASE_URL: db.url,
      PORT: '0',
      QUIET: '1',
      PROCESS_ID: processId,
      PORTALFLOW_SMTP_URL: sink.url,
      // The receiver listens on loopback, which webhooks reach only when allowed.
      PORTALFLOW_WEBHOOK_ALLOW_PRIVATE: '1',
      PORTALFLOW_DIGEST_TIME: 'off',
      PORTALFLOW_OUTBOX_BACKOFF_SECONDS: '1',
      OUTBOX_LEASE_MS: '2000',
      OUTBOX_POLL_MS: '100',
      TIMER_POLL_MS: '200',
      TIMER_LEASE_MS: '2000',
    });

  it('loses nothing, and a message sent twice has the same id both times', async () => {
    const first = await spawn('outbox-k9-1');
    await until('deliveries in flight', () => receiver.received.length >= 20 && receiver.inFlight() > 0);
    const unanswered = receiver.inFlight();
    await first.kill9();
    expect(unanswered).toBeGreaterThan(0);
    const receivedAtKill = receiver.received.length;

    const second = await spawn('outbox-k9-2');
    await until(
      'every deadline fired and every message settled',
      async () =>
        (await store.nextTimerDue()) === null &&
        (await store.listOutbox({ status: 'pending', limit: 1 })).length === 0,
    );
    await second.stop();

    const rows = await store.listOutbox({ limit: 500 });
    // Per instance: started, opened, overdue, escalated webhooks; escalated mail to both supervisors,
    // overdue mail to the front-desk pool (one person).
    expect(rows.filter((r) => r.channel === 'webhook')).toHaveLength(4 * INSTANCES);
    expect(rows.filter((r) => r.channel === 'email')).toHaveLength(3 * INSTANCES);
    expect(rows.filter((r) => r.status !== 'delivered')).toEqual([]);

    // Webhooks: every row arrived, verified; copies of one id are identical.
    expect(receiver.rejected).toEqual([]);
    const hooks = new Map<string, string>();
    for (const got of receiver.received) {
      const seen = hooks.get(got.id);
      if (seen !== undefined) expect(got.body).toBe(seen);
      hooks.set(got.id, got.body);
    }
    expect([...hooks.keys()].sort()).toEqual(
      rows
        .filter((r) => r.channel === 'webhook')
        .map((r) => r.id)
        .sort(),
    );
    const resent = receiver.received.length - hooks.size;
    expect(resent).toBeGreaterThan(0);
    expect(receiver.received.length).toBeGreaterThan(receivedAtKill);

    // Email: every row arrived; copies of one Message-ID went to the same person with the same text.
    const mails = new Map<string, string>();
    for (const mail of sink.mails) {
      const key = mail.parsed.messageId!;
      const content = `${mail.to.join(',')}\n${mail.parsed.subject}\n${mail.parsed.text}`;
      const seen = mails.get(key);
      if (seen !== undefined) expect(content).toBe(seen);
      mails.set(key, content);
    }
    expect([...mails.keys()].sort()).toEqual(
      rows
        .filter((r) => r.channel === 'email')
        .map((r) => messageIdOf(r.id))
        .sort(),
    );

    const everything = [...receiver.received.map((r) => r.body), ...sink.mails.map((m) => m.raw)]
      .join('\n')
      .toLowerCase();
    for (const needle of patientNeedles()) expect(everything).not.toContain(needle);
  }, 180_000);
});
