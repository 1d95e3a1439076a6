import { describe, expect, it } from 'vitest';
import { type Definition, lint } from '../src/index.ts';

/** Lint messages are read by designers: a step is named by its title, its id only when it has none. */
const definition: Definition = {
  id: 'titles',
  title: 'Titles',
  roles: [{ id: 'front-desk', name: 'Front desk' }],
  start: 'take-call',
  steps: {
    'take-call': { type: 'task', role: 'front-desk', title: 'Take the call', outcomes: { done: 'finished' } },
    'new-task': { type: 'task', role: 'front-desk', title: 'Prepare refill', outcomes: { done: 'finished' } },
    'no-title': { type: 'decision', branches: [], otherwise: 'finished' },
    finished: { type: 'end', outcome: 'done' },
  },
};

describe('lint messages name steps by title', () => {
  const findings = lint(definition);
  const about = (rule: string, step: string) => findings.find((f) => f.rule === rule && f.step === step);

  it('uses the title', () => {
    expect(about('missing-help', 'new-task')?.message).toBe(
      'Task “Prepare refill” has no help text for the staff who work it',
    );
    expect(about('unreachable-step', 'new-task')?.message).toMatch(
      /^Step “Prepare refill” cannot be reached/,
    );
    expect(about('unreachable-step', 'new-task')?.message).toContain('“Take the call”');
  });

  it('falls back to the id without a title', () => {
    expect(about('unreachable-step', 'no-title')?.message).toMatch(/^Step "no-title" cannot be reached/);
  });
});
