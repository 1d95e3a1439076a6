import { describe, expect, it } from 'vitest';
import { DefinitionSchema } from '../src/definition.ts';
import { lint } from '../src/lint/index.ts';

/**
 * An appointment request whose visit type is asked either by the scheduler's first task or, when
 * `visitTypeAtStart`, by the start form the front desk fills in on the call.
 */
const appointment = (subject: string, visitTypeAtStart = false) => {
  const visitType = {
    id: 'visitType',
    label: 'Visit type',
    type: 'select',
    required: true,
    options: ['follow-up', 'new-problem'],
  };
  return DefinitionSchema.parse({
    id: 'appointment',
    title: 'Appointment request',
    roles: [{ id: 'scheduler', name: 'Scheduler' }],
    start: 'review',
    intake: {
      roles: ['scheduler'],
      form: [
        { id: 'patient', label: 'Patient reference', type: 'text', required: true },
        { id: 'site', label: 'Site', type: 'select', options: ['main', 'north'] },
        ...(visitTypeAtStart ? [visitType] : []),
      ],
    },
    subject,
    steps: {
      review: {
        type: 'task',
        role: 'scheduler',
        title: 'Work the appointment request',
        outcomes: { booked: 'end' },
        help: 'Book it.',
        form: [visitType, { id: 'bookedSlot', label: 'Slot booked', type: 'text' }],
      },
      end: { type: 'end' },
    },
  });
};

const findings = (subject: string, visitTypeAtStart = false) =>
  lint(appointment(subject, visitTypeAtStart)).filter((f) => f.rule === 'subject-filled-later');

describe('a subject says what the request is from the moment it starts', () => {
  it('warns, in plain words, when what tells requests apart is asked only by a later step', () => {
    const found = findings('{patient} · Appointment: {visitType}');
    expect(found).toEqual([expect.objectContaining({ severity: 'warning', path: 'subject' })]);
    expect(found[0]!.message).toBe(
      'Until step “Work the appointment request” answers “Visit type”, every new request reads “{patient} · Appointment” in pools, Team and Audit, so the front desk cannot tell them apart. Ask it on the start form, or name the request by a start-form field that tells requests apart.',
    );
  });

  it('warns when nothing in the subject is on the start form', () => {
    expect(findings('Appointment: {visitType} {bookedSlot}')).toHaveLength(1);
  });

  it('takes the same subject once the start form asks the visit type', () => {
    expect(findings('{patient} · Appointment: {visitType}', true)).toEqual([]);
  });

  it('takes a later field beside a start field that already tells requests apart', () => {
    expect(findings('{patient} · Appointment · {site} · {bookedSlot}')).toEqual([]);
  });

  it('takes a subject that names no field after whose request it is', () => {
    expect(findings('{patient} · Appointment')).toEqual([]);
  });

  it('leaves a subject that names an unknown field to subject-unknown-field', () => {
    expect(findings('{patient} · Appointment: {visitKind}')).toEqual([]);
  });
});
