// Deterministic simulation: the short schedule passes its invariants after every step, and a seed
// gives the identical trace every time (so a failing seed reproduces exactly).
import { createClient } from '@libsql/client';
import { openStore } from '@portalflow/store';
import { describe, expect, it } from 'vitest';
import { checkInvariants, simulate, simulationCampaign, simWorkflow } from '../../campaigns/simulation.ts';
import { Verdict } from '../../campaigns/support/result.ts';
import { publish, servicesFor, tempDb } from '../support/prepare.ts';
import { runShort } from './short.ts';

describe('campaign: deterministic simulation', () => {
  it('keeps every invariant after every step of a short schedule', async () => {
    const result = await runShort(simulationCampaign);
    expect(Number(result.figures.actions)).toBeGreaterThan(100);
  }, 60_000);

  it('gives the identical trace for the same seed, and another for another seed', async () => {
    const seed = 20261125;
    const [a, b, c] = [await simulate(seed, 40), await simulate(seed, 40), await simulate(seed + 1, 40)];
    expect(a.verdict.failures).toEqual([]);
    expect(b.trace).toEqual(a.trace);
    expect(b.figures).toEqual(a.figures);
    expect(c.trace).not.toEqual(a.trace);
    // The trace is about something: requests answered, faults injected, time passing.
    expect(a.trace.join('\n')).toMatch(/→ 20[01]/);
  }, 60_000);

  it('the invariant check fails on a projection that disagrees with the history', async () => {
    const db = await tempDb();
    const store = await openStore({ url: db.url });
    try {
      await publish(store, simWorkflow);
      const { instances } = servicesFor(store);
      await instances.start({ user: null, role: null }, { definitionId: simWorkflow.id, data: {} });
      const clean = new Verdict();
      await checkInvariants(store, db.url, clean, 'clean');
      expect(clean.failures).toEqual([]);
      const side = createClient({ url: db.url });
      await side.execute("UPDATE tasks SET assignee = 'someone'");
      side.close();
      const broken = new Verdict();
      await checkInvariants(store, db.url, broken, 'broken');
      expect(broken.failures.join('\n')).toMatch(/open tasks differ from replay/);
    } finally {
      await store.close();
      await db.remove();
    }
  });
});
