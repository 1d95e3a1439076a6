import type { Calendar } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { runScript } from '../src/model/simulation.ts';
import { instantOfWall, simulationStart, wallOf } from '../src/model/simulationStart.ts';
import { triage } from './model-support.ts';

/** A Denver clinic open 8:00–17:00 on weekdays, closed on New Year's Day. */
const DENVER: Calendar = {
  timeZone: 'America/Denver',
  hours: {
    mon: [['08:00', '17:00']],
    tue: [['08:00', '17:00']],
    wed: [['08:00', '17:00']],
    thu: [['08:00', '17:00']],
    fri: [['08:00', '17:00']],
  },
  holidays: ['2027-01-01'],
};

describe('a practice run starts at the clinic’s next working moment', () => {
  it('during opening hours: now, on the next whole minute', () => {
    // Monday 7 Dec 2026, 10:14:20 in Denver (17:14:20 UTC).
    expect(simulationStart('2026-12-07T17:14:20.500Z', DENVER)).toBe('2026-12-07T17:15:00.000Z');
    expect(simulationStart('2026-12-07T17:14:00.000Z', DENVER)).toBe('2026-12-07T17:14:00.000Z');
  });

  it('on a weekend, at night or on a closed day: the next opening', () => {
    // Sunday 6 Dec 2026, 8:35 AM in Denver → Monday 8:00 AM.
    expect(simulationStart('2026-12-06T15:35:00.000Z', DENVER)).toBe('2026-12-07T15:00:00.000Z');
    // Friday 4 Dec, 5:30 PM → Monday 8:00 AM.
    expect(simulationStart('2026-12-05T00:30:00.000Z', DENVER)).toBe('2026-12-07T15:00:00.000Z');
    // New Year's Eve after closing → Saturday, Sunday and the holiday pass: Monday 4 Jan 2027.
    expect(simulationStart('2027-01-01T02:00:00.000Z', DENVER)).toBe('2027-01-04T15:00:00.000Z');
  });

  it('the start box reads and writes the clinic’s wall clock', () => {
    expect(wallOf('2026-12-07T15:00:00.000Z', 'America/Denver')).toBe('2026-12-07T08:00');
    expect(instantOfWall('2027-01-04T10:30', 'America/Denver')).toBe('2027-01-04T17:30:00.000Z');
    expect(instantOfWall('not a time', 'America/Denver')).toBeNull();
  });

  it('the run starts at the chosen moment', () => {
    expect(runScript(triage(), [{ type: 'start' }], undefined, '2027-01-04T17:30:00.000Z').clock).toBe(
      '2027-01-04T17:30:00.000Z',
    );
  });
});
