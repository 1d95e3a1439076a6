import type { ActiveStep, Definition, EngineEvent } from '@portalflow/engine';
import type { Instance, Task, User } from '@portalflow/store';
import { roleTitlesIn } from '../audit/role-titles.ts';
import { type AuthUser, canAct, isLead, leadRole } from '../auth/roles.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { actingRole, canReadGiven, starterRole } from './access.ts';
import { requireHoldsRole } from './assignee.ts';
import { endWaitEvent } from './end-wait.ts';
import { mayWorkAs } from './practice-stand-in.ts';
import { waitPlayEvent } from './practice-waits.ts';
import { type Recorded, withdrawRefusal } from './withdraw.ts';

/**
 * What a request asks of an instance, as data: the route builds it, the service turns it into an engine
 * event on the state it is about to change (again on every retry), so every check sees fresh state.
 */
export type InstanceCommand =
  | { type: 'claim'; token: string }
  | { type: 'release'; token: string }
  | {
      type: 'complete';
      token: string;
      outcome: string;
      data: Record<string, unknown>;
    }
  | {
      type: 'reassign';
      token: string;
      /** The account `assignee` names, read before the change (null: back to the pool, or unchanged). */
      person: User | null;
      assignee?: string | null | undefined;
      role?: string | undefined;
      due?: string | null | undefined;
      priority?: 'low' | 'normal' | 'high' | 'urgent' | undefined;
      reason?: string | undefined;
      /**
       * Only while this person still holds the task (else 409 NOT_HELD): a change made because of who
       * holds it never takes it from whoever has it since.
       */
      holder?: string | undefined;
    }
  /** The holder gives the task to a named colleague holding its role (read before the change). */
  | { type: 'hand-off'; token: string; person: User | null }
  | { type: 'signal'; name: string; data: Record<string, unknown> }
  /** A wait ended before its signal or time by a person of the role it names, with a reason. */
  | { type: 'end-wait'; token: string; reason: string }
  | { type: 'cancel'; reason?: string | undefined }
  /** A waiting step of the caller's own practice run, played: its outside answer, or its time passing. */
  | { type: 'play-wait'; wait: string; answer: 'signal' | 'time' }
  /** An event the system records as it is (a deadline's timer firing). */
  | { type: 'system'; event: EngineEvent }
  /**
   * A task its holder can no longer work, sent back to its pool by the system (no person acts): only
   * while `holder` still holds it, with `reason` in its history. Built by the server only, never a route.
   */
  | { type: 'return-to-pool'; token: string; holder: string; reason: string };

/** What a command is checked against: the instance and definition it changes, and who sends it. */
export interface CommandState {
  user: AuthUser | null;
  instance: Instance;
  definition: Definition;
  /** The instance's task rows; read only for commands that `needsTasks`. */
  tasks: readonly Task[];
  /**
   * The instance's events after its start, up to its revision; read only for commands that
   * `needsHistory`, and only when the rule can use them (`withdraw-history.ts`).
   */
  history: readonly Recorded[];
}

/** Commands whose checks read the instance's task rows (who may read the instance). */
export const needsTasks = (command: InstanceCommand): boolean => command.type === 'signal';

/** Commands whose checks read the instance's history (whether anyone has acted on it yet). */
export const needsHistory = (command: InstanceCommand): boolean => command.type === 'cancel';

/** The task id of a command about one task. */
export const taskToken = (command: InstanceCommand): string | null =>
  'token' in command ? command.token : null;

/** The one refusal for a task that is not open in the instance's current state. */
export const taskClosed = (details?: unknown) =>
  new ApiError(
    409,
    'TASK_CLOSED',
    'This task is no longer open: someone completed it or the workflow moved on',
    details,
  );

/** The open task in the instance's current state, or TASK_CLOSED. */
export function openTask(instance: Instance, token: string): ActiveStep {
  const item = Object.values(instance.snapshot.context.active).find(
    (a) => a.token === token && a.kind === 'task',
  );
  if (!item) throw taskClosed({ status: instance.status });
  return item;
}

/**
 * The engine event a command makes on this state, or the refusal (403 who may not, 409 the state moved
 * on, 422 a bad assignee). Pure: no store, no clock.
 */
export function eventFor(command: InstanceCommand, state: CommandState): EngineEvent {
  const { user, instance, definition } = state;
  if (command.type === 'system') return command.event;
  if (command.type === 'return-to-pool') {
    const item = openTask(instance, command.token);
    if (item.assignee !== command.holder) throw ApiError.of('NOT_HELD');
    return { type: 'reassign', token: item.token, assignee: null, reason: command.reason };
  }
  if (!user) throw forbidden();
  const acting = () => {
    if (!canAct(user)) throw forbidden('Auditors read but do not act');
  };
  switch (command.type) {
    case 'claim': {
      acting();
      const item = openTask(instance, command.token);
      if (!mayWorkAs(user, instance, item.role)) throw forbidden(`This task is in the '${item.role}' pool`);
      if (item.assignee) {
        throw new ApiError(
          409,
          item.assignee === user.id ? 'ALREADY_YOURS' : 'ALREADY_CLAIMED',
          item.assignee === user.id ? 'You already have this task' : 'Someone else claimed this task first',
        );
      }
      return { type: 'reassign', token: item.token, assignee: user.id, actor: user.id, role: item.role };
    }
    case 'release': {
      acting();
      const item = openTask(instance, command.token);
      if (item.assignee !== user.id && !isLead(user)) {
        // Someone else's task in your own pool has moved on (409); a task of another role is not yours to touch.
        if (!mayWorkAs(user, instance, item.role)) throw forbidden(`This task is in the '${item.role}' pool`);
        throw new ApiError(409, 'NOT_YOURS', 'Only the person who has the task (or a lead) can release it');
      }
      if (!item.assignee) throw new ApiError(409, 'NOT_ASSIGNED', 'The task is already in its pool');
      const event: EngineEvent = { type: 'reassign', token: item.token, assignee: null, actor: user.id };
      // Its holder puts it back in the task's role; a lead taking it from someone acts as lead.
      const role = item.assignee === user.id ? item.role : leadRole(user);
      if (role) event.role = role;
      return event;
    }
    case 'complete': {
      acting();
      const item = openTask(instance, command.token);
      if (!item.role || !mayWorkAs(user, instance, item.role))
        throw forbidden(`This task belongs to the '${item.role}' role`);
      const event: EngineEvent = {
        type: 'complete',
        step: item.step,
        token: item.token,
        outcome: command.outcome,
        role: item.role,
        actor: user.id,
        data: command.data,
      };
      return event;
    }
    case 'reassign': {
      if (!isLead(user)) throw forbidden('Only leads reassign tasks');
      const item = openTask(instance, command.token);
      if (command.holder !== undefined && item.assignee !== command.holder) throw ApiError.of('NOT_HELD');
      // Checked on the state the change applies to: the role may have moved since the request was sent.
      requireHoldsRole(command.person, command.role ?? item.role, (r) => roleTitlesIn(definition)(r));
      return reassignEvent(item.token, user, command);
    }
    case 'signal': {
      // A role somewhere in the workflow is not enough: the instance itself must be one the user may read.
      const role = actingRole(user, definition);
      const allowed =
        canAct(user) &&
        (isLead(user) || (role !== null && canReadGiven(user, instance, state.tasks, { emergency: false })));
      if (!allowed) throw forbidden('Your roles cannot signal this instance');
      const event = { type: 'signal' as const, name: command.name, actor: user.id, data: command.data };
      // A lead with no role in the workflow signals as lead.
      const as = role ?? leadRole(user);
      return as ? { ...event, role: as } : event;
    }
    case 'hand-off': {
      acting();
      const item = openTask(instance, command.token);
      if (!mayWorkAs(user, instance, item.role)) throw forbidden(`This task is in the '${item.role}' pool`);
      if (item.assignee !== user.id)
        throw new ApiError(
          409,
          item.assignee ? 'NOT_YOURS' : 'NOT_ASSIGNED',
          item.assignee
            ? 'Only the person who has the task can hand it on: it is no longer yours'
            : 'The task is back in its pool: claim it first',
        );
      if (!command.person || command.person.disabled)
        throw new ApiError(
          422,
          'ASSIGNEE_INVALID',
          'Choose an active colleague who holds the task’s role, or put it back in the pool',
        );
      if (command.person.id === user.id)
        throw new ApiError(409, 'ALREADY_YOURS', 'You already have this task');
      // Checked on the state the change applies to: the task's role may have moved since the request was sent.
      requireHoldsRole(command.person, item.role, (r) => roleTitlesIn(definition)(r));
      const event: EngineEvent = {
        type: 'reassign',
        token: item.token,
        assignee: command.person.id,
        actor: user.id,
      };
      if (item.role) event.role = item.role;
      return event;
    }
    case 'end-wait':
      acting();
      return endWaitEvent(user, instance, definition, command);
    case 'play-wait':
      return waitPlayEvent(user, instance, command.wait, command.answer);
    case 'cancel': {
      // Leads cancel any request; anyone else only withdraws one they started, until anyone acts on it.
      // Checked on the state the cancel commits to, so a claim that lands first wins and the
      // withdrawal is told so.
      const refusal = isLead(user) ? null : withdrawRefusal(user, instance, state.history);
      if (refusal) throw refusal;
      const event: EngineEvent = { type: 'cancel', actor: user.id };
      if (command.reason) event.reason = command.reason;
      // A lead cancels as lead; a starter withdraws in the role they started it in.
      const role = isLead(user) ? leadRole(user) : starterRole(user, definition);
      if (role) event.role = role;
      return event;
    }
  }
}

function reassignEvent(
  token: string,
  user: AuthUser,
  input: Extract<InstanceCommand, { type: 'reassign' }>,
): EngineEvent {
  const event: EngineEvent = { type: 'reassign', token, actor: user.id };
  const role = leadRole(user);
  if (role) event.role = role;
  if (input.assignee !== undefined) event.assignee = input.assignee;
  if (input.role !== undefined) event.toRole = input.role;
  if (input.due !== undefined) event.due = input.due;
  if (input.priority !== undefined) event.priority = input.priority;
  if (input.reason !== undefined) event.reason = input.reason;
  if (
    event.assignee === undefined &&
    event.toRole === undefined &&
    event.due === undefined &&
    event.priority === undefined
  ) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'Say what to change: assignee, role, due or priority');
  }
  return event;
}
