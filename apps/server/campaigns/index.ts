import { ioErrorsCampaign } from './io-errors.ts';
import { kill9Campaign } from './kill9.ts';
import { powerLossCampaign } from './power-loss.ts';
import { retriesCampaign } from './retries.ts';
import { simulationCampaign } from './simulation.ts';
import type { Campaign } from './support/result.ts';
import { tamperCampaign } from './tamper.ts';
import { timersCampaign } from './timers.ts';

/** Every campaign by the name `pnpm campaign <name>` takes. */
export const CAMPAIGNS: Record<string, Campaign> = {
  kill9: kill9Campaign,
  'io-errors': ioErrorsCampaign,
  'power-loss': powerLossCampaign,
  retries: retriesCampaign,
  simulation: simulationCampaign,
  tamper: tamperCampaign,
  timers: timersCampaign,
};
