import { describe, expect, it } from 'vitest';
import { applyChanges } from '../src/model/changes.ts';
import { diffOverlay, diffVersions } from '../src/model/diff.ts';
import { emptyLayout } from '../src/model/document.ts';
import { doc, triage } from './model-support.ts';

describe('diffVersions', () => {
  const a = triage();
  const b = applyChanges(doc(a), [
    {
      type: 'addStep',
      id: 'log',
      step: { type: 'task', role: 'front-desk', title: 'Log it', outcomes: { done: 'closed' } },
    },
    { type: 'removeStep', id: 'admin-reply' },
    { type: 'setOwner', id: 'nurse-review', role: 'provider' },
    { type: 'updateStep', id: 'call-patient', patch: { title: 'Call the patient within the hour' } },
    { type: 'connect', from: 'classify', to: 'log', via: { kind: 'outcome', name: 'spam' } },
  ]).definition;

  it('lists added, removed and changed steps, owner changes and arrows', () => {
    const diff = diffVersions(a, b);
    expect(diff.added).toEqual(['log']);
    expect(diff.removed).toEqual(['admin-reply']);
    expect(diff.changed.map((c) => c.id).sort()).toEqual(['call-patient', 'classify', 'nurse-review']);
    expect(diff.changed.find((c) => c.id === 'call-patient')?.fields).toEqual(['title']);
    expect(diff.owners).toEqual([
      { id: 'nurse-review', from: 'nurse', to: 'provider', text: 'Triage nurse → Provider' },
    ]);
    expect(diff.edges.retargeted).toEqual([
      expect.objectContaining({
        was: 'closed',
        edge: expect.objectContaining({ path: 'steps.classify.outcomes.spam', to: 'log' }),
      }),
    ]);
    expect(diff.edges.removed.map((e) => e.path).sort()).toEqual([
      'steps.admin-reply.outcomes.replied',
      'steps.classify.outcomes.admin',
    ]);
    expect(diff.edges.added.map((e) => e.path)).toEqual(['steps.log.outcomes.done']);
    expect(diff.empty).toBe(false);
  });

  it('the same workflow (keys in another order) has no differences', () => {
    const reordered = JSON.parse(JSON.stringify(a, Object.keys(a).reverse()));
    expect(diffVersions(a, { ...a, steps: { ...a.steps } }).empty).toBe(true);
    expect(diffVersions(a, reordered).changed).toEqual([]);
  });

  it('the overlay draws removed steps and removed arrows beside the new version', () => {
    const overlay = diffOverlay(a, emptyLayout(), b, emptyLayout());
    expect(overlay.definition.steps['admin-reply']).toBeDefined();
    expect(overlay.steps.get('admin-reply')).toBe('removed');
    expect(overlay.steps.get('log')).toBe('added');
    expect(overlay.steps.get('nurse-review')).toBe('changed');
    expect(overlay.notes.get('nurse-review')).toBe('Owner: Triage nurse → Provider');
    expect(overlay.edges.get('steps.classify.outcomes.admin')).toBe('removed');
    expect(overlay.definition.steps.classify).toMatchObject({ outcomes: { admin: 'admin-reply' } });
    expect(overlay.edges.get('steps.classify.outcomes.spam')).toBe('changed');
  });
});
