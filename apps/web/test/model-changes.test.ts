import { lint } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { applyChange, applyChanges, ModelError } from '../src/model/changes.ts';
import { doc, triage } from './model-support.ts';

describe('applyChanges', () => {
  it('adds, updates and removes a step without touching the input', () => {
    const before = doc();
    const frozen = JSON.stringify(before);
    const after = applyChanges(before, [
      {
        type: 'addStep',
        id: 'log',
        step: { type: 'task', role: 'front-desk', title: 'Log it', outcomes: {} },
        position: { x: 10, y: 20 },
      },
      { type: 'updateStep', id: 'log', patch: { title: 'Log the call', help: 'Use the tracking sheet.' } },
    ]);
    expect(JSON.stringify(before)).toBe(frozen);
    expect(after.definition.steps.log).toMatchObject({
      title: 'Log the call',
      help: 'Use the tracking sheet.',
    });
    expect(after.layout.positions.log).toEqual({ x: 10, y: 20 });
    // Untouched steps keep their identity (what the history and the canvas rely on).
    expect(after.definition.steps.classify).toBe(before.definition.steps.classify);
    const removed = applyChange(after, { type: 'updateStep', id: 'log', patch: { help: undefined } });
    expect(removed.definition.steps.log).not.toHaveProperty('help');
  });

  it('removing a step removes the arrows into it that can go, and its box', () => {
    const after = applyChange(
      { ...doc(), layout: { positions: { 'admin-reply': { x: 1, y: 2 } }, lanes: [] } },
      { type: 'removeStep', id: 'admin-reply' },
    );
    expect(after.definition.steps['admin-reply']).toBeUndefined();
    expect(after.definition.steps.classify).toMatchObject({
      outcomes: { clinical: 'is-urgent', spam: 'closed' },
    });
    expect(after.layout.positions['admin-reply']).toBeUndefined();
  });

  it('setOwner moves a task to another lane (its role) and records where it was dropped', () => {
    const after = applyChange(doc(), {
      type: 'setOwner',
      id: 'nurse-review',
      role: 'provider',
      position: { x: 300, y: 40 },
    });
    expect(after.definition.steps['nurse-review']).toMatchObject({ role: 'provider' });
    expect(after.layout.positions['nurse-review']).toEqual({ x: 300, y: 40 });
    expect(() => applyChange(doc(), { type: 'setOwner', id: 'closed', role: 'nurse' })).toThrow(ModelError);
  });

  it('moveStep changes the layout only', () => {
    const before = doc();
    const after = applyChange(before, { type: 'moveStep', id: 'classify', position: { x: 5, y: 6 } });
    expect(after.definition).toBe(before.definition);
  });

  it('connects every kind of arrow and disconnects removable ones', () => {
    let d = applyChanges(doc(), [
      { type: 'connect', from: 'classify', to: 'nurse-review', via: { kind: 'outcome', name: 'unsure' } },
      {
        type: 'connect',
        from: 'is-urgent',
        to: 'admin-reply',
        via: { kind: 'branch', when: 'data.kind == "admin"' },
      },
      { type: 'connect', from: 'is-urgent', to: 'closed', via: { kind: 'otherwise' } },
    ]);
    expect(d.definition.steps.classify).toMatchObject({ outcomes: { unsure: 'nurse-review' } });
    expect(d.definition.steps['is-urgent']).toMatchObject({
      branches: [{ to: 'call-patient' }, { when: 'data.kind == "admin"', to: 'admin-reply' }],
      otherwise: 'closed',
    });
    d = applyChanges(d, [
      { type: 'disconnect', path: 'steps.classify.outcomes.unsure' },
      { type: 'disconnect', path: 'steps.is-urgent.branches.1.to' },
    ]);
    expect(d.definition.steps.classify).toEqual(triage().steps.classify);
    expect(() =>
      applyChange(d, { type: 'connect', from: 'closed', to: 'classify', via: { kind: 'next' } }),
    ).toThrow(/cannot have a next arrow/);
  });

  it('renames a step everywhere it is referenced', () => {
    const after = applyChange(doc(), { type: 'renameStep', id: 'closed', newId: 'resolved' });
    expect(after.definition.steps.closed).toBeUndefined();
    expect(after.definition.steps.classify).toMatchObject({ outcomes: { spam: 'resolved' } });
    expect(lint(after.definition).filter((f) => f.rule === 'unknown-target')).toEqual([]);
  });

  it('renames, reorders, colours and removes roles', () => {
    let d = applyChanges(doc(), [
      { type: 'addRole', role: { id: 'billing', name: 'Billing', department: 'Finance' }, color: '#ffeeee' },
      { type: 'renameRole', id: 'nurse', name: 'RN', newId: 'rn' },
      { type: 'reorderLane', role: 'provider', toIndex: 0 },
    ]);
    expect(d.definition.roles.map((r) => r.id)).toEqual([
      'front-desk',
      'rn',
      'provider',
      'supervisor',
      'billing',
    ]);
    expect(d.definition.steps['call-patient']).toMatchObject({ role: 'rn' });
    expect(d.definition.steps['provider-review']).toMatchObject({ deadline: { escalateTo: 'rn' } });
    expect([...d.layout.lanes].sort((a, b) => a.order - b.order)[0]!.role).toBe('provider');
    expect(d.layout.lanes.find((l) => l.role === 'billing')?.color).toBe('#ffeeee');
    d = applyChange(d, { type: 'removeRole', id: 'supervisor', reassignTo: 'front-desk' });
    expect(d.definition.steps.classify).toMatchObject({ deadline: { escalateTo: 'front-desk' } });
    expect(() => applyChange(d, { type: 'renameRole', id: 'nobody', name: 'x' })).toThrow(
      /Role 'nobody' does not exist/,
    );
  });

  it('names the offending id when a change cannot apply', () => {
    expect(() => applyChange(doc(), { type: 'updateStep', id: 'ghost', patch: {} })).toThrow(
      "Step 'ghost' does not exist in 'portal-message-triage'",
    );
    expect(() => applyChange(doc(), { type: 'addStep', id: 'classify', step: { type: 'end' } })).toThrow(
      /already exists/,
    );
  });

  it('setStart, setWorkflow and replaceAll', () => {
    const other = doc({ ...triage(), title: 'Other' });
    const d = applyChanges(doc(), [
      { type: 'setStart', id: 'nurse-review' },
      { type: 'setWorkflow', title: 'Renamed' },
    ]);
    expect(d.definition.start).toBe('nurse-review');
    expect(d.definition.title).toBe('Renamed');
    expect(applyChange(d, { type: 'replaceAll', document: other })).toBe(other);
  });
});
