import { describe, expect, it } from 'vitest';
import type { Definition } from '../src/definition.ts';
import type { HistoryEntry } from '../src/events.ts';
import { lint } from '../src/lint/index.ts';
import { replay } from '../src/replay.ts';
import type { InstanceSnapshot } from '../src/snapshot.ts';
import { transition } from '../src/transition.ts';
import { checkWrites, fieldWriters, startFields } from '../src/writes.ts';

const T0 = '2026-03-02T16:00:00.000Z';
const T1 = '2026-03-02T16:05:00.000Z';

/** A refill: the coordinator records the request (and owns `needsPriorAuth`), a nurse approves, a wait. */
const refill: Definition = {
  id: 'refill',
  title: 'Refill',
  roles: [
    { id: 'coordinator', name: 'Refill coordinator' },
    { id: 'nurse', name: 'Nurse' },
  ],
  start: 'review',
  intake: {
    roles: ['coordinator'],
    form: [
      { id: 'patient', label: 'Patient reference', type: 'text', required: true },
      { id: 'medication', label: 'Medication', type: 'text' },
    ],
  },
  steps: {
    review: {
      type: 'task',
      role: 'coordinator',
      title: 'Review the request',
      outcomes: { prepared: 'approve' },
      form: [
        { id: 'dose', label: 'Dose', type: 'text' },
        { id: 'needsPriorAuth', label: 'Needs prior authorisation', type: 'boolean', ownership: 'owned' },
        { id: 'note', label: 'Note', type: 'text', ownership: 'shared' },
      ],
    },
    approve: {
      type: 'task',
      role: 'nurse',
      title: 'Approve under the standing order',
      outcomes: { approved: 'prior-auth', held: 'await-payer' },
      form: [{ id: 'note', label: 'Note', type: 'text', ownership: 'shared' }],
    },
    'prior-auth': {
      type: 'decision',
      branches: [{ when: 'data.needsPriorAuth == true', to: 'submit' }],
      otherwise: 'sent',
    },
    submit: { type: 'task', role: 'coordinator', title: 'Submit', outcomes: { submitted: 'sent' } },
    'await-payer': { type: 'wait', signal: 'payer-decision', next: 'sent' },
    sent: { type: 'end' },
  },
};

function at(steps: Array<[Parameters<typeof transition>[2], string]>): InstanceSnapshot {
  let snapshot: InstanceSnapshot | null = null;
  for (const [event, when] of steps) {
    const result = transition(refill, snapshot, event, when);
    if (!result.ok) throw result.error;
    snapshot = result.snapshot;
  }
  return snapshot!;
}

const prepared = () =>
  at([
    [{ type: 'start', data: { patient: 'DEMO-1' } }, T0],
    [
      {
        type: 'complete',
        step: 'review',
        outcome: 'prepared',
        role: 'coordinator',
        data: { dose: '10 mg', needsPriorAuth: true },
      },
      T0,
    ],
  ]);

describe('a completion writes only what its step declares', () => {
  it('refuses every undeclared key by name and leaves the snapshot as it was', () => {
    const before = prepared();
    const result = transition(
      refill,
      before,
      {
        type: 'complete',
        step: 'approve',
        outcome: 'approved',
        role: 'nurse',
        data: { needsPriorAuth: false, dose: '100 mg', patient: 'DEMO-9999' },
      },
      T1,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('UNDECLARED_FIELD');
    expect(result.error.message).toBe(
      "Step 'approve' does not declare the fields 'dose', 'needsPriorAuth', 'patient'; it writes only 'note'",
    );
    expect(result.error.details).toEqual({
      step: 'approve',
      fields: ['dose', 'needsPriorAuth', 'patient'],
      allowed: ['note'],
    });
    expect(result.snapshot).toBe(before);
  });

  it('a step with no form writes no data', () => {
    const error = checkWrites(refill, 'submit', { x: 1 });
    expect(error?.code).toBe('UNDECLARED_FIELD');
    expect(error?.message).toBe("Step 'submit' does not declare the field 'x'; it writes no data");
    expect(checkWrites(refill, 'submit', {})).toBeUndefined();
    expect(checkWrites(refill, 'submit', undefined)).toBeUndefined();
  });

  it('declared fields pass and take the decision they feed', () => {
    const s = at([
      [{ type: 'start' }, T0],
      [
        {
          type: 'complete',
          step: 'review',
          outcome: 'prepared',
          role: 'coordinator',
          data: { needsPriorAuth: true },
        },
        T0,
      ],
      [{ type: 'complete', step: 'approve', outcome: 'approved', role: 'nurse', data: { note: 'ok' } }, T1],
    ]);
    expect(Object.values(s.context.active).map((a) => a.step)).toEqual(['submit']);
    expect(s.context.data).toEqual({ needsPriorAuth: true, note: 'ok' });
  });

  it('an undeclared key is refused before the form is checked', () => {
    const result = transition(
      refill,
      at([[{ type: 'start' }, T0]]),
      { type: 'complete', step: 'review', outcome: 'prepared', role: 'coordinator', data: { dose: 5, x: 1 } },
      T0,
    );
    expect(!result.ok && result.error.code).toBe('UNDECLARED_FIELD');
  });
});

describe('a signal writes only what its wait declares', () => {
  it('a wait declares no fields, so signal data is refused; an empty signal is delivered', () => {
    const waiting = at([
      [{ type: 'start' }, T0],
      [{ type: 'complete', step: 'review', outcome: 'prepared', role: 'coordinator' }, T0],
      [{ type: 'complete', step: 'approve', outcome: 'held', role: 'nurse' }, T0],
    ]);
    const refused = transition(
      refill,
      waiting,
      { type: 'signal', name: 'payer-decision', data: { needsPriorAuth: false } },
      T1,
    );
    expect(!refused.ok && refused.error.toJSON()).toEqual({
      code: 'UNDECLARED_FIELD',
      message: "Step 'await-payer' does not declare the field 'needsPriorAuth'; it writes no data",
      details: { step: 'await-payer', fields: ['needsPriorAuth'], allowed: [] },
    });
    const delivered = transition(refill, waiting, { type: 'signal', name: 'payer-decision', data: {} }, T1);
    expect(delivered.ok && delivered.snapshot.status).toBe('done');
  });
});

describe('start data writes only what the start form declares', () => {
  it('refuses every undeclared key by name, saying what the start form takes; nothing starts', () => {
    const result = transition(
      refill,
      null,
      { type: 'start', data: { patient: 'DEMO-1', source: 'fax', phone: '555-0100' } },
      T0,
    );
    expect(!result.ok && result.error.toJSON()).toEqual({
      code: 'UNDECLARED_FIELD',
      message:
        "The start form of 'Refill' does not declare the fields 'phone', 'source'; it takes only 'patient', 'medication'",
      details: { step: null, fields: ['phone', 'source'], allowed: ['patient', 'medication'] },
    });
    expect(result.snapshot).toBeNull();
  });

  it('start-form fields pass; no data at all passes', () => {
    expect(checkWrites(refill, undefined, { patient: 'DEMO-1', medication: 'Lisinopril' })).toBeUndefined();
    expect(checkWrites(refill, undefined, {})).toBeUndefined();
    expect(checkWrites(refill, undefined, undefined)).toBeUndefined();
  });

  it('a workflow with no start form takes no start data', () => {
    const bare: Definition = { ...refill, intake: undefined };
    delete bare.intake;
    const error = checkWrites(bare, undefined, { patient: 'DEMO-1' });
    expect(error?.toJSON()).toEqual({
      code: 'UNDECLARED_FIELD',
      message: "'Refill' declares no start form; it takes no start data, so not the field 'patient'",
      details: { step: null, fields: ['patient'], allowed: [] },
    });
    // Start roles without a form: still no start data.
    const rolesOnly: Definition = { ...refill, intake: { roles: ['coordinator'] } };
    expect(checkWrites(rolesOnly, undefined, { patient: 'DEMO-1' })?.code).toBe('UNDECLARED_FIELD');
    expect(transition(bare, null, { type: 'start' }, T0).ok).toBe(true);
  });

  it('a step field is not start data unless the start form declares it', () => {
    const error = checkWrites(refill, undefined, { patient: 'DEMO-1', dose: '10 mg' });
    expect(error?.code).toBe('UNDECLARED_FIELD');
    expect(error?.details).toEqual({ step: null, fields: ['dose'], allowed: ['patient', 'medication'] });
  });

  it('startFields lists the start form field ids in form order', () => {
    expect(startFields(refill)).toEqual(['patient', 'medication']);
    expect(startFields({ ...refill, intake: { roles: [] } })).toEqual([]);
  });
});

describe('a field a step owns', () => {
  it('start data may not preset it, even when the start form declares it (a lint warning)', () => {
    const declaring: Definition = structuredClone(refill);
    declaring.intake!.form!.push({
      id: 'needsPriorAuth',
      label: 'Needs prior authorisation',
      type: 'boolean',
    });
    expect(lint(declaring).filter((f) => f.rule === 'start-field-owned')).toMatchObject([
      { severity: 'warning', path: 'intake.form.2.id' },
    ]);
    const result = transition(declaring, null, { type: 'start', data: { needsPriorAuth: false } }, T0);
    expect(!result.ok && result.error.toJSON()).toEqual({
      code: 'FIELD_OWNED',
      message: "The field 'needsPriorAuth' is written only by step 'review'",
      details: { step: null, fields: [{ field: 'needsPriorAuth', owner: 'review' }] },
    });
  });

  it('another step declaring it (a lint error) is still refused when it runs', () => {
    const clash: Definition = structuredClone(refill);
    const approve = clash.steps.approve as Extract<Definition['steps'][string], { type: 'task' }>;
    approve.form = [{ id: 'needsPriorAuth', label: 'Override', type: 'boolean' }];
    const error = checkWrites(clash, 'approve', { needsPriorAuth: false });
    expect(error?.code).toBe('FIELD_OWNED');
    expect(error?.message).toBe(
      "The field 'needsPriorAuth' is written only by step 'review', not by 'approve'",
    );
    expect(checkWrites(clash, 'review', { needsPriorAuth: false })).toBeUndefined();
  });

  it('fieldWriters lists every step declaring a field once', () => {
    const writers = fieldWriters(refill);
    expect(writers.get('note')?.map((w) => w.step)).toEqual(['review', 'approve']);
    expect(writers.get('needsPriorAuth')?.map((w) => w.step)).toEqual(['review']);
  });
});

describe('every data change is an effect with old → new', () => {
  it('start data, a first answer and a replaced answer', () => {
    const started = transition(refill, null, { type: 'start', data: { patient: 'DEMO-1' } }, T0);
    if (!started.ok) throw started.error;
    expect(started.effects[0]).toEqual({ type: 'data.changed', changes: { patient: [null, 'DEMO-1'] } });
    const reviewed = transition(
      refill,
      started.snapshot,
      {
        type: 'complete',
        step: 'review',
        outcome: 'prepared',
        role: 'coordinator',
        data: { note: 'first', dose: '10 mg' },
      },
      T0,
    );
    if (!reviewed.ok) throw reviewed.error;
    expect(reviewed.effects[0]).toEqual({
      type: 'data.changed',
      step: 'review',
      token: '1',
      changes: { note: [null, 'first'], dose: [null, '10 mg'] },
    });
    const approved = transition(
      refill,
      reviewed.snapshot,
      { type: 'complete', step: 'approve', outcome: 'approved', role: 'nurse', data: { note: 'second' } },
      T1,
    );
    if (!approved.ok) throw approved.error;
    expect(approved.effects.filter((e) => e.type === 'data.changed')).toEqual([
      { type: 'data.changed', step: 'approve', token: '2', changes: { note: ['first', 'second'] } },
    ]);
    // The same value again is no change.
    const same = transition(
      refill,
      started.snapshot,
      { type: 'complete', step: 'review', outcome: 'prepared', role: 'coordinator', data: {} },
      T0,
    );
    expect(same.ok && same.effects.some((e) => e.type === 'data.changed')).toBe(false);
  });
});

describe('replay applies a recorded history as it was accepted', () => {
  it('a history recorded before the rule (an undeclared write) still replays', () => {
    const history: HistoryEntry[] = [
      { at: T0, event: { type: 'start' } },
      {
        at: T0,
        event: {
          type: 'complete',
          step: 'review',
          outcome: 'prepared',
          role: 'coordinator',
          data: { legacy: 'kept' },
        },
      },
    ];
    const snapshot = replay(refill, history);
    expect(snapshot?.context.data).toEqual({ legacy: 'kept' });
  });

  it('a history whose start data has a key the start form does not declare still replays', () => {
    const history: HistoryEntry[] = [
      { at: T0, event: { type: 'start', data: { patient: 'DEMO-1', source: 'pharmacy fax' } } },
      { at: T0, event: { type: 'complete', step: 'review', outcome: 'prepared', role: 'coordinator' } },
    ];
    const snapshot = replay(refill, history);
    expect(snapshot?.context.data).toEqual({ patient: 'DEMO-1', source: 'pharmacy fax' });
    expect(Object.values(snapshot!.context.active).map((a) => a.step)).toEqual(['approve']);
  });
});
