import { type Definition, isId } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../src/model/changes.ts';
import { idIsFixed, newStepId, readStepId, retitleChanges } from '../src/model/stepIds.ts';
import { doc, triage } from './model-support.ts';

/** Triage with a parallel step, a wait and a deadline that goes to the renamed step. */
function workflow(): Definition {
  const d = triage();
  d.steps.both = {
    type: 'parallel',
    title: 'Both at once',
    branches: ['nurse-review', 'admin-reply'],
    join: 'joined',
  };
  d.steps.joined = {
    type: 'wait',
    title: 'Wait for the patient',
    signal: 'patient-replied',
    next: 'nurse-review',
  };
  d.steps['call-patient'] = {
    ...(d.steps['call-patient'] as Extract<Definition['steps'][string], { type: 'task' }>),
    deadline: { after: 'PT1H', goTo: 'nurse-review' },
  };
  d.start = 'nurse-review';
  return d;
}

describe('step ids follow the title until the first publish', () => {
  it('a new step gets a unique slug of its title', () => {
    const d = triage();
    expect(newStepId(d, 'New task')).toBe('new-task');
    d.steps['new-task'] = { type: 'task', title: 'New task', outcomes: {} };
    expect(newStepId(d, 'New task')).toBe('new-task-2');
    expect(newStepId(d, 'Call the patient today')).toBe('call-the-patient-today');
    expect(newStepId(d, '¿Qué?')).toBe('que');
    expect(newStepId(d, '!!!')).toBe('step');
    expect(isId(newStepId(d, 'x'.repeat(200)))).toBe(true);
  });

  it('renaming re-slugs the id and every reference to it, while never published', () => {
    const before = {
      ...doc(workflow()),
      layout: { positions: { 'nurse-review': { x: 5, y: 6 } }, lanes: [] },
    };
    const { changes, id } = retitleChanges(before.definition, 'nurse-review', 'Nurse answers', {
      frozen: false,
    });
    expect(id).toBe('nurse-answers');
    const after = applyChanges(before, changes);
    const steps = after.definition.steps;
    expect(steps['nurse-review']).toBeUndefined();
    expect(steps['nurse-answers']).toMatchObject({ title: 'Answer or route to provider' });
    expect(after.definition.start).toBe('nurse-answers');
    expect(steps['is-urgent']).toMatchObject({ otherwise: 'nurse-answers' });
    expect(steps.both).toMatchObject({ branches: ['nurse-answers', 'admin-reply'] });
    expect(steps.joined).toMatchObject({ next: 'nurse-answers' });
    expect(steps['call-patient']).toMatchObject({ deadline: { goTo: 'nurse-answers' } });
    expect(after.layout.positions['nurse-answers']).toEqual({ x: 5, y: 6 });
    expect(JSON.stringify(after.definition)).not.toContain('"nurse-review"');
  });

  it('keeps ids unique and leaves them alone when the slug is unchanged or the title is empty', () => {
    const d = workflow();
    expect(retitleChanges(d, 'admin-reply', 'Call patient', { frozen: false }).id).toBe('call-patient-2');
    expect(retitleChanges(d, 'admin-reply', 'Admin reply', { frozen: false }).changes).toEqual([]);
    expect(retitleChanges(d, 'admin-reply', '   ', { frozen: false }).changes).toEqual([]);
  });

  it('after the first publish ids are frozen: running instances and histories name them', () => {
    const d = workflow();
    expect(retitleChanges(d, 'nurse-review', 'Nurse answers', { frozen: true })).toEqual({
      changes: [],
      id: 'nurse-review',
    });
  });
});

describe('an id is fixed only once a published version names it', () => {
  it('a step added to a published workflow follows its title until it is published', () => {
    const published = workflow();
    const draft = workflow();
    draft.steps['new-task'] = { type: 'task', title: 'Confirm the patient can sign in', outcomes: {} };
    expect(idIsFixed('new-task', published)).toBe(false);
    expect(idIsFixed('nurse-review', published)).toBe(true);
    expect(
      retitleChanges(draft, 'new-task', 'Confirm the patient can sign in', {
        frozen: idIsFixed('new-task', published),
      }).id,
    ).toBe('confirm-the-patient-can-sign-in');
  });

  it('never published: every id follows its title; not known yet: every id counts as fixed', () => {
    expect(idIsFixed('nurse-review', null)).toBe(false);
    expect(idIsFixed('nurse-review', undefined)).toBe(true);
  });
});

describe('a step id typed into the inspector', () => {
  it('is taken when it is free and well formed, or its own', () => {
    expect(readStepId(triage(), 'classify', 'sort-message')).toEqual({ id: 'sort-message' });
    expect(readStepId(triage(), 'classify', 'classify')).toEqual({ id: 'classify' });
  });

  it('says in words why not: another step has it, a character it cannot hold, too long', () => {
    expect(readStepId(triage(), 'classify', 'call-patient')).toEqual({
      error: 'Another step already uses it',
      problem: 'Name in links and files is already used by step “Call the patient today”',
    });
    expect(readStepId(triage(), 'classify', 'sort message')).toMatchObject({
      problem: 'Name in links and files must be letters, digits, - and _, starting with a letter or digit',
    });
    expect(readStepId(triage(), 'classify', '')).toMatchObject({ error: expect.any(String) });
    expect(readStepId(triage(), 'classify', 'a'.repeat(81))).toMatchObject({
      problem: 'Name in links and files must be at most 80 characters',
    });
  });
});
