// Several processes committing to one file: `node --conditions=source --import tsx
// packages/store/bench/processes.ts [N]` forks N processes (default 3), each a store on the same temp file
// with 16 closed-loop committers for 4 s (new instances, synchronous=FULL), and prints the total rate
// with the p50 and p99 of every commit. Run it with 1 and with N in the same minute to compare.
import { fork } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/index.ts';
import { publish, startChange } from '../test/support/workflow.ts';

if (process.argv[2] === 'child') {
  const store = await openStore({ url: process.argv[3]!, oneWriter: process.env.ONE_WRITER !== '0' });
  const tag = process.argv[4]!;
  const lat: number[] = [];
  let n = 0;
  const end = performance.now() + 4000;
  await Promise.all(
    Array.from({ length: 16 }, async (_, k) => {
      while (performance.now() < end) {
        const t = performance.now();
        const r = await store.commitInstanceChange(startChange(`${tag}-${k}-${n++}`));
        if (!r.ok) throw new Error('lost');
        lat.push(performance.now() - t);
      }
    }),
  );
  await store.close();
  process.send?.({ n: lat.length, lat });
} else {
  const P = Number(process.argv[2] ?? 3);
  const dir = await mkdtemp(join(tmpdir(), 'pf-mp-'));
  const url = `file:${join(dir, 'm.db')}`;
  const s = await openStore({ url });
  await publish(s);
  await s.close();
  const all: number[] = [];
  let total = 0;
  await Promise.all(
    Array.from(
      { length: P },
      (_, i) =>
        new Promise<void>((res) => {
          const c = fork(new URL(import.meta.url).pathname, ['child', url, `p${i}`], {
            execArgv: ['--conditions=source', '--import', 'tsx'],
          });
          c.on('message', (m: { n: number; lat: number[] }) => {
            total += m.n;
            all.push(...m.lat);
          });
          c.on('exit', () => res());
        }),
    ),
  );
  all.sort((a, b) => a - b);
  console.log(
    `${P} processes: ${(total / 4).toFixed(0)}/s p50 ${all[Math.floor(all.length / 2)]!.toFixed(1)} p99 ${all[Math.floor(all.length * 0.99)]!.toFixed(1)} ms`,
  );
}
