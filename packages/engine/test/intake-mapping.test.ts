import { describe, expect, it } from 'vitest';
import { type Definition, DefinitionSchema } from '../src/definition.ts';
import { mapIntake } from '../src/intake-mapping.ts';
import { pointerProblem, resolvePointer } from '../src/json-pointer.ts';

const definition: Definition = DefinitionSchema.parse({
  id: 'refill',
  title: 'Refill',
  roles: [{ id: 'nurse', name: 'Nurse' }],
  start: 'review',
  intake: {
    roles: [],
    form: [
      { id: 'patient', label: 'Patient reference', type: 'text', required: true },
      { id: 'doses', label: 'Doses left', type: 'number' },
      { id: 'note', label: 'Note', type: 'textarea' },
    ],
    webhook: { fields: { patient: '/patient/id', doses: '/supply/doses', note: '/notes/0/text' } },
    fhir: { category: { code: 'refill' }, fields: { patient: '/subject/reference' } },
  },
  steps: {
    review: { type: 'task', title: 'Review', role: 'nurse', outcomes: { done: 'end' } },
    end: { type: 'end' },
  },
});

describe('JSON pointers (RFC 6901)', () => {
  const doc = { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'm~n': 8, nested: { k: null } };

  it('reads the examples of RFC 6901 section 5', () => {
    expect(resolvePointer(doc, '/foo')).toEqual(['bar', 'baz']);
    expect(resolvePointer(doc, '/foo/0')).toBe('bar');
    expect(resolvePointer(doc, '/')).toBe(0);
    expect(resolvePointer(doc, '/a~1b')).toBe(1);
    expect(resolvePointer(doc, '/m~0n')).toBe(8);
  });

  it('finds nothing past the document, at a non-index of an array, or in inherited properties', () => {
    expect(resolvePointer(doc, '/foo/2')).toBeUndefined();
    expect(resolvePointer(doc, '/foo/01')).toBeUndefined();
    expect(resolvePointer(doc, '/foo/-')).toBeUndefined();
    expect(resolvePointer(doc, '/nested/k/deeper')).toBeUndefined();
    expect(resolvePointer(doc, '/constructor')).toBeUndefined();
    expect(resolvePointer(doc, '/nested/__proto__')).toBeUndefined();
  });

  it('says why a string is not a pointer', () => {
    expect(pointerProblem('/patient/id')).toBeNull();
    expect(pointerProblem('patient.id')).toMatch(/start with/);
    expect(pointerProblem('/a~2')).toMatch(/~/);
    expect(pointerProblem('')).toMatch(/whole message/);
  });
});

describe('mapIntake', () => {
  it('reads each mapped start-form field from the message', () => {
    const mapped = mapIntake(definition, 'webhook', {
      patient: { id: 'DEMO-1' },
      supply: { doses: 3 },
      notes: [{ text: 'ran out' }],
      extra: 'ignored',
    });
    expect(mapped).toEqual({ ok: true, data: { patient: 'DEMO-1', doses: 3, note: 'ran out' } });
  });

  it('names the start-form field and its pointer when a required value is missing or of the wrong kind', () => {
    const missing = mapIntake(definition, 'webhook', { supply: { doses: 3 } });
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.errors).toEqual([
      {
        field: 'patient',
        pointer: '/patient/id',
        message: 'Patient reference is required (read from /patient/id)',
      },
    ]);
    const wrong = mapIntake(definition, 'webhook', { patient: { id: 'DEMO-1' }, supply: { doses: 'three' } });
    expect(wrong.ok ? [] : wrong.errors.map((e) => e.field)).toEqual(['doses']);
  });

  it('uses the map of the channel the message came on, and refuses a channel the workflow does not take', () => {
    expect(mapIntake(definition, 'fhir', { subject: { reference: 'Patient/1' } })).toEqual({
      ok: true,
      data: { patient: '1' },
    });
    const { intake, ...withoutIntake } = definition;
    expect(mapIntake(withoutIntake, 'webhook', {}).ok).toBe(false);
  });
});
