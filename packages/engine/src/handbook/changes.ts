import { canonicalJson } from '../canonical.ts';
import type { Definition, Step } from '../definition.ts';
import { roleNameIn, stepDeadlineText, stepTitle } from './describe.ts';

/** One line of "what changed since the previous version", in a reader's words. */
export interface VersionChange {
  kind:
    | 'added'
    | 'removed'
    | 'owner'
    | 'outcomes'
    | 'deadline'
    | 'routing'
    | 'help'
    | 'title'
    | 'role'
    | 'other';
  stepId?: string;
  text: string;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function stepChanges(before: Definition, after: Definition, id: string, a: Step, b: Step): VersionChange[] {
  const title = stepTitle(after, id);
  if (a.type !== b.type)
    return [{ kind: 'other', stepId: id, text: `${title}: now a ${b.type} step (was ${a.type})` }];
  const out: VersionChange[] = [];
  if (a.title !== b.title && a.title !== undefined && b.title !== undefined)
    out.push({ kind: 'title', stepId: id, text: `Renamed: “${a.title}” → “${b.title}”` });
  if (a.type === 'task' && b.type === 'task') {
    if (a.role !== b.role)
      out.push({
        kind: 'owner',
        stepId: id,
        text: `${title}: owner ${roleNameIn(before, a.role)} → ${roleNameIn(after, b.role)}`,
      });
    const added = Object.keys(b.outcomes).filter((o) => !(o in a.outcomes));
    const removed = Object.keys(a.outcomes).filter((o) => !(o in b.outcomes));
    const moved = Object.keys(b.outcomes).filter((o) => o in a.outcomes && a.outcomes[o] !== b.outcomes[o]);
    if (added.length)
      out.push({ kind: 'outcomes', stepId: id, text: `${title}: new outcome ${added.join(', ')}` });
    if (removed.length)
      out.push({ kind: 'outcomes', stepId: id, text: `${title}: outcome removed ${removed.join(', ')}` });
    for (const o of moved)
      out.push({
        kind: 'routing',
        stepId: id,
        text: `${title}: “${o}” now leads to ${stepTitle(after, b.outcomes[o]!)} (was ${stepTitle(before, a.outcomes[o]!)})`,
      });
    if (a.help !== b.help) out.push({ kind: 'help', stepId: id, text: `${title}: help text changed` });
    if (!same(a.form, b.form)) out.push({ kind: 'other', stepId: id, text: `${title}: form changed` });
    if (a.priority !== b.priority)
      out.push({
        kind: 'other',
        stepId: id,
        text: `${title}: priority ${a.priority ?? 'normal'} → ${b.priority ?? 'normal'}`,
      });
  }
  if (
    (a.type === 'task' || a.type === 'wait') &&
    (b.type === 'task' || b.type === 'wait') &&
    !same(a.deadline, b.deadline)
  ) {
    out.push({
      kind: 'deadline',
      stepId: id,
      text: `${title}: deadline ${stepDeadlineText(before, a) ?? 'none'} → ${stepDeadlineText(after, b) ?? 'none'}`,
    });
  }
  if (
    a.type === 'decision' &&
    b.type === 'decision' &&
    (!same(a.branches, b.branches) || a.otherwise !== b.otherwise)
  )
    out.push({ kind: 'routing', stepId: id, text: `${title}: decision rules changed` });
  if (a.type === 'parallel' && b.type === 'parallel' && !same(a, b))
    out.push({ kind: 'routing', stepId: id, text: `${title}: parallel branches changed` });
  if (
    a.type === 'wait' &&
    b.type === 'wait' &&
    (a.next !== b.next || a.signal !== b.signal || a.for !== b.for)
  )
    out.push({
      kind: 'routing',
      stepId: id,
      text: `${title}: what it waits for or where it goes next changed`,
    });
  if (a.type === 'end' && b.type === 'end' && a.outcome !== b.outcome)
    out.push({
      kind: 'other',
      stepId: id,
      text: `${title}: end outcome ${a.outcome ?? '—'} → ${b.outcome ?? '—'}`,
    });
  if (out.length === 0 && !same(a, b))
    out.push({ kind: 'other', stepId: id, text: `${title}: description changed` });
  return out;
}

/** Every change from `before` to `after`, steps in the order of `after`, removed steps last. */
export function versionChanges(before: Definition, after: Definition): VersionChange[] {
  const out: VersionChange[] = [];
  for (const r of after.roles) {
    const was = before.roles.find((x) => x.id === r.id);
    if (!was) out.push({ kind: 'role', text: `New role: ${r.name}` });
    else if (was.name !== r.name) out.push({ kind: 'role', text: `Role renamed: ${was.name} → ${r.name}` });
  }
  for (const r of before.roles)
    if (!after.roles.some((x) => x.id === r.id)) out.push({ kind: 'role', text: `Role removed: ${r.name}` });
  if (before.start !== after.start)
    out.push({
      kind: 'routing',
      text: `Starts at ${stepTitle(after, after.start)} (was ${stepTitle(before, before.start)})`,
    });
  for (const [id, b] of Object.entries(after.steps)) {
    const a = before.steps[id];
    if (!a) {
      const owner = b.type === 'task' ? ` (${roleNameIn(after, b.role)})` : '';
      out.push({ kind: 'added', stepId: id, text: `New step: ${stepTitle(after, id)}${owner}` });
    } else out.push(...stepChanges(before, after, id, a, b));
  }
  for (const id of Object.keys(before.steps))
    if (!after.steps[id])
      out.push({ kind: 'removed', stepId: id, text: `Step removed: ${stepTitle(before, id)}` });
  return out;
}
