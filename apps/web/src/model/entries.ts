import type { Definition, Finding } from '@portalflow/engine';

/**
 * What the lead typed into an inspector box that the workflow cannot take yet: a deadline of 0, a
 * smallest answer of "abc". The workflow keeps its last good value, so the typed text is held here
 * (by the path of what it would change, `steps.review.deadline.after`) and reported as a problem
 * until it is fixed or typed back: nothing typed is dropped without a word, and nothing is published
 * while the screen shows something the workflow does not say.
 */
export interface UnfinishedEntry {
  /** What is in the box. */
  text: string;
  /** The box and what it needs, in words: "Due after must be a whole number of days, from 1 to …". */
  problem: string;
  /** Another choice made with it that the workflow does not hold either (a deadline's unit). */
  choice?: string;
}

export type UnfinishedEntries = Readonly<Record<string, UnfinishedEntry>>;

export const NO_ENTRIES: UnfinishedEntries = {};

/** The entries with `path`'s set to `entry`, or removed (`null`); the same object when nothing changes. */
export function withEntry(
  entries: UnfinishedEntries,
  path: string,
  entry: UnfinishedEntry | null,
): UnfinishedEntries {
  const now = entries[path];
  if (entry === null) {
    if (now === undefined) return entries;
    const { [path]: _gone, ...rest } = entries;
    return rest;
  }
  if (now && now.text === entry.text && now.problem === entry.problem && now.choice === entry.choice)
    return entries;
  return { ...entries, [path]: entry };
}

const stepOf = (path: string) => /^steps\.([^.]+)\./.exec(path)?.[1];

/** A step got a new id: its held entries follow it, so the box still shows what was typed. */
export function renameEntries(entries: UnfinishedEntries, from: string, to: string): UnfinishedEntries {
  const prefix = `steps.${from}.`;
  if (!Object.keys(entries).some((p) => p.startsWith(prefix))) return entries;
  return Object.fromEntries(
    Object.entries(entries).map(([p, e]) => [
      p.startsWith(prefix) ? `steps.${to}.${p.slice(prefix.length)}` : p,
      e,
    ]),
  );
}

/** Whether what holds the box is still there: the step, its deadline, the form field. */
function boxExists(definition: Definition, path: string): boolean {
  let at: unknown = definition;
  for (const key of path.split('.').slice(0, -1)) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return at !== null && typeof at === 'object';
}

/**
 * The entries as errors of the Problems panel, pointing at their step (or the workflow's settings).
 * An entry whose box is gone (its step deleted, its deadline taken off) is not reported; undo brings
 * the box back, and the entry with it.
 */
export function entryFindings(definition: Definition, entries: UnfinishedEntries): Finding[] {
  const findings: Finding[] = [];
  for (const [path, entry] of Object.entries(entries)) {
    if (!boxExists(definition, path)) continue;
    const step = stepOf(path);
    const finding: Finding = {
      rule: 'unfinished-entry',
      severity: 'error',
      path,
      message: `${entry.problem}: “${entry.text}” is not taken yet`,
    };
    if (step !== undefined) finding.step = step;
    findings.push(finding);
  }
  return findings;
}
