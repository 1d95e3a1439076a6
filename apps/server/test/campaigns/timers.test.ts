// The short timers campaign (300 deadlines, two processes, 4 restarts);
// `pnpm campaign timers --long` runs 10,000 deadlines through 1,000 restarts.
import { afterAll, describe, expect, it } from 'vitest';
import { timersCampaign } from '../../campaigns/timers.ts';
import { killAllServers } from '../support/processes.ts';
import { runShort } from './short.ts';

afterAll(killAllServers);

describe('campaign: deadlines across restarts', () => {
  it('fires each deadline exactly once, none stuck, none more than a few seconds late', async () => {
    const result = await runShort(timersCampaign);
    expect(result.figures['fired exactly once']).toBe('300/300');
    expect(result.figures.restarts).toBe(4);
  }, 120_000);
});
