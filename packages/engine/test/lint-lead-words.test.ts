import { describe, expect, it } from 'vitest';
import { type Definition, hasErrors, lint } from '../src/index.ts';

/**
 * A lead building a workflow reads lint in the Problems panel: steps by their titles, answers by
 * their names, the cause of a chain of problems before the problems it causes.
 */

const roles = [{ id: 'front-desk', name: 'Front desk' }];

function priorAuth(steps: Definition['steps']): Definition {
  return { id: 'prior-auth', title: 'Prior authorization', roles, start: 'collect', steps };
}

const task = (title: string, outcomes: Record<string, string>, extra: object = {}) => ({
  type: 'task' as const,
  role: 'front-desk',
  title,
  help: `How to ${title.toLowerCase()}.`,
  outcomes,
  ...extra,
});

describe('two steps saving an answer under one name', () => {
  const field = (label: string, ownership?: 'owned' | 'shared') => ({
    id: 'field',
    label,
    type: 'text' as const,
    ...(ownership ? { ownership } : {}),
  });
  const collision = (first?: 'owned' | 'shared', second?: 'owned' | 'shared') =>
    priorAuth({
      collect: task('Collect insurance card', { done: 'record' }, { form: [field('Insurance plan', first)] }),
      record: task('Record payer answer', { done: 'finished' }, { form: [field('Payer answer', second)] }),
      finished: { type: 'end', outcome: 'done' },
    });

  it('says so in words, naming the steps by title, and blocks publishing', () => {
    const findings = lint(collision()).filter((f) => f.rule === 'field-written-by-two-steps');
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      [
        'error',
        '“Collect insurance card” and “Record payer answer” both save their answer as “Field”: the later one replaces the earlier. Give each its own name, or mark the answer as one the steps share.',
      ],
    ]);
    expect(hasErrors(lint(collision()))).toBe(true);
  });

  it('is allowed when both steps mark the answer shared', () => {
    expect(
      lint(collision('shared', 'shared')).filter((f) => f.rule === 'field-written-by-two-steps'),
    ).toEqual([]);
  });

  it('names the step that owns the answer by its title', () => {
    const [finding] = lint(collision('owned')).filter((f) => f.rule === 'field-written-by-two-steps');
    expect(finding?.message).toBe(
      '“Record payer answer” saves its answer as “Field”, which only “Collect insurance card” may save. Give it its own name, or let the steps share it.',
    );
  });
});

describe('every step named by its title', () => {
  it('a loop with no way out names its steps by title', () => {
    const definition = priorAuth({
      collect: task('Collect insurance card', { done: 'prepare' }),
      prepare: task('Prepare the authorization packet', { ready: 'review' }),
      review: task('Review medical necessity', { 'send-back': 'prepare' }),
      finished: { type: 'end', outcome: 'done' },
    });
    const messages = lint(definition).map((f) => f.message);
    expect(messages).toContain(
      '“Prepare the authorization packet” and “Review medical necessity” form a loop with no way out to an end step',
    );
    expect(messages.join('\n')).not.toMatch(/"prepare"|"review"/);
  });

  it('an end step without a title is named as the diagram shows it', () => {
    const definition = priorAuth({
      collect: task('Collect insurance card', { done: 'authorized' }),
      authorized: { type: 'end', outcome: 'authorized' },
      'not-authorized': { type: 'end', outcome: 'not-authorized' },
    });
    const unreachable = lint(definition).find((f) => f.rule === 'unreachable-step');
    expect(unreachable?.message).toBe(
      'Step “End: not authorized” cannot be reached from the start “Collect insurance card”',
    );
  });

  it('an arrow to a missing step names the step it leaves by title', () => {
    const definition = priorAuth({
      collect: task('Collect insurance card', { done: 'gone' }),
      finished: { type: 'end', outcome: 'done' },
    });
    const finding = lint(definition).find((f) => f.rule === 'unknown-target');
    expect(finding?.message).toBe(
      'The outcome “Done” of “Collect insurance card” leads to "gone", which is not a step',
    );
  });

  it('two tasks of one title name their lane by its name', () => {
    const definition = priorAuth({
      collect: task('Collect insurance card', { done: 'again' }),
      again: task('Collect insurance card', { done: 'finished' }),
      finished: { type: 'end', outcome: 'done' },
    });
    const finding = lint(definition).find((f) => f.rule === 'duplicate-task-title');
    expect(finding?.message).toBe(
      'Two tasks in the Front desk lane are titled “Collect insurance card”: staff cannot tell them apart in their queue',
    );
  });
});

describe('the cause first', () => {
  it('a task with no way out comes before the steps it cuts off', () => {
    // The lead deleted the task after "Prepare the authorization packet": its arrow went with it.
    const definition = priorAuth({
      collect: task('Collect insurance card', { done: 'prepare' }),
      prepare: task('Prepare the authorization packet', {}),
      review: task('Review medical necessity', { signed: 'authorized' }),
      authorized: { type: 'end', title: 'Authorized' },
    });
    const errors = lint(definition).filter((f) => f.severity === 'error');
    expect(errors[0]?.message).toBe(
      'Task “Prepare the authorization packet” has no outcomes, so it can never be completed',
    );
    expect(errors.map((f) => f.rule).slice(1)).toEqual(['unreachable-step', 'unreachable-step']);
  });
});

describe('placeholder text left for staff', () => {
  it('the starter help and an outcome still named “Outcome” block publishing', () => {
    const definition = priorAuth({
      collect: {
        type: 'task',
        role: 'front-desk',
        title: 'Collect insurance card',
        help: 'Describe what to do here.',
        outcomes: { done: 'finished', outcome: 'finished' },
        form: [{ id: 'newField', label: 'New field', type: 'text' }],
      },
      finished: { type: 'end', outcome: 'done' },
    });
    const found = lint(definition).filter((f) => f.rule === 'placeholder-text');
    expect(found.map((f) => [f.severity, f.path, f.message])).toEqual([
      [
        'error',
        'steps.collect.form.0.label',
        'A field of “Collect insurance card” is still labelled “New field”: name what staff should enter',
      ],
      [
        'error',
        'steps.collect.help',
        'The help of “Collect insurance card” is still the example “Describe what to do here.”: write what staff should do',
      ],
      [
        'error',
        'steps.collect.outcomes.outcome',
        '“Collect insurance card” has an outcome still named “Outcome”: staff would see a button reading “Outcome”. Name it for what happened',
      ],
    ]);
  });

  it('a task still titled “New task” is placeholder text too', () => {
    const definition = priorAuth({
      collect: task('New task', { done: 'finished' }),
      finished: { type: 'end', outcome: 'done' },
    });
    expect(lint(definition).find((f) => f.rule === 'placeholder-text')?.message).toBe(
      'A task is still titled “New task”: staff would see it in their queue. Say what to do',
    );
  });
});
