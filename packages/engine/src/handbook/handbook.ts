import type { Definition, FormField } from '../definition.ts';
import { expectedAnswer } from '../form.ts';
import { allEdges } from '../graph.ts';
import { idToWords } from '../text/words.ts';
import { type VersionChange, versionChanges } from './changes.ts';
import { edgeText, roleNameIn, stepDeadlineText, stepTitle } from './describe.ts';

/** One step as the handbook lists it. */
export interface HandbookStep {
  id: string;
  kind: Definition['steps'][string]['type'];
  title: string;
  /** Owning role's name (tasks), or empty for automatic steps. */
  owner: string;
  ownerId?: string;
  /** "outcome → next step" (tasks), "condition → step" (decisions), "next → step" (waits). */
  ways: Array<{ label: string; to: string }>;
  deadline?: string;
  help?: string;
  description?: string;
  /**
   * What finishing the task records (its form), each field with when it is needed: `always`, `to
   * finish as …` (outcomes as staff see them), or `optional`; and what a right answer looks like
   * when the field checks it (`a chart number such as DEMO-5001`, `from 1 to 90`). A computed field
   * is `computed`, with what it is worked out from. Absent when the task has no form.
   */
  records?: Array<{ label: string; needed: string; expects?: string }>;
}

export interface Handbook {
  id: string;
  title: string;
  description: string;
  version: number | null;
  publishedAt: string | null;
  lanes: Array<{ id: string; name: string; department: string }>;
  steps: HandbookStep[];
  /** Null for the first version (nothing to compare with). */
  changes: VersionChange[] | null;
  previousVersion: number | null;
}

export interface HandbookOptions {
  version?: number;
  publishedAt?: string;
  previous?: { definition: Definition; version: number };
}

/** Steps in reading order: breadth-first from the start, the rest after in definition order. */
function readingOrder(definition: Definition): string[] {
  const out = new Map<string, string[]>();
  for (const e of allEdges(definition)) {
    const list = out.get(e.from);
    if (list) list.push(e.to);
    else out.set(e.from, [e.to]);
  }
  const seen = new Set<string>();
  const order: string[] = [];
  const queue = definition.steps[definition.start] ? [definition.start] : [];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    if (seen.has(id) || !definition.steps[id]) continue;
    seen.add(id);
    order.push(id);
    queue.push(...(out.get(id) ?? []));
  }
  for (const id of Object.keys(definition.steps)) if (!seen.has(id)) order.push(id);
  return order;
}

function neededText(field: FormField): string {
  if (field.required) return 'always';
  if (field.requiredFor?.length) return `to finish as ${field.requiredFor.map(idToWords).join(' or ')}`;
  return 'optional';
}

/** One recorded field in words: "Reason for denial (needed to finish as Denied)", "Days supply (optional; from 1 to 90)". */
export const recordText = (r: { label: string; needed: string; expects?: string }) => {
  if (r.needed === 'computed') return `${r.label} (${r.expects ?? 'worked out'})`;
  const needed =
    r.needed === 'always' ? 'always needed' : r.needed === 'optional' ? 'optional' : `needed ${r.needed}`;
  return `${r.label} (${needed}${r.expects ? `; ${r.expects}` : ''})`;
};

export function handbookOf(definition: Definition, options: HandbookOptions = {}): Handbook {
  const leaving = new Map<string, ReturnType<typeof allEdges>>();
  for (const e of allEdges(definition)) {
    if (e.kind === 'deadline') continue;
    const list = leaving.get(e.from);
    if (list) list.push(e);
    else leaving.set(e.from, [e]);
  }
  const steps = readingOrder(definition).map((id): HandbookStep => {
    const step = definition.steps[id]!;
    const s: HandbookStep = { id, kind: step.type, title: stepTitle(definition, id), owner: '', ways: [] };
    if (step.type === 'task') {
      s.owner = roleNameIn(definition, step.role);
      if (step.role !== undefined) s.ownerId = step.role;
      if (step.help) s.help = step.help;
      if (step.form?.length)
        s.records = step.form.map((f) => {
          if (f.computed) {
            const from = step.form?.find((g) => g.id === f.computed?.monthsSince)?.label;
            return {
              label: f.label,
              needed: 'computed',
              expects: `worked out from ${from ?? f.computed.monthsSince}`,
            };
          }
          const expects = expectedAnswer(f);
          return { label: f.label, needed: neededText(f), ...(expects ? { expects } : {}) };
        });
    }
    if (step.description) s.description = step.description;
    const deadline = stepDeadlineText(definition, step);
    if (deadline) s.deadline = deadline;
    for (const e of leaving.get(id) ?? [])
      s.ways.push({ label: edgeText(e, definition), to: stepTitle(definition, e.to) });
    return s;
  });
  return {
    id: definition.id,
    title: definition.title,
    description: definition.description ?? '',
    version: options.version ?? null,
    publishedAt: options.publishedAt ?? null,
    lanes: definition.roles.map((r) => ({ id: r.id, name: r.name, department: r.department ?? '' })),
    steps,
    changes: options.previous ? versionChanges(options.previous.definition, definition) : null,
    previousVersion: options.previous?.version ?? null,
  };
}

const md = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
const KIND: Record<HandbookStep['kind'], string> = {
  task: 'Task',
  decision: 'Decision (automatic)',
  parallel: 'In parallel (automatic)',
  wait: 'Wait',
  end: 'End',
};

/** The handbook as Markdown: lanes, every step with owner, outcomes, deadline and help, and the changes. */
export function handbookMarkdown(h: Handbook, svgFileName?: string): string {
  const out: string[] = [`# ${md(h.title)}`, ''];
  const meta = [
    h.version !== null ? `Version ${h.version}` : 'Draft',
    h.publishedAt ? `published ${h.publishedAt.slice(0, 10)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  out.push(`*${meta}*`, '');
  if (h.description) out.push(md(h.description), '');
  if (svgFileName) out.push(`![Swimlane diagram of ${md(h.title)}](${svgFileName})`, '');
  out.push('## What changed', '');
  if (h.changes === null) out.push('First published version.', '');
  else if (h.changes.length === 0)
    out.push(`No changes in the steps since version ${h.previousVersion}.`, '');
  else {
    out.push(`Since version ${h.previousVersion}:`, '');
    for (const c of h.changes) out.push(`- ${md(c.text)}`);
    out.push('');
  }
  out.push('## Roles (lanes)', '', '| Role | Department |', '| --- | --- |');
  for (const l of h.lanes) out.push(`| ${md(l.name)} | ${md(l.department) || '—'} |`);
  out.push('', '## Steps', '');
  h.steps.forEach((s, i) => {
    out.push(`### ${i + 1}. ${md(s.title)}`, '');
    out.push(`- **Kind:** ${KIND[s.kind]}`);
    if (s.owner) out.push(`- **Owner:** ${md(s.owner)}`);
    if (s.deadline) out.push(`- **Deadline:** ${md(s.deadline)}`);
    if (s.ways.length) {
      out.push(`- **${s.kind === 'task' ? 'Outcomes' : 'Next'}:**`);
      for (const w of s.ways) out.push(`  - ${md(w.label)} → ${md(w.to)}`);
    }
    if (s.records) {
      out.push('- **Records:**');
      for (const r of s.records) out.push(`  - ${md(recordText(r))}`);
    }
    out.push('');
    if (s.description) out.push(md(s.description), '');
    if (s.help) out.push(`> ${md(s.help).replace(/\n/g, '\n> ')}`, '');
  });
  return out.join('\n');
}
