// The short kill -9 campaign (5 kills under mixed load); `pnpm campaign kill9 --long` runs 200.
import { afterAll, describe, expect, it } from 'vitest';
import { kill9Campaign } from '../../campaigns/kill9.ts';
import { killAllServers } from '../support/processes.ts';
import { runShort } from './short.ts';

afterAll(killAllServers);

describe('campaign: kill -9 under mixed load', () => {
  it('loses and duplicates no acknowledged step; integrity, chains and projection hold', async () => {
    const result = await runShort(kill9Campaign);
    // The campaign must have exercised something to mean anything.
    expect(Number(result.figures['acked completes'])).toBeGreaterThan(0);
    expect(Number(result.figures['timers fired'])).toBeGreaterThan(0);
  }, 90_000);
});
