import { parseDefinition, transition } from '@portalflow/engine';
import type { Instance } from '@portalflow/store';
import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../src/auth/roles.ts';
import { eventFor } from '../src/instances/commands.ts';

const definition = parseDefinition({
  id: 'intake',
  title: 'Intake',
  roles: [
    { id: 'front-desk', name: 'Front desk' },
    { id: 'nurse', name: 'Nurse' },
  ],
  start: 'sort',
  steps: {
    sort: {
      type: 'task',
      title: 'Sort it',
      role: 'front-desk',
      form: [{ id: 'reason', label: 'Reason', type: 'text' }],
      outcomes: { done: 'end' },
    },
    end: { type: 'end' },
  },
});

const AT = '2026-03-02T15:00:00.000Z';

function started(): Instance {
  const result = transition(definition, null, { type: 'start', data: {} }, AT);
  if (!result.ok) throw new Error(result.error.message);
  return {
    id: 'i-1',
    definitionId: 'intake',
    version: 1,
    status: result.snapshot.status,
    snapshot: result.snapshot,
    revision: 1,
    lastHash: 'h',
    startedAt: AT,
    updatedAt: AT,
    startedBy: null,
    practice: false,
  };
}

const person = (id: string, roles: string[]): AuthUser => ({
  id,
  username: id,
  displayName: id,
  roles,
  via: 'session',
});

describe('eventFor: a command on a state, decided without the store or the clock', () => {
  const instance = started();
  const token = Object.values(instance.snapshot.context.active)[0]!.token;
  const state = (user: AuthUser | null) => ({ user, instance, definition, tasks: [], history: [] });

  it('a complete by the role that owns the step becomes its complete event', () => {
    const command = { type: 'complete' as const, token, outcome: 'done', data: { reason: 'x' } };
    expect(eventFor(command, state(person('fd', ['front-desk'])))).toEqual({
      type: 'complete',
      step: 'sort',
      token,
      outcome: 'done',
      role: 'front-desk',
      actor: 'fd',
      data: { reason: 'x' },
    });
  });

  it('refuses another role (403), an auditor (403) and a task that is not open (409 TASK_CLOSED)', () => {
    const complete = { type: 'complete' as const, token, outcome: 'done', data: {} };
    expect(() => eventFor(complete, state(person('n', ['nurse'])))).toThrow(
      expect.objectContaining({ status: 403 }),
    );
    expect(() => eventFor(complete, state(person('a', ['auditor'])))).toThrow(
      expect.objectContaining({ status: 403 }),
    );
    expect(() =>
      eventFor({ ...complete, token: 'no-such-token' }, state(person('fd', ['front-desk']))),
    ).toThrow(expect.objectContaining({ status: 409, code: 'TASK_CLOSED' }));
  });

  it('the same command on the state after the complete is refused: the check sees that state', () => {
    const user = person('fd', ['front-desk']);
    const command = { type: 'complete' as const, token, outcome: 'done', data: {} };
    const done = transition(definition, instance.snapshot, eventFor(command, state(user)), AT);
    if (!done.ok) throw new Error(done.error.message);
    const after = { ...instance, snapshot: done.snapshot, status: done.snapshot.status, revision: 2 };
    expect(() => eventFor(command, { user, instance: after, definition, tasks: [], history: [] })).toThrow(
      expect.objectContaining({ code: 'TASK_CLOSED' }),
    );
  });

  it('claim takes a free task for its role; a second claim of a held task is ALREADY_CLAIMED', () => {
    const claim = { type: 'claim' as const, token };
    const event = eventFor(claim, state(person('fd', ['front-desk'])));
    expect(event).toMatchObject({ type: 'reassign', token, assignee: 'fd', role: 'front-desk' });
    const held = transition(definition, instance.snapshot, event, AT);
    if (!held.ok) throw new Error(held.error.message);
    const after = { ...instance, snapshot: held.snapshot, revision: 2 };
    expect(() =>
      eventFor(claim, {
        user: person('fd2', ['front-desk']),
        instance: after,
        definition,
        tasks: [],
        history: [],
      }),
    ).toThrow(expect.objectContaining({ code: 'ALREADY_CLAIMED' }));
  });

  it("a starter's withdrawal is decided on the history given: their own claim and a timer are not acting on it", () => {
    const starter = person('fd', ['front-desk']);
    const mine = { ...instance, startedBy: 'fd', revision: 4 };
    const cancel = { type: 'cancel' as const, reason: 'Logged twice' };
    const claimed = {
      type: 'reassign',
      actor: 'fd',
      payload: { type: 'reassign', token, assignee: 'fd', actor: 'fd', role: 'front-desk' },
    };
    const released = {
      type: 'reassign',
      actor: 'fd',
      payload: { type: 'reassign', token, assignee: null, actor: 'fd' },
    };
    const fired = { type: 'timer-fired', actor: null, payload: { type: 'timer-fired', timer: 't1' } };
    const decide = (history: Array<{ type: string; actor: string | null; payload: unknown }>) => () =>
      eventFor(cancel, { user: starter, instance: mine, definition, tasks: [], history });
    // Withdrawn in the role the starter holds in the workflow.
    expect(decide([claimed, released, fired])()).toEqual({
      type: 'cancel',
      reason: 'Logged twice',
      actor: 'fd',
      role: 'front-desk',
    });
    // A colleague's claim, a completion (the starter's own too) and a lead's change each end it.
    const byOthers = [
      { type: 'reassign', actor: 'fd2', payload: { type: 'reassign', token, assignee: 'fd2', actor: 'fd2' } },
      { type: 'complete', actor: 'fd', payload: { type: 'complete', token, outcome: 'done', actor: 'fd' } },
      {
        type: 'reassign',
        actor: 'lead',
        payload: { type: 'reassign', token, priority: 'urgent', actor: 'lead' },
      },
    ];
    for (const event of byOthers)
      expect(decide([claimed, event]), JSON.stringify(event)).toThrow(
        expect.objectContaining({ status: 409, code: 'REQUEST_UNDER_WAY' }),
      );
  });

  it('a system event is recorded as it is, with no user', () => {
    const event = { type: 'timer-fired' as const, timer: 't1' };
    expect(eventFor({ type: 'system', event }, state(null))).toBe(event);
  });
});
