import { type Definition, type RecordedEvent, replay } from '@portalflow/engine';
import type { AuditEvent } from '../records.ts';

/** One deadline escalation of a task: when, and the role and person (null: the pool) it left. */
export interface TaskEscalationFact {
  at: string;
  fromRole: string;
  fromPerson: string | null;
}

/** A task as the hash-chained events say it went: what the task projection must agree with. */
export interface TaskFact {
  token: string;
  step: string;
  role: string;
  assignee: string | null;
  openedAt: string;
  due: string | null;
  escalated: boolean;
  /** Every deadline escalation, oldest first: when, and the role and person (null: the pool) it left. */
  escalations: TaskEscalationFact[];
  closedAt: string | null;
  outcome: string | null;
  closeReason: string | null;
  closedBy: string | null;
}

/**
 * Replays one instance's events and folds the engine's task effects into one fact per task. The
 * tracking sheet aggregates the task projection (written in the same batch as each event) for speed;
 * this is the derivation from the source of truth that tests hold that projection to.
 */
export function taskFactsFromHistory(
  definition: Definition,
  events: readonly Pick<AuditEvent, 'at' | 'actor' | 'payload'>[],
): TaskFact[] {
  const facts = new Map<string, TaskFact>();
  const history: RecordedEvent[] = events.map((e) => ({
    at: e.at,
    event: e.payload as RecordedEvent['event'],
  }));
  replay(definition, history, {
    onEvent(i, _snapshot, effects) {
      const { at, actor } = events[i]!;
      for (const effect of effects) {
        if (effect.type === 'task.opened') {
          facts.set(effect.token, {
            token: effect.token,
            step: effect.step,
            role: effect.role,
            assignee: null,
            openedAt: at,
            due: effect.due ?? null,
            escalated: false,
            escalations: [],
            closedAt: null,
            outcome: null,
            closeReason: null,
            closedBy: null,
          });
        } else if (effect.type === 'task.updated') {
          const fact = facts.get(effect.token);
          if (!fact) continue;
          const { changes } = effect;
          if (effect.reason === 'escalated') {
            fact.escalated = true;
            fact.escalations.push({ at, fromRole: fact.role, fromPerson: fact.assignee });
          }
          if (changes.role?.[1] !== undefined) fact.role = changes.role[1];
          if (changes.assignee) fact.assignee = changes.assignee[1] ?? null;
          if (changes.due) fact.due = changes.due[1] ?? null;
        } else if (effect.type === 'task.closed') {
          const fact = facts.get(effect.token);
          if (!fact) continue;
          fact.closedAt = at;
          fact.outcome = effect.outcome ?? null;
          fact.closeReason = effect.reason;
          fact.closedBy = actor ?? null;
        }
      }
    },
  });
  return [...facts.values()];
}
