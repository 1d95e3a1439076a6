import { describe, expect, it } from 'vitest';
import { applyChanges } from '../src/model/changes.ts';
import { checkDefinition } from '../src/model/check.ts';
import { doc } from './model-support.ts';

/** The editor's start form: who may start a workflow from My work, its fields, and the row subject. */
describe('start form edits', () => {
  it('sets the start form and the subject, and removes them again', () => {
    const form = [{ id: 'patient', label: 'Patient reference', type: 'text' as const, required: true }];
    const withForm = applyChanges(doc(), [
      { type: 'setWorkflow', intake: { roles: ['front-desk'], form }, subject: '{patient} · Call back' },
    ]);
    expect(withForm.definition.intake).toEqual({ roles: ['front-desk'], form });
    expect(withForm.definition.subject).toBe('{patient} · Call back');
    expect(checkDefinition(withForm.definition).filter((f) => f.severity === 'error')).toEqual([]);

    const removed = applyChanges(withForm, [{ type: 'setWorkflow', intake: null, subject: '' }]);
    expect(removed.definition.intake).toBeUndefined();
    expect(removed.definition.subject).toBeUndefined();
  });

  it('a subject naming a field no form declares is an error the lead sees while typing', () => {
    const d = applyChanges(doc(), [
      { type: 'setWorkflow', intake: { roles: [], form: [] }, subject: '{medicine}' },
    ]);
    expect(checkDefinition(d.definition).some((f) => f.rule === 'subject-unknown-field')).toBe(true);
  });
});
