import { describe, expect, it } from 'vitest';
import { blockerWords } from '../src/migrate/blockerWords.ts';

const from = [
  {
    id: 'normal-comment',
    kind: 'task' as const,
    title: 'Explain the normal result in plain language',
    role: 'provider',
    roleName: 'Provider',
  },
];

/**
 * Why a request cannot move, as the lead reads it on the dry run: the step by its title and the versions
 * by number — never the engine's step ids, quotes and "version B".
 */
describe('why a request cannot move, in words', () => {
  it('names the step without a place in the new version by its title, and what to do', () => {
    const text = blockerWords(
      {
        code: 'unmapped',
        step: 'normal-comment',
        message: "'normal-comment' is not mapped to a step of version B",
      },
      from,
      2,
    );
    expect(text).toBe(
      '“Explain the normal result in plain language” has no step to continue at in version 2: choose one in the step mapping',
    );
    expect(text).not.toMatch(/version B|'normal-comment'/);
  });

  it('says a finished request has nothing to move', () => {
    expect(blockerWords({ code: 'not-active', message: 'The instance is completed' }, from, 2)).toBe(
      'The request has finished or was cancelled',
    );
  });

  it('never shows an engine message naming "version B"', () => {
    for (const code of [
      'unknown-step',
      'target-missing',
      'kind-mismatch',
      'parallel-mismatch',
      'join-never-completes',
      'signal-missing',
      'time-went-backwards',
    ] as const)
      expect(
        blockerWords({ code, step: 'normal-comment', message: "'x' in version B is odd" }, from, 3),
      ).not.toMatch(/version B|'x'/);
  });
});
