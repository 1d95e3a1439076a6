import { stepTitle } from '@portalflow/engine';
import { describe, expect, it } from 'vitest';
import { newEndTitle } from '../src/model/endTitles.ts';
import { triage } from './model-support.ts';

/** Two new end steps must never both read “End: done”: each new one gets its own title. */
describe('a new end step’s title', () => {
  it('differs from every end step already drawn', () => {
    const d = triage();
    const titles = () => Object.keys(d.steps).map((id) => stepTitle(d, id));
    const first = newEndTitle(d);
    expect(titles()).not.toContain(first);
    d.steps.a = { type: 'end', outcome: 'done', title: first };
    const second = newEndTitle(d);
    expect(second).not.toBe(first);
    d.steps.b = { type: 'end', outcome: 'done', title: second };
    expect(new Set([first, second, newEndTitle(d)]).size).toBe(3);
  });

  it('reads as an end, numbered after the first', () => {
    const d = triage();
    for (const [id, step] of Object.entries(d.steps)) if (step.type === 'end') delete d.steps[id];
    expect(newEndTitle(d)).toBe('Finished');
    d.steps.x = { type: 'end', outcome: 'done', title: 'Finished' };
    expect(newEndTitle(d)).toBe('Finished 2');
  });
});
