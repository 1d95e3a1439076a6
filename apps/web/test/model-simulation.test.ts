import { coverage, type ScriptEvent } from '@portalflow/engine';
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
});
