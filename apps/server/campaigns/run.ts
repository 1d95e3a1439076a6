// `pnpm campaign <name> [--long] [--seed N]`: runs one fault campaign, prints its figures and a final
// PASS or FAIL line; exit 0 on PASS, 1 on FAIL, 2 on a usage error.
import { parseArgs } from 'node:util';
import { CAMPAIGNS } from './index.ts';
import { seedFrom } from './support/prng.ts';
import { formatResult } from './support/result.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { long: { type: 'boolean', default: false }, seed: { type: 'string' } },
});
const name = positionals[0];
const campaign = name ? CAMPAIGNS[name] : undefined;
if (!campaign) {
  process.stderr.write(`usage: pnpm campaign <${Object.keys(CAMPAIGNS).join('|')}> [--long] [--seed N]\n`);
  process.exit(2);
}
const started = performance.now();
const result = await campaign({
  long: values.long === true,
  seed: seedFrom(values.seed),
  log: (line) => process.stderr.write(`${line}\n`),
});
result.figures['duration (s)'] = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`${formatResult(result)}\n`);
process.exit(result.pass ? 0 : 1);
