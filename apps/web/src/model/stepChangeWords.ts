import {
  canonicalJson,
  type Definition,
  durationText,
  type FormField,
  idToWords,
  roleNameIn,
  type Step,
  stepTitle,
} from '@portalflow/engine';

/**
 * What a change is, for the role lines: deadlines and outcomes already stand in the role's duties
 * (`roleChanges`); the kinds here are the ones those duties do not carry.
 */
export type StepLineKind =
  | 'rename'
  | 'owner'
  | 'outcome'
  | 'deadline'
  | 'field'
  | 'help'
  | 'priority'
  | 'other';

export interface StepLine {
  kind: StepLineKind;
  text: string;
}

/** One step present in both versions whose content differs, with every change in words. */
export interface ChangedStep {
  stepId: string;
  title: string;
  /** The role doing the step in the new version (tasks). */
  roleId?: string;
  lines: StepLine[];
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
/** The longest help text quoted whole; a longer one is cut at a word with an ellipsis. */
const HELP_QUOTE = 240;

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= HELP_QUOTE) return `“${flat}”`;
  return `“${flat.slice(0, HELP_QUOTE).replace(/\s+\S*$/, '')}…”`;
}

function deadlineWords(definition: Definition, step: Step): string {
  if ((step.type !== 'task' && step.type !== 'wait') || !step.deadline) return 'none';
  const d = step.deadline;
  const after = durationText(d.after, d.calendar === 'business');
  if (d.escalateTo !== undefined) return `${after}, then to ${roleNameIn(definition, d.escalateTo)}`;
  if (d.goTo !== undefined) return `${after}, then moves on to ${stepTitle(definition, d.goTo)}`;
  return after;
}

/**
 * The outcomes of a task renamed between two versions, old → new: the one outcome that went and the one
 * that came, leading to the same step. An outcome's id is its name, so a rename is otherwise an outcome
 * taken away and a new one (and every field required for it "changed").
 */
function outcomeRenames(a: Step, b: Step): Map<string, string> {
  const renames = new Map<string, string>();
  if (a.type !== 'task' || b.type !== 'task') return renames;
  const gone = Object.keys(a.outcomes).filter((o) => !(o in b.outcomes));
  const came = Object.keys(b.outcomes).filter((o) => !(o in a.outcomes));
  if (gone.length === 1 && came.length === 1 && a.outcomes[gone[0]!] === b.outcomes[came[0]!])
    renames.set(gone[0]!, came[0]!);
  return renames;
}

/** A field as it would read with the renamed outcomes under their new names. */
function underNewNames(field: FormField, renames: ReadonlyMap<string, string>): FormField {
  if (!field.requiredFor || renames.size === 0) return field;
  return { ...field, requiredFor: field.requiredFor.map((o) => renames.get(o) ?? o) };
}

function fieldLines(
  before: readonly FormField[],
  after: readonly FormField[],
  renames: ReadonlyMap<string, string> = new Map(),
): StepLine[] {
  const lines: StepLine[] = [];
  const was = new Map(before.map((f) => [f.id, f]));
  const now = new Map(after.map((f) => [f.id, f]));
  for (const f of after)
    if (!was.has(f.id))
      lines.push({ kind: 'field', text: `New field “${f.label}”${f.required ? ' (required)' : ''}` });
  for (const f of after) {
    const found = was.get(f.id);
    const old = found && underNewNames(found, renames);
    if (!old || same(old, f)) continue;
    if (old.label !== f.label)
      lines.push({ kind: 'field', text: `Field “${old.label}” is now called “${f.label}”` });
    if (Boolean(old.required) !== Boolean(f.required))
      lines.push({
        kind: 'field',
        text: `Field “${f.label}” is ${f.required ? 'now required' : 'no longer required'}`,
      });
    const { label: _l, required: _r, ...restOld } = old;
    const { label: _l2, required: _r2, ...restNew } = f;
    if (!same(restOld, restNew))
      lines.push({ kind: 'field', text: `Field “${f.label}”: its type, choices, checks or help changed` });
  }
  for (const f of before)
    if (!now.has(f.id)) lines.push({ kind: 'field', text: `Field “${f.label}” taken away` });
  return lines;
}

function taskLines(before: Definition, after: Definition, a: Step, b: Step): StepLine[] {
  if (a.type !== 'task' || b.type !== 'task') return [];
  const lines: StepLine[] = [];
  if (a.role !== b.role)
    lines.push({
      kind: 'owner',
      text: `Now done by ${roleNameIn(after, b.role)} (was ${roleNameIn(before, a.role)})`,
    });
  const renames = outcomeRenames(a, b);
  for (const [o, n] of renames)
    lines.push({ kind: 'outcome', text: `Outcome “${idToWords(o)}” renamed “${idToWords(n)}”` });
  const renamedTo = new Set(renames.values());
  for (const [o, to] of Object.entries(b.outcomes)) {
    const old = a.outcomes[o];
    if (renamedTo.has(o)) continue;
    if (old === undefined)
      lines.push({
        kind: 'outcome',
        text: `New outcome “${idToWords(o)}”, leading to ${stepTitle(after, to)}`,
      });
    else if (old !== to)
      lines.push({
        kind: 'outcome',
        text: `Outcome “${idToWords(o)}” now leads to ${stepTitle(after, to)} (was ${stepTitle(before, old)})`,
      });
  }
  for (const o of Object.keys(a.outcomes))
    if (!(o in b.outcomes) && !renames.has(o))
      lines.push({ kind: 'outcome', text: `Outcome “${idToWords(o)}” taken away` });
  return lines;
}

/** Every change to one step, in the order a reader checks them: name, who, outcomes, deadline, form, help. */
function stepLines(before: Definition, after: Definition, a: Step, b: Step): StepLine[] {
  if (a.type !== b.type) return [{ kind: 'other', text: `Now a ${b.type} step (was a ${a.type} step)` }];
  const lines: StepLine[] = [];
  if (a.title !== undefined && b.title !== undefined && a.title !== b.title)
    lines.push({ kind: 'rename', text: `Renamed from “${a.title}”` });
  lines.push(...taskLines(before, after, a, b));
  if ((a.type === 'task' || a.type === 'wait') && !same(a.deadline, (b as typeof a).deadline))
    lines.push({
      kind: 'deadline',
      text: `Deadline ${deadlineWords(after, b)} (was ${deadlineWords(before, a)})`,
    });
  if (a.type === 'task' && b.type === 'task') {
    lines.push(...fieldLines(a.form ?? [], b.form ?? [], outcomeRenames(a, b)));
    if ((a.help ?? '') !== (b.help ?? ''))
      lines.push({
        kind: 'help',
        text: b.help?.trim() ? `Help text changed to: ${quote(b.help)}` : 'Help text taken away',
      });
    if ((a.priority ?? 'normal') !== (b.priority ?? 'normal'))
      lines.push({
        kind: 'priority',
        text: `Priority ${b.priority ?? 'normal'} (was ${a.priority ?? 'normal'})`,
      });
  }
  if (a.type === 'decision' && b.type === 'decision' && !same(a, { ...b, title: a.title }))
    lines.push({ kind: 'other', text: 'Its rules for choosing the next step changed' });
  if (a.type === 'parallel' && b.type === 'parallel' && !same(a, { ...b, title: a.title }))
    lines.push({ kind: 'other', text: 'The steps it runs side by side changed' });
  if (
    a.type === 'wait' &&
    b.type === 'wait' &&
    (a.next !== b.next || a.signal !== b.signal || a.for !== b.for)
  )
    lines.push({ kind: 'other', text: 'What it waits for, or where it goes next, changed' });
  if (a.type === 'end' && b.type === 'end' && a.outcome !== b.outcome)
    lines.push({
      kind: 'other',
      text: `Ends as “${idToWords(b.outcome ?? 'done')}” (was “${idToWords(a.outcome ?? 'done')}”)`,
    });
  if (lines.length === 0 && !same(a, b)) lines.push({ kind: 'other', text: 'Its description changed' });
  return lines;
}

/** The steps present in both versions that changed, in the new version's order, each with all its changes. */
export function changedSteps(before: Definition, after: Definition): ChangedStep[] {
  const out: ChangedStep[] = [];
  for (const [id, b] of Object.entries(after.steps)) {
    const a = before.steps[id];
    if (!a || same(a, b)) continue;
    const lines = stepLines(before, after, a, b);
    if (lines.length === 0) continue;
    out.push({
      stepId: id,
      title: stepTitle(after, id),
      ...(b.type === 'task' && b.role !== undefined ? { roleId: b.role } : {}),
      lines,
    });
  }
  return out;
}
