import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberClinicConfig } from '../src/shell/clinic.ts';
import { waitingText, waitText } from '../src/work/statusText.ts';

// Monday 7 December 2026, 11:00 in Denver.
const now = Date.parse('2026-12-07T18:00:00Z');
const step = { roleName: 'Provider', step: 'Decide on the refill request', taken: false };

beforeAll(() =>
  rememberClinicConfig({ clinic: { name: 'Clinic' }, timeZone: 'America/Denver', calendar: null }),
);
afterAll(() => rememberClinicConfig(null));

describe('waitingText', () => {
  it('says who has the step, whether someone is on it, and the clinic clock time it is due', () => {
    const r = waitingText({ ...step, due: '2026-12-08T15:00:00Z' }, now);
    expect(r.overdue).toBe(false);
    expect(r.text).toBe(
      'With Provider — Decide on the refill request · waiting in the pool · due Tomorrow 8:00 AM (in 21 h)',
    );
  });

  it('says a step past its due time is overdue, since when and how late', () => {
    const r = waitingText({ ...step, taken: true, due: '2026-12-07T15:00:00Z' }, now);
    expect(r.overdue).toBe(true);
    expect(r.text).toBe(
      'With Provider — Decide on the refill request · a colleague is working on it · overdue since Today 8:00 AM (3 h late)',
    );
  });

  it('names the colleague working on it, or the reader themself, as My work does', () => {
    const taken = { ...step, taken: true, due: null };
    expect(waitingText(taken, now, 'Keisha Brown').text).toBe(
      'With Provider — Decide on the refill request · Keisha Brown is working on it',
    );
    expect(waitingText(taken, now, 'You').text).toBe(
      'With Provider — Decide on the refill request · you are working on it',
    );
  });

  it('leaves out what the caller may not read, and a due time there is none of', () => {
    expect(waitingText({ roleName: 'Provider', step: null, taken: false, due: null }, now).text).toBe(
      'With Provider · waiting in the pool',
    );
  });
});

describe('waitText', () => {
  it('says what the request waits for, where no pool has it, and until when at the latest', () => {
    expect(
      waitText(
        { step: 'Held until the provider talks with the patient', until: '2026-12-10T15:00:00Z' },
        now,
      ),
    ).toBe(
      'Waiting — Held until the provider talks with the patient · until Thu, Dec 10, 8:00 AM at the latest (in 3 d)',
    );
  });

  it('says only that it waits, and until when, to a caller who may not read the request', () => {
    expect(waitText({ step: null, until: '2026-12-08T15:00:00Z' }, now)).toBe(
      'Waiting for an answer or a set time, not on anyone’s list · until Tomorrow 8:00 AM at the latest (in 21 h)',
    );
  });

  it('has no end to give when only an answer ends the wait', () => {
    expect(waitText({ step: 'Wait for the patient to reply', until: null }, now)).toBe(
      'Waiting — Wait for the patient to reply · until the answer comes',
    );
  });
});
