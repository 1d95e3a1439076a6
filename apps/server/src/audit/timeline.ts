import type { TimelineEntry } from '@portalflow/contract';
import {
  assignmentKind,
  type Definition,
  type Effect,
  type HistoryEntry,
  idToWords,
  PortalflowError,
  replay,
  type VersionLookup,
} from '@portalflow/engine';
import type { AuditEvent } from '@portalflow/store';

export type { TimelineEntry };

/** A step's title in the version the event applied to; the id only when the step has none. */
const titleIn = (definition: Definition, step: unknown): string => {
  const id = String(step);
  return `“${definition.steps[id]?.title ?? id}”`;
};

/** A role's name in the version the event applied to; the id only when the role is not declared there. */
const roleIn = (definition: Definition, role: string): string =>
  definition.roles.find((r) => r.id === role)?.name ?? role;

/** What the event did, in words, naming steps by title (exports and timelines are read by people). */
function describe(
  event: AuditEvent,
  definition: Definition,
  changes: TimelineEntry['changes'],
  effects: readonly Effect[],
): string {
  const p = event.payload as Record<string, unknown>;
  switch (event.type) {
    case 'start':
      return 'started';
    case 'complete':
      return `completed ${titleIn(definition, p.step)} → ${idToWords(String(p.outcome))}`;
    case 'signal':
      return `signal “${idToWords(String(p.name))}” received`;
    case 'end-wait': {
      // Why it ended before its time is the entry's reason (shown with the values, as a reassignment's).
      const ended = effects.find((e) => e.type === 'wait.closed' && e.reason === 'ended-early');
      const step = ended && 'step' in ended ? ` ${titleIn(definition, ended.step)}` : ' a wait';
      return `ended${step} early`;
    }
    case 'timer-fired': {
      // A timer's id is `<task token>.deadline` or `.wait`: say which step's it was instead.
      const step = changes.find((c) => c.step)?.step;
      const wait = String(p.timer).endsWith('.wait');
      // A practice run's starter let the time pass ahead of it: say so, it did not pass on its own.
      const early = p.early === true ? ', played ahead of time for practice' : '';
      if (step === undefined) return (wait ? 'a wait ended' : 'a deadline passed') + early;
      if (wait) return `wait ended on ${titleIn(definition, step)}${early}`;
      // A deadline that moves its task to another role escalated it: say to whom, each time it happens.
      const to = changes.find((c) => c.field === 'role')?.to;
      const escalated = typeof to === 'string' ? `, escalated to ${roleIn(definition, to)}` : '';
      return `deadline passed on ${titleIn(definition, step)}${escalated}${early}`;
    }
    case 'reassign': {
      // Whoever held the task giving it to a colleague handed it on; a lead (or anyone else) reassigned it.
      const handedOn = changes.some(
        (c) => c.field === 'assignee' && c.from === p.actor && typeof c.to === 'string' && c.to !== p.actor,
      );
      const kind = assignmentKind(p);
      const verb =
        kind === 'reassign' && handedOn
          ? 'handed on'
          : { claim: 'claimed', release: 'released', reassign: 'reassigned' }[kind];
      const step = p.step ?? changes.find((c) => c.step)?.step;
      return step === undefined ? verb : `${verb} ${titleIn(definition, step)}`;
    }
    case 'cancel':
      // The reason is why the work stopped: whoever held the task reads it in the history.
      return typeof p.reason === 'string' && p.reason.trim() !== ''
        ? `cancelled: ${p.reason.trim()}`
        : 'cancelled';
    case 'migrated':
      return `moved from version ${p.from} to version ${p.to}`;
    case 'calendar-changed':
      // The deadlines it moved are the entry's changes (due: old → new).
      return 'clinic hours changed';
    default:
      return event.type;
  }
}

/** A reassignment's reason as recorded (a lead's words, or why the system moved the task), if any. */
function reasonOf(event: AuditEvent): string | undefined {
  const reason = (event.payload as { reason?: unknown } | null)?.reason;
  return (event.type === 'reassign' || event.type === 'end-wait') &&
    typeof reason === 'string' &&
    reason.trim() !== ''
    ? reason.trim()
    : undefined;
}

export const historyOf = (events: AuditEvent[]): HistoryEntry[] =>
  events.map((e) => ({ at: e.at, event: e.payload as HistoryEntry['event'] }));

/**
 * Replays the history once, turning each event's effects into old → new values for the timeline.
 * `definition` is the version the history starts on; `versions` gives the ones it migrates to.
 */
export function timeline(
  definition: Definition,
  events: AuditEvent[],
  versions?: VersionLookup,
): TimelineEntry[] {
  const history = historyOf(events);
  const effectsAt: Effect[][] = [];
  // A history that stops replaying is exactly what an auditor must still be able to read and export:
  // the rows after the failure keep who/when/what, without the values replay would have derived.
  let failure: { index: number; message: string } | undefined;
  try {
    replay(definition, history, {
      ...(versions ? { versions } : {}),
      onEvent: (i, _s, effects) => (effectsAt[i] = effects),
    });
  } catch (error) {
    if (!(error instanceof PortalflowError)) throw error;
    const index = (error.details as { index?: unknown } | undefined)?.index;
    failure = { index: typeof index === 'number' ? index : effectsAt.length, message: error.message };
  }
  // Titles come from the version each event applied to: a migration can rename a step.
  let current = definition;
  return events.map((event, i) => {
    if (event.type === 'migrated') {
      const to = (event.payload as { to?: unknown }).to;
      current = (typeof to === 'number' ? versions?.(to) : undefined) ?? current;
    }
    const changes: TimelineEntry['changes'] = [];
    const steps: string[] = [];
    for (const effect of effectsAt[i] ?? []) {
      if (effect.type === 'data.changed') {
        // `data.` keeps a form field named like a task property (due, role) apart from it.
        for (const [field, [from, to]] of Object.entries(effect.changes)) {
          changes.push({
            field: `data.${field}`,
            ...(effect.token !== undefined ? { task: effect.token } : {}),
            ...(effect.step !== undefined ? { step: effect.step } : {}),
            from,
            to,
          });
        }
      } else if (effect.type === 'task.updated') {
        for (const [field, pair] of Object.entries(effect.changes)) {
          changes.push({
            field,
            task: effect.token,
            step: effect.step,
            from: pair?.[0] ?? null,
            to: pair?.[1] ?? null,
          });
        }
      } else if (effect.type === 'task.closed' && effect.outcome !== undefined) {
        changes.push({
          field: 'outcome',
          task: effect.token,
          step: effect.step,
          from: null,
          to: effect.outcome,
        });
      } else if (effect.type === 'task.opened') {
        steps.push(effect.step);
        if (effect.due)
          changes.push({ field: 'due', task: effect.token, step: effect.step, from: null, to: effect.due });
      } else if (effect.type === 'edge.taken') {
        steps.push(effect.to);
      }
    }
    return {
      seq: event.seq,
      at: event.at,
      actor: event.actor,
      role: event.role,
      type: event.type,
      summary: describe(event, current, changes, effectsAt[i] ?? []),
      changes: changes.map((change) => {
        const title = change.step ? current.steps[change.step]?.title : undefined;
        return title ? { ...change, stepTitle: title } : change;
      }),
      steps,
      hash: event.hash,
      ...(reasonOf(event) !== undefined ? { reason: reasonOf(event) } : {}),
      ...(failure?.index === i ? { replayError: failure.message } : {}),
    };
  });
}
