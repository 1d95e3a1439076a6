import { describe, expect, it } from 'vitest';
import { waitingText } from '../src/work/statusText.ts';

const now = Date.parse('2026-12-07T18:00:00Z');
const step = { roleName: 'Provider', step: 'Decide on the refill request', taken: false };

describe('waitingText', () => {
  it('says who has the step, whether someone is on it, and until when', () => {
    const r = waitingText({ ...step, due: '2026-12-08T15:00:00Z' }, now);
    expect(r.overdue).toBe(false);
    expect(r.text).toMatch(/^With Provider — Decide on the refill request · waiting in the pool · due /);
  });

  it('says a step past its due time is overdue', () => {
    const r = waitingText({ ...step, taken: true, due: '2026-12-07T15:00:00Z' }, now);
    expect(r.overdue).toBe(true);
    expect(r.text).toMatch(/· a colleague is working on it · overdue since /);
  });

  it('leaves out what the caller may not read, and a due time there is none of', () => {
    expect(waitingText({ roleName: 'Provider', step: null, taken: false, due: null }, now).text).toBe(
      'With Provider · waiting in the pool',
    );
  });
});
