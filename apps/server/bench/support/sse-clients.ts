// One process of SSE clients for the live-updates benchmark, so clients and server never share an event
// loop. Opens SSE_COUNT connections to SSE_URL (round robin over SSE_TOKENS), a bounded number at a
// time, then prints `CONNECTED {"open":n,"failed":n}`. For each `instance.changed` event it records when
// it arrived (ms on the machine's clock: timeOrigin + now). On stdin `report` it prints
// `REPORT {"open":n,"received":{instanceId:[ms…]}}`; on `exit` it closes everything and exits.
import { createInterface } from 'node:readline';
import { openSse, type SseClient } from '../../test/support/sse.ts';

const url = process.env.SSE_URL!;
const tokens = process.env.SSE_TOKENS!.split(',');
const count = Number(process.env.SSE_COUNT);
const IN_FLIGHT = 100;

const received = new Map<string, number[]>();
const clients: SseClient[] = [];
let failed = 0;
const onEvent = (e: { event: string; data: string }) => {
  if (e.event !== 'instance.changed') return;
  const at = performance.timeOrigin + performance.now();
  const id = (JSON.parse(e.data) as { instanceId: string }).instanceId;
  const list = received.get(id);
  if (list) list.push(at);
  else received.set(id, [at]);
};

let next = 0;
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (next < count) {
      const k = next++;
      try {
        const client = await openSse(
          url,
          { authorization: `Bearer ${tokens[k % tokens.length]}` },
          { keep: false },
        );
        if (client.status !== 200) {
          failed++;
          continue;
        }
        client.onEvent = onEvent;
        clients.push(client);
      } catch {
        failed++;
      }
    }
  }),
);
process.stdout.write(`CONNECTED ${JSON.stringify({ open: clients.length, failed })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'report') {
    process.stdout.write(
      `REPORT ${JSON.stringify({ open: clients.length, received: Object.fromEntries(received) })}\n`,
    );
  } else if (line === 'exit') {
    for (const c of clients) c.close();
    process.exit(0);
  }
}
