// Regenerates the golden histories from the example workflows and their scripts:
//   npx -y pnpm@12.4.2 exec tsx packages/engine/test/support/record-histories.ts
// Each file holds the definition, the recorded events, the effects of every event and the final
// snapshot, so it replays without the examples. Regenerate only for an intended change of behaviour.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDefinition } from '../../src/parse.ts';
import { parseScript, simulate } from '../../src/simulate.ts';
import type { GoldenHistory } from './golden.ts';

const examples = new URL('../../../../examples/', import.meta.url).pathname;
const out = new URL('../fixtures/histories/', import.meta.url).pathname;
const calendar = JSON.parse(readFileSync(join(examples, 'calendar.json'), 'utf8'));

for (const f of readdirSync(out)) if (f.endsWith('.json')) rmSync(join(out, f));
mkdirSync(join(out, 'altered'), { recursive: true });

let written = 0;
for (const file of readdirSync(join(examples, 'workflows')).sort()) {
  const id = file.replace(/\.json$/, '');
  const definition = parseDefinition(JSON.parse(readFileSync(join(examples, 'workflows', file), 'utf8')), {
    filename: file,
  });
  const dir = join(examples, 'scripts', id);
  if (!existsSync(dir)) continue;
  // The two longest stories per workflow: enough to pin behaviour, small enough to review.
  const runs = readdirSync(dir)
    .sort()
    .map((scriptFile) => {
      const script = parseScript(JSON.parse(readFileSync(join(dir, scriptFile), 'utf8')));
      const result = simulate(definition, script, { calendar });
      if (!result.ok) throw new Error(`${id}/${scriptFile}: ${result.error?.message}`);
      return { scriptFile, result };
    })
    .sort(
      (a, b) => b.result.history.length - a.result.history.length || a.scriptFile.localeCompare(b.scriptFile),
    )
    .slice(0, 2);
  for (const { scriptFile, result } of runs) {
    const golden: GoldenHistory = {
      description: `${definition.title}: ${scriptFile.replace(/\.json$/, '')}`,
      definition,
      history: result.history,
      effects: result.steps.map((s) => s.effects),
      snapshot: result.snapshot,
    };
    writeFileSync(join(out, `${id}--${scriptFile}`), `${JSON.stringify(golden, null, 1)}\n`);
    written++;
  }
}
// One deliberately altered copy: the first recorded outcome swapped for another of the same step.
const first = readdirSync(out)
  .filter((f) => f.endsWith('.json'))
  .sort()[0]!;
const altered = JSON.parse(readFileSync(join(out, first), 'utf8')) as GoldenHistory;
const complete = altered.history.find(
  (h) =>
    h.event.type === 'complete' &&
    Object.keys((altered.definition.steps[h.event.step] as { outcomes: object }).outcomes).length > 1,
);
if (complete && complete.event.type === 'complete') {
  const event = complete.event;
  const outcomes = Object.keys(
    (altered.definition.steps[event.step] as { outcomes: Record<string, string> }).outcomes,
  );
  event.outcome = outcomes.find((o) => o !== event.outcome)!;
  altered.description += ' (altered: an outcome was changed after recording)';
  writeFileSync(join(out, 'altered', `outcome-changed--${first}`), `${JSON.stringify(altered, null, 1)}\n`);
}
console.log(`wrote ${written} golden histories to ${out}`);
