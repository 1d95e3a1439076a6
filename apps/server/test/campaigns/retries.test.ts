// The short retries campaign (400 operations through a connection-cutting proxy);
// `pnpm campaign retries --long` runs 5,000.
import { afterAll, describe, expect, it } from 'vitest';
import { retriesCampaign } from '../../campaigns/retries.ts';
import { killAllServers } from '../support/processes.ts';
import { runShort } from './short.ts';

afterAll(killAllServers);

describe('campaign: retries after cut connections', () => {
  it('has zero duplicate effects, and a retry after a commit gets the original answer', async () => {
    const result = await runShort(retriesCampaign);
    expect(result.figures['duplicate effects']).toBe(0);
    expect(result.figures['connections cut']).toMatch(/"drop-response":[1-9]/);
  }, 90_000);
});
