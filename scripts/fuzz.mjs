// Long fuzz run on demand: `pnpm fuzz` (100,000 generated requests and definitions by default).
// `FUZZ_RUNS=N` changes the count, `FUZZ_SEED=S` replays a run. CI runs the same tests with a few thousand.
import { spawnSync } from 'node:child_process';

const runs = process.env.FUZZ_RUNS ?? '100000';
const started = Date.now();
const result = spawnSync(
  'npx',
  ['vitest', 'run', 'apps/server/test/fuzz.test.ts', 'apps/server/test/definition-fuzz.test.ts'],
  { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs } },
);
console.log(
  `fuzz: ${runs} runs per property, ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${result.status}`,
);
process.exit(result.status ?? 1);
