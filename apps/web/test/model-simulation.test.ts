import { coverage, type FormField, type ScriptEvent } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { actionsOf, completeEvent, highlightOf, runScript } from '../src/model/simulation.ts';
import { triage } from './model-support.ts';

describe('simulation in the browser', () => {
  it('steps through by picking outcomes, highlighting the active step and the path', () => {
    const d = triage();
    const script: ScriptEvent[] = [];
    let result = runScript(d, script);
    let actions = actionsOf(d, result);
    expect(actions).toEqual([
      expect.objectContaining({
        kind: 'complete',
        step: 'classify',
        role: 'front-desk',
        outcomes: ['clinical', 'admin', 'spam'],
      }),
    ]);
    script.push(completeEvent(actions[0]!, 'admin'));
    result = runScript(d, script);
    actions = actionsOf(d, result);
    expect(actions[0]?.step).toBe('admin-reply');
    const lit = highlightOf(d, result);
    expect(lit.active).toEqual(['admin-reply']);
    expect(lit.visited).toContain('classify');
    expect(lit.edges).toContainEqual({ from: 'classify', to: 'admin-reply' });
    script.push(completeEvent(actions[0]!, 'replied'));
    result = runScript(d, script);
    expect(result.snapshot?.status).toBe('done');
    expect(actionsOf(d, result)).toEqual([]);
    expect(coverage(d, [result]).steps.covered).toBe(3);
  });

  it('advancing time fires a deadline and escalates', () => {
    const d = triage();
    const result = runScript(d, [{ type: 'advance', by: 'PT5H' }]);
    expect(actionsOf(d, result)[0]).toMatchObject({ step: 'classify', role: 'supervisor' });
  });
});

describe('business-time deadlines in the clinic calendar', () => {
  it('count in the calendar the clinic configures (GET /api/config), not the engine default', () => {
    const d = triage();
    const classify = d.steps.classify!;
    if (classify.type !== 'task') throw new Error('classify is a task');
    classify.deadline = { after: 'PT2H', calendar: 'business', escalateTo: 'supervisor' };
    const denver = {
      timeZone: 'America/Denver',
      hours: { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']] },
      holidays: [],
    };
    // Monday 09:00 in Denver (16:00 UTC): two opening hours later is 11:00 Denver, 18:00 UTC.
    const due = (calendar?: unknown) =>
      Object.values(runScript(d, [], calendar).snapshot?.context.active ?? {}).find(
        (a) => a.step === 'classify',
      )?.due;
    expect(due(denver)).toBe('2026-03-02T18:00:00.000Z');
    // On the default calendar (weekdays 08:00–17:00 UTC) one hour is left on Monday: due Tuesday 09:00 UTC.
    expect(due()).toBe('2026-03-03T09:00:00.000Z');
  });
});

describe('simulation of a broken workflow', () => {
  it('reports the lint error instead of throwing', () => {
    const d = triage();
    d.steps['admin-reply'] = { type: 'task', role: 'front-desk', title: 'Reply', outcomes: {} };
    const result = runScript(d, []);
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(/admin-reply/);
    expect(actionsOf(d, result)).toEqual([]);
  });
});

describe('form data in practice runs', () => {
  it('fills a task form with answers the engine accepts', async () => {
    const { sampleFormData } = await import('../src/model/simulation.ts');
    const { example } = await import('./model-support.ts');
    const d = example('portal-message-triage');
    const result = runScript(d, []);
    const action = actionsOf(d, result)[0]!;
    const step = d.steps[action.step]!;
    const data = sampleFormData(step.type === 'task' ? step.form : undefined);
    const next = runScript(d, [completeEvent(action, action.outcomes[0]!, data)]);
    expect(next.error).toBeUndefined();
    expect(next.history).toHaveLength(2);
  });

  it('prefills answers that pass the fields’ own checks: the hint’s example for a pattern, a number in range', async () => {
    const { sampleFormData } = await import('../src/model/simulation.ts');
    const { validateForm } = await import('@portalflow/engine');
    const fields: FormField[] = [
      {
        id: 'patient',
        label: 'Patient reference',
        type: 'text',
        pattern: '[A-Za-z]{2,10}-[0-9]{1,10}',
        patternHint: 'a chart number such as DEMO-5001',
      },
      {
        id: 'phone',
        label: 'Phone',
        type: 'text',
        pattern: '\\+?\\(?[0-9][0-9 ().-]{5,20}',
        patternHint: 'a phone number such as (555) 201-0142',
      },
      { id: 'months', label: 'Months', type: 'number', min: 3, max: 36 },
      { id: 'credit', label: 'Credit', type: 'number', max: -5 },
      { id: 'code', label: 'Code', type: 'text', pattern: '[0-9]{4}' },
      { id: 'note', label: 'Note', type: 'text' },
    ];
    const data = sampleFormData(fields);
    expect(data).toMatchObject({ patient: 'DEMO-5001', phone: '(555) 201-0142', months: 3, credit: -5 });
    // No example to take and "example" does not fit: left for the person running it to type.
    expect(data.code).toBeUndefined();
    expect(validateForm(fields, data)).toEqual([]);
  });
});
