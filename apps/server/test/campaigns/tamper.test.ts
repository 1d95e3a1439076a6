// The short tamper campaign (90 edits, deletions, reorders and re-hashes made in the SQLite file);
// `pnpm campaign tamper --long` runs 1,000.
import { describe, expect, it } from 'vitest';
import { tamperCampaign } from '../../campaigns/tamper.ts';
import { runShort } from './short.ts';

describe('campaign: tampering with stored history', () => {
  it('detects every edit, by the hash chain or by the signed checkpoint', async () => {
    const result = await runShort(tamperCampaign);
    expect(result.figures.detected).toMatch(/^90\/90 /);
  }, 90_000);
});
