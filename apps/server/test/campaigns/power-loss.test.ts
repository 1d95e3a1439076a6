// The short power-loss campaign (5 copies under load, WAL cut or torn at 60 points);
// `pnpm campaign power-loss --long` tears 500.
import { afterAll, describe, expect, it } from 'vitest';
import { powerLossCampaign } from '../../campaigns/power-loss.ts';
import { killAllServers } from '../support/processes.ts';
import { runShort } from './short.ts';

afterAll(killAllServers);

describe('campaign: power loss mid-write', () => {
  it('opens every torn copy as a prefix of the acknowledged history', async () => {
    const result = await runShort(powerLossCampaign);
    expect(result.figures['opened, integrity ok, chains valid']).toBe(60);
    expect(Number(result.figures['acknowledged-before-copy events checked'])).toBeGreaterThan(0);
    expect(Number(result.figures['mid-frame'])).toBeGreaterThan(0);
  }, 90_000);
});
