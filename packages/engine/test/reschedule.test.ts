import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical.ts';
import type { Definition } from '../src/definition.ts';
import type { EngineEvent, HistoryEntry } from '../src/events.ts';
import { parseDefinition } from '../src/parse.ts';
import { replay } from '../src/replay.ts';
import type { InstanceSnapshot } from '../src/snapshot.ts';
import { transition } from '../src/transition.ts';

/**
 * The clinic's hours change while requests are open: a `calendar-changed` event moves each open
 * business-hours deadline still where the old hours put it, leaves hand-set and wall-clock ones,
 * and later steps count in the new hours.
 */

const weekdays = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['08:00', '17:00']]]),
);
const HOURS = { timeZone: 'America/Denver', hours: weekdays, holidays: [] as string[] };
const SNOW_DAY = { ...HOURS, holidays: ['2027-01-07'] };
// 08:00 on Thursday 7 January 2027 in Denver.
const OPEN = '2027-01-07T15:00:00.000Z';

const CALLBACK: Definition = parseDefinition({
  id: 'callback',
  title: 'Call back',
  roles: [
    { id: 'desk', name: 'Front desk' },
    { id: 'nurse', name: 'Nurse' },
  ],
  start: 'both',
  steps: {
    both: { type: 'parallel', branches: ['call', 'chart'], join: 'review' },
    call: {
      type: 'task',
      role: 'desk',
      title: 'Call the patient',
      deadline: { after: 'PT2H', calendar: 'business', escalateTo: 'nurse' },
      outcomes: { called: 'review' },
    },
    chart: {
      type: 'task',
      role: 'nurse',
      title: 'Update the chart',
      deadline: { after: 'PT2H', escalateTo: 'desk' },
      outcomes: { updated: 'review' },
    },
    review: {
      type: 'task',
      role: 'nurse',
      title: 'Review',
      deadline: { after: 'PT1H', calendar: 'business', escalateTo: 'desk' },
      outcomes: { done: 'end' },
    },
    end: { type: 'end' },
  },
});

function run(events: Array<[string, EngineEvent]>) {
  let snapshot: InstanceSnapshot | null = null;
  const history: HistoryEntry[] = [];
  let last: ReturnType<typeof transition> | undefined;
  for (const [at, event] of events) {
    last = transition(CALLBACK, snapshot, event, at);
    if (!last.ok) throw last.error;
    snapshot = last.snapshot;
    history.push({ at, event });
  }
  return { snapshot: snapshot!, effects: last!.ok ? last!.effects : [], history };
}
const task = (s: InstanceSnapshot, step: string) =>
  Object.values(s.context.active).find((a) => a.step === step)!;

describe('calendar-changed', () => {
  it('moves an open business-hours deadline into the new hours; a wall-clock one stays', () => {
    const before = run([[OPEN, { type: 'start', calendar: HOURS }]]);
    expect(task(before.snapshot, 'call').due).toBe('2027-01-07T17:00:00.000Z');
    const after = run([
      [OPEN, { type: 'start', calendar: HOURS }],
      ['2027-01-07T15:05:00.000Z', { type: 'calendar-changed', calendar: SNOW_DAY, actor: 'u-admin' }],
    ]);
    const call = task(after.snapshot, 'call');
    // Closed on Thursday: two business hours from its opening end at 10:00 on Friday.
    expect(call.due).toBe('2027-01-08T17:00:00.000Z');
    expect(after.snapshot.context.timers[`${call.token}.deadline`]?.due).toBe('2027-01-08T17:00:00.000Z');
    expect(task(after.snapshot, 'chart').due).toBe('2027-01-07T17:00:00.000Z');
    expect(after.snapshot.context.calendar).toEqual(SNOW_DAY);
    expect(after.effects).toEqual([
      {
        type: 'task.updated',
        token: call.token,
        step: 'call',
        reason: 'rescheduled',
        changes: { due: ['2027-01-07T17:00:00.000Z', '2027-01-08T17:00:00.000Z'] },
      },
      {
        type: 'timer.set',
        id: `${call.token}.deadline`,
        token: call.token,
        step: 'call',
        kind: 'deadline',
        due: '2027-01-08T17:00:00.000Z',
      },
    ]);
  });

  it('leaves a deadline a lead set by hand', () => {
    const { snapshot, effects } = run([
      [OPEN, { type: 'start', calendar: HOURS }],
      [OPEN, { type: 'reassign', step: 'call', due: '2027-01-07T23:00:00.000Z' }],
      ['2027-01-07T15:05:00.000Z', { type: 'calendar-changed', calendar: SNOW_DAY }],
    ]);
    expect(task(snapshot, 'call').due).toBe('2027-01-07T23:00:00.000Z');
    expect(effects).toEqual([]);
    expect(snapshot.context.calendar).toEqual(SNOW_DAY);
  });

  it('later steps count in the new hours', () => {
    const { snapshot } = run([
      [OPEN, { type: 'start', calendar: HOURS }],
      ['2027-01-07T15:05:00.000Z', { type: 'calendar-changed', calendar: SNOW_DAY }],
      ['2027-01-07T15:10:00.000Z', { type: 'complete', step: 'call', outcome: 'called', role: 'desk' }],
      ['2027-01-07T15:20:00.000Z', { type: 'complete', step: 'chart', outcome: 'updated', role: 'nurse' }],
    ]);
    // Opened on the snow day: one business hour ends at 09:00 on Friday.
    expect(task(snapshot, 'review').due).toBe('2027-01-08T16:00:00.000Z');
  });

  it('replays to the live state', () => {
    const live = run([
      [OPEN, { type: 'start', calendar: HOURS }],
      ['2027-01-07T15:05:00.000Z', { type: 'calendar-changed', calendar: SNOW_DAY }],
      ['2027-01-07T15:10:00.000Z', { type: 'complete', step: 'call', outcome: 'called', role: 'desk' }],
      ['2027-01-07T16:00:00.000Z', { type: 'calendar-changed', calendar: HOURS }],
    ]);
    expect(canonicalJson(replay(CALLBACK, live.history))).toBe(canonicalJson(live.snapshot));
  });

  it('refuses hours that are not a calendar, and changes nothing', () => {
    const { snapshot } = run([[OPEN, { type: 'start', calendar: HOURS }]]);
    const refused = transition(
      CALLBACK,
      snapshot,
      { type: 'calendar-changed', calendar: { timeZone: 'UTC', hours: {} } },
      '2027-01-07T15:05:00.000Z',
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('CALENDAR_INVALID');
    expect(refused.snapshot).toBe(snapshot);
  });
});
