import { type BenchRow, medianMs } from '../../../scripts/bench-table.ts';
import { createHelpSearch, type Searchable } from '../src/text/help-search.ts';

const WORDS = (
  'password reset locked account activation code expired email proxy access parent guardian caregiver ' +
  'message reply nurse provider urgent symptoms lab results release refill pharmacy prescription ' +
  'appointment schedule billing statement insurance payment portal sign enrollment tablet identity ' +
  'verify front desk video phone browser spanish reminder visit summary form signature court teen'
).split(' ');

/** A clinic with `n` help entries of realistic length (a 12-word question, an 80-word answer). */
function library(n: number): Searchable[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return WORDS[seed % WORDS.length]!;
  };
  const words = (k: number) => Array.from({ length: k }, next).join(' ');
  return Array.from({ length: n }, (_, i) => ({
    id: `e${i}`,
    title: `How do I ${words(10)}?`,
    body: `${words(40)}.\n\n- ${words(20)}\n- ${words(20)}`,
    category: words(1),
    tags: [next(), next(), next()],
  }));
}

/**
 * The staff FAQ and the patients' page build the index when the entries arrive and search on every
 * keystroke: a keystroke must stay well under a frame, the index build under a blink.
 */
export async function helpSearchBenchmarks(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of [100, 1000]) {
    const entries = library(n);
    const build = medianMs(() => createHelpSearch(entries), 9);
    const search = createHelpSearch(entries);
    const exact = medianMs(() => search('reset password'), 15);
    const typo = medianMs(() => search('activaton cod expird'), 15);
    const buildGoal = n <= 100 ? 20 : 200;
    const searchGoal = n <= 100 ? 2 : 16;
    rows.push(
      {
        name: `build index, ${n} entries`,
        value: build,
        unit: 'ms',
        goal: `< ${buildGoal} ms`,
        met: build < buildGoal,
      },
      {
        name: `search, ${n} entries, exact words`,
        value: exact,
        unit: 'ms',
        goal: `< ${searchGoal} ms`,
        met: exact < searchGoal,
      },
      {
        name: `search, ${n} entries, typos and prefix`,
        value: typo,
        unit: 'ms',
        goal: `< ${searchGoal} ms`,
        met: typo < searchGoal,
      },
    );
  }
  return rows;
}
