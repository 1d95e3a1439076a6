import { describe, expect, it } from 'vitest';
import { actionsOf, completeEvent, runScript, sampleFormData } from '../src/model/simulation.ts';
import { example } from './model-support.ts';

/**
 * A field the engine works out (the months since the last visit) is never answered: a practice run
 * that prefilled it was refused ("leave it out") at the first step of the refill workflow.
 */
describe('a worked-out field in a practice run', () => {
  it('is left out of the prefilled answers, so the step can be finished', () => {
    const d = example('prescription-refill');
    const result = runScript(d, []);
    const action = actionsOf(d, result)[0]!;
    const step = d.steps[action.step]!;
    const form = step.type === 'task' ? step.form : undefined;
    expect(form?.some((f) => f.computed)).toBe(true);
    const data = sampleFormData(form);
    expect(data).not.toHaveProperty('monthsSinceLastVisit');
    const next = runScript(d, [completeEvent(action, action.outcomes[0]!, data)]);
    expect(next.error).toBeUndefined();
    expect(next.history).toHaveLength(2);
  });
});
