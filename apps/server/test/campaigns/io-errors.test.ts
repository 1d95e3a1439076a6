// The short I/O-error campaign (40 rounds of failing writes); `pnpm campaign io-errors --long` runs 400.
import { describe, expect, it } from 'vitest';
import { ioErrorsCampaign } from '../../campaigns/io-errors.ts';
import { runShort } from './short.ts';

describe('campaign: I/O errors on write N', () => {
  it('never acknowledges uncommitted work, never half-applies a step, and recovers', async () => {
    const result = await runShort(ioErrorsCampaign);
    expect(Number(result.figures['writes failed'])).toBeGreaterThan(0);
    expect(Number(result.figures['503 at first try'])).toBeGreaterThan(0);
  }, 60_000);
});
