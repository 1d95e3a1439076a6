// One process of SSE clients for the live-updates benchmark, so clients and server never share an event
// loop. Opens SSE_COUNT connections to SSE_URL (round robin over SSE_TOKENS), a bounded number at a
// time, then prints `CONNECTED {"open":n,"failed":n}`. For each `instance.changed` event it records when
// it arrived (ms on the machine's clock: timeOrigin + now). On stdin `report` it prints
// `REPORT {"open":n,"received":{instanceId:[ms…]}}`; on `exit` it closes everything and exits.
// The parsing is deliberately minimal (find the instance id in each complete frame): the benchmark
// measures the server, and 2,500 connections per process would otherwise spend their CPU on parsing.
import { type ClientRequest, request } from 'node:http';
import { createInterface } from 'node:readline';

const url = process.env.SSE_URL!;
const tokens = process.env.SSE_TOKENS!.split(',');
const count = Number(process.env.SSE_COUNT);
const IN_FLIGHT = 100;
const MARK = '"instanceId":"';

const received = new Map<string, number[]>();
const requests: ClientRequest[] = [];
let open = 0;
let failed = 0;

function record(frame: string, at: number): void {
  if (!frame.includes('event: instance.changed')) return;
  const from = frame.indexOf(MARK);
  if (from < 0) return;
  const start = from + MARK.length;
  const id = frame.slice(start, frame.indexOf('"', start));
  const list = received.get(id);
  if (list) list.push(at);
  else received.set(id, [at]);
}

function connect(token: string): Promise<void> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` }, agent: false },
      (res) => {
        if (res.statusCode !== 200) {
          failed++;
          res.resume();
          resolve();
          return;
        }
        open++;
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          const at = performance.timeOrigin + performance.now();
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            record(buffer.slice(0, end), at);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        });
        res.on('error', () => {});
        resolve();
      },
    );
    req.on('error', () => {
      failed++;
      resolve();
    });
    req.end();
    requests.push(req);
  });
}

let next = 0;
await Promise.all(
  Array.from({ length: IN_FLIGHT }, async () => {
    while (next < count) await connect(tokens[next++ % tokens.length]!);
  }),
);
process.stdout.write(`CONNECTED ${JSON.stringify({ open, failed })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'report') {
    process.stdout.write(`REPORT ${JSON.stringify({ open, received: Object.fromEntries(received) })}\n`);
  } else if (line === 'exit') {
    for (const req of requests) req.destroy();
    process.exit(0);
  }
}
