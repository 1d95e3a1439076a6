import type { TestSendOutcome } from '@portalflow/contract';

/** A failure as the failure words write it (`CODE: sentence`) split for a screen that shows both. */
export function failureOf(words: string): NonNullable<TestSendOutcome['failure']> {
  const m = /^([A-Z_]+): (.*)$/s.exec(words);
  return m ? { code: m[1]!, message: m[2]! } : { code: 'FAILED', message: words };
}
