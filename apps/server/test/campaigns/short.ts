import { expect } from 'vitest';
import { seedFrom } from '../../campaigns/support/prng.ts';
import { type Campaign, formatResult } from '../../campaigns/support/result.ts';

/** Runs a campaign's short version with a fresh seed (printed), and fails with its findings. */
export async function runShort(campaign: Campaign, seed = seedFrom(process.env.CAMPAIGN_SEED)) {
  const result = await campaign({ long: false, seed, log: () => {} });
  console.log(formatResult(result));
  expect(result.failures, `seed ${seed}`).toEqual([]);
  expect(result.pass).toBe(true);
  return result;
}
