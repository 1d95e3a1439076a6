// Commits to profile with `node --cpu-prof --import tsx packages/store/bench/profile-commits.ts [url]`:
// 20,000 changes in concurrent bursts (group commit) then 1,000 one at a time, on a temp file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/index.ts';
import { publish, startChange } from '../test/support/workflow.ts';

const dir = await mkdtemp(join(tmpdir(), 'portalflow-profile-'));
const driver = process.argv[2] === 'client' ? 'client' : undefined;
const store = await openStore({ url: `file:${join(dir, 'p.db')}`, ...(driver ? { driver } : {}) });
await publish(store);
let n = 0;
const t0 = performance.now();
for (let round = 0; round < 10; round++) {
  const results = await Promise.all(
    Array.from({ length: 2000 }, () => store.commitInstanceChange(startChange(`c-${n++}`))),
  );
  if (!results.every((r) => r.ok)) throw new Error('commit lost');
}
const t1 = performance.now();
for (let i = 0; i < 1000; i++) {
  if (!(await store.commitInstanceChange(startChange(`c-${n++}`))).ok) throw new Error('commit lost');
}
const t2 = performance.now();
await store.close();
await rm(dir, { recursive: true, force: true });
console.log(
  `group ${Math.round(20000 / ((t1 - t0) / 1000))}/s, single ${Math.round(1000 / ((t2 - t1) / 1000))}/s (noisy)`,
);
