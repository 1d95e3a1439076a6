import { describe, expect, it } from 'vitest';
import { DefinitionSchema } from '../src/definition.ts';
import { validateIntake } from '../src/intake.ts';
import { lint } from '../src/lint/index.ts';
import { parseSubject, renderSubject, subjectFields } from '../src/subject.ts';

const refill = DefinitionSchema.parse({
  id: 'refill',
  title: 'Refill',
  roles: [{ id: 'coordinator', name: 'Refill coordinator' }],
  start: 'prepare',
  intake: {
    roles: ['front-desk'],
    form: [
      { id: 'patientRef', label: 'Patient reference', type: 'text', required: true },
      { id: 'medication', label: 'Medication', type: 'text', required: true },
      { id: 'days', label: 'Days left', type: 'number' },
    ],
  },
  subject: '{patientRef} · Refill: {medication}',
  steps: {
    prepare: { type: 'task', role: 'coordinator', title: 'Prepare', outcomes: { done: 'end' }, help: 'x' },
    end: { type: 'end' },
  },
});

describe('subject templates', () => {
  it('parses text and field parts, with doubled braces as literal braces', () => {
    expect(parseSubject('{patientRef} · {{x}} {medication}')).toEqual({
      ok: true,
      parts: [{ field: 'patientRef' }, { text: ' · {x} ' }, { field: 'medication' }],
    });
    expect(subjectFields('{a}-{b}')).toEqual(['a', 'b']);
  });

  it.each([
    ['{patientRef', 'never closed'],
    ['oops}', 'closes nothing'],
    ['{}', 'not a field name'],
    ['{a.b}', 'not a field name'],
    ['{constructor()}', 'not a field name'],
  ])('refuses %s', (template, message) => {
    const parsed = parseSubject(template);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('renders from data; missing fields leave nothing, never "undefined"', () => {
    expect(renderSubject(refill.subject, { patientRef: 'DEMO-5001', medication: 'lisinopril' })).toBe(
      'DEMO-5001 · Refill: lisinopril',
    );
    expect(renderSubject(refill.subject, { patientRef: 'DEMO-5001' })).toBe('DEMO-5001 · Refill');
    expect(renderSubject(refill.subject, { medication: 'lisinopril' })).toBe('Refill: lisinopril');
    expect(renderSubject('{a}{b}', {})).toBeNull();
    expect(renderSubject(undefined, { a: 1 })).toBeNull();
    expect(renderSubject('{n} / {b}', { n: 3, b: true })).toBe('3 / true');
    expect(renderSubject('{o}', { o: { toString: () => 'leak' } })).toBeNull();
  });

  it('never evaluates: a template is only filled in', () => {
    expect(renderSubject('{__proto__}', {})).toBeNull();
    expect(parseSubject('${process.exit()}').ok).toBe(false);
    expect(renderSubject('${process.exit()}', {})).toBeNull();
    expect(renderSubject('{toString}', {})).toBeNull();
  });

  it('cuts long subjects', () => {
    const text = renderSubject('{a}', { a: 'x'.repeat(500) })!;
    expect(text).toHaveLength(200);
    expect(text.endsWith('…')).toBe(true);
  });

  it('lints clean when every field is declared, and names an unknown one', () => {
    expect(lint(refill).filter((f) => f.rule === 'subject-unknown-field')).toEqual([]);
    const typo = { ...refill, subject: '{patientRef} · {medicine}' };
    const found = lint(typo).filter((f) => f.rule === 'subject-unknown-field');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('medicine');
    expect(found[0]!.severity).toBe('error');
  });
});

describe('start forms', () => {
  it('accepts only declared fields, each of its type', () => {
    expect(validateIntake(refill, { patientRef: 'DEMO-5001', medication: 'lisinopril', days: 3 })).toEqual(
      [],
    );
    expect(validateIntake(refill, { patientRef: 'DEMO-5001', medication: 'x', dose: '10mg' })).toEqual([
      { field: 'dose', message: '"dose" is not a field of this start form' },
    ]);
    expect(validateIntake(refill, { medication: 'x', days: 'three' }).map((e) => e.field)).toEqual([
      'patientRef',
      'days',
    ]);
  });

  it('is optional in the format', () => {
    const { intake: _i, subject: _s, ...plain } = refill;
    expect(DefinitionSchema.safeParse(plain).success).toBe(true);
    expect(DefinitionSchema.safeParse({ ...refill, intake: { roles: ['x'], extra: 1 } }).success).toBe(false);
  });
});
