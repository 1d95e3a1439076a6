import type { Definition } from '@portalflow/engine';

/** A synthetic workflow of `n` steps across ten roles: the size the editor must stay fast at. */
export function largeDefinition(n = 1000): Definition {
  const roles = Array.from({ length: 10 }, (_, i) => ({
    id: `role-${i}`,
    name: `Role ${i}`,
    department: `Department ${i % 4}`,
  }));
  const steps: Definition['steps'] = {};
  const id = (i: number) => `s${i}`;
  for (let i = 0; i < n - 1; i++) {
    if (i % 10 === 5 && i + 2 < n) {
      steps[id(i)] = {
        type: 'decision',
        title: `Check ${i}`,
        branches: [{ when: `data.x == ${i}`, to: id(i + 1) }],
        otherwise: id(i + 2),
      };
    } else {
      steps[id(i)] = {
        type: 'task',
        role: `role-${i % 10}`,
        title: `Task number ${i}`,
        outcomes: { done: id(i + 1) },
        help: 'Do the work.',
        ...(i % 7 === 0
          ? { deadline: { after: 'P2D', calendar: 'business' as const, escalateTo: `role-${(i + 1) % 10}` } }
          : {}),
      };
    }
  }
  steps[id(n - 1)] = { type: 'end', outcome: 'done' };
  // The decisions read `x`: the start form asks for it, as a real workflow's form would.
  const intake = { roles: ['role-0'], form: [{ id: 'x', label: 'Check number', type: 'number' as const }] };
  return { id: 'large-workflow', title: `Large workflow (${n} steps)`, roles, start: id(0), intake, steps };
}
