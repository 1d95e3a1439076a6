// Commits to profile with `node --cpu-prof --conditions=source --import tsx packages/store/bench/profile-commits.ts [client]`:
// rounds of 4,000 concurrent new instances (group commit), changes built before each round, on a temp
// file; `client` opens the file through @libsql/client (the remote code path) instead of the native driver.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/index.ts';
import { publish, startChange } from '../test/support/workflow.ts';

const dir = await mkdtemp(join(tmpdir(), 'portalflow-profile-'));
const driver = process.argv[2] === 'client' ? 'client' : 'native';
const store = await openStore({ url: `file:${join(dir, 'p.db')}`, driver });
await publish(store);
let n = 0;
let ms = 0;
for (let round = 0; round < 10; round++) {
  const changes = Array.from({ length: 4000 }, () => startChange(`c-${n++}`));
  const t = performance.now();
  const results = await Promise.all(changes.map((c) => store.commitInstanceChange(c)));
  ms += performance.now() - t;
  if (!results.every((r) => r.ok)) throw new Error('commit lost');
}
await store.close();
await rm(dir, { recursive: true, force: true });
console.log(
  `${driver}: group commit ${Math.round(n / (ms / 1000))} changes/s (noisy: compare profiles, not rates)`,
);
