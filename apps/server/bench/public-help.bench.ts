// The public help page a patient's phone asks for on every look: the earlier addresses of renamed
// answers come from the clinic's whole help edit history, kept in memory per process after the first
// read. Measured in process (`app.request`, no socket) against a real database file, next to the same
// request with the kept addresses forgotten before each one (what every request cost before).
import type { BenchRow } from '../../../scripts/bench-table.ts';
import { earlierAddresses } from '../src/help/earlier-addresses.ts';
import { makeApp } from '../test/support/app.ts';

const CLINIC = 'riverside';
const ANSWERS = 40;
/** Edits per answer: a clinic two years in, rewording its answers now and then. */
const EDITS = 25;
const RUNS = 40;

async function medianAsyncMs(fn: () => Promise<unknown>, runs: number): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function publicHelpBenchmarks(): Promise<BenchRow[]> {
  const t = await makeApp({ publish: false, users: [] });
  try {
    const at = t.clock.now();
    await t.store.putHelpClinic({ slug: CLINIC, name: 'Riverside', at });
    for (let i = 0; i < ANSWERS; i++) {
      let entry = await t.store.createHelpEntry({
        clinic: CLINIC,
        kind: 'faq',
        audience: 'patients',
        language: i % 2 ? 'es' : 'en',
        category: 'Billing',
        title: `Answer ${i}`,
        body: 'Online or by phone.',
        tags: [],
        videoUrl: null,
        status: 'published',
        userId: null,
        at,
      });
      for (let n = 1; entry && n < EDITS; n++) {
        const r = await t.store.updateHelpEntry({
          id: entry.id,
          expectedRevision: entry.revision,
          patch: { title: `Answer ${i}, wording ${n}` },
          userId: null,
          at,
        });
        entry = r.ok ? r.entry : null;
      }
    }
    const look = async () => {
      const res = await t.app.request(`/api/public/help/${CLINIC}`);
      if (res.status !== 200) throw new Error(`public help: ${res.status}`);
      await res.arrayBuffer();
    };
    const kept = await medianAsyncMs(look, RUNS);
    const readEachTime = await medianAsyncMs(async () => {
      earlierAddresses(t.store).forget(CLINIC);
      await look();
    }, RUNS);
    const name = `public help page, ${ANSWERS} answers, ${ANSWERS * EDITS} edits in the history`;
    return [
      { name: `${name}: addresses kept`, value: kept, unit: 'ms', goal: '< 10 ms', met: kept < 10 },
      {
        name: `${name}: history read each time`,
        value: readEachTime,
        unit: 'ms',
        note: `kept is ${(readEachTime / kept).toFixed(1)}× faster`,
      },
    ];
  } finally {
    await t.close();
  }
}
