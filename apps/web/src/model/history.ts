import type { Definition, Step } from '@portalflow/engine';
import type { EditorDocument, LaneLayout, StepPosition } from './document.ts';

/**
 * Undo/redo from diffs of the document, not from hand-written inverse commands: every recorded
 * edit stores the before and after value of each key it touched (a workflow field, a step, a box
 * position, the lane list). Undo writes the befores back; redo the afters. Steps are compared by
 * identity, so a diff costs one pass over the step ids and holds only what changed.
 */
type Pair<T> = [before: T | undefined, after: T | undefined];

export interface DocumentDiff {
  /** Workflow-level fields other than `steps` (title, roles, start…). */
  fields: Record<string, Pair<unknown>>;
  steps: Record<string, Pair<Step>>;
  /** The order of step ids, recorded only when steps were added or removed (undo restores it). */
  stepOrder?: Pair<string[]>;
  positions: Record<string, Pair<StepPosition>>;
  lanes?: Pair<LaneLayout[]>;
}

const isEmpty = (o: object) => Object.keys(o).length === 0;

export function diffDocuments(a: EditorDocument, b: EditorDocument): DocumentDiff {
  const diff: DocumentDiff = { fields: {}, steps: {}, positions: {} };
  if (a === b) return diff;
  const da = a.definition as unknown as Record<string, unknown>;
  const db = b.definition as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(da), ...Object.keys(db)])) {
    if (key === 'steps') continue;
    if (da[key] !== db[key]) diff.fields[key] = [da[key], db[key]];
  }
  const sa = a.definition.steps;
  const sb = b.definition.steps;
  if (sa !== sb) {
    let keysChanged = false;
    for (const id of Object.keys(sa)) {
      if (sa[id] !== sb[id]) diff.steps[id] = [sa[id], sb[id]];
      if (!(id in sb)) keysChanged = true;
    }
    for (const id of Object.keys(sb)) {
      if (!(id in sa)) {
        diff.steps[id] = [undefined, sb[id]];
        keysChanged = true;
      }
    }
    const orderA = Object.keys(sa);
    const orderB = Object.keys(sb);
    if (keysChanged || orderA.some((id, i) => orderB[i] !== id)) diff.stepOrder = [orderA, orderB];
  }
  const pa = a.layout.positions;
  const pb = b.layout.positions;
  if (pa !== pb) {
    for (const id of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
      if (pa[id] !== pb[id]) diff.positions[id] = [pa[id], pb[id]];
    }
  }
  if (a.layout.lanes !== b.layout.lanes) diff.lanes = [a.layout.lanes, b.layout.lanes];
  return diff;
}

export function isEmptyDiff(diff: DocumentDiff): boolean {
  return (
    isEmpty(diff.fields) && isEmpty(diff.steps) && isEmpty(diff.positions) && !diff.lanes && !diff.stepOrder
  );
}

/** True when the diff moves boxes or lanes only: the workflow itself is unchanged. */
export function isLayoutDiff(diff: DocumentDiff): boolean {
  return isEmpty(diff.fields) && isEmpty(diff.steps) && !diff.stepOrder;
}

/** Writes one side of a diff onto `doc`: `after` replays the edit, `before` reverts it. */
export function applyDiff(doc: EditorDocument, diff: DocumentDiff, side: 'before' | 'after'): EditorDocument {
  const pick = <T>(pair: Pair<T>) => (side === 'before' ? pair[0] : pair[1]);
  let definition = doc.definition;
  if (!isEmpty(diff.fields)) {
    const fields = { ...(definition as unknown as Record<string, unknown>) };
    for (const [key, pair] of Object.entries(diff.fields)) {
      const value = pick(pair);
      if (value === undefined) delete fields[key];
      else fields[key] = value;
    }
    definition = fields as unknown as Definition;
  }
  if (!isEmpty(diff.steps) || diff.stepOrder) {
    const current = { ...definition.steps };
    for (const [id, pair] of Object.entries(diff.steps)) {
      const value = pick(pair);
      if (value === undefined) delete current[id];
      else current[id] = value;
    }
    const order = diff.stepOrder ? pick(diff.stepOrder)! : Object.keys(current);
    const steps: Definition['steps'] = {};
    for (const id of order) if (current[id]) steps[id] = current[id];
    for (const id of Object.keys(current)) if (!steps[id]) steps[id] = current[id]!;
    definition = { ...definition, steps };
  }
  let layout = doc.layout;
  if (!isEmpty(diff.positions)) {
    const positions = { ...layout.positions };
    for (const [id, pair] of Object.entries(diff.positions)) {
      const value = pick(pair);
      if (value === undefined) delete positions[id];
      else positions[id] = value;
    }
    layout = { ...layout, positions };
  }
  if (diff.lanes) layout = { ...layout, lanes: pick(diff.lanes) ?? [] };
  return definition === doc.definition && layout === doc.layout ? doc : { definition, layout };
}

/** One diff after another as a single diff (first `before`, last `after`). */
export function squashDiffs(older: DocumentDiff, newer: DocumentDiff): DocumentDiff {
  const merge = <T>(a: Record<string, Pair<T>>, b: Record<string, Pair<T>>) => {
    const out = { ...a };
    for (const [k, [, after]] of Object.entries(b)) out[k] = [k in a ? a[k]![0] : b[k]![0], after];
    return out;
  };
  const out: DocumentDiff = {
    fields: merge(older.fields, newer.fields),
    steps: merge(older.steps, newer.steps),
    positions: merge(older.positions, newer.positions),
  };
  if (older.stepOrder || newer.stepOrder)
    out.stepOrder = [
      older.stepOrder?.[0] ?? newer.stepOrder![0],
      newer.stepOrder?.[1] ?? older.stepOrder![1],
    ];
  if (older.lanes || newer.lanes)
    out.lanes = [older.lanes?.[0] ?? newer.lanes![0], newer.lanes?.[1] ?? older.lanes![1]];
  return out;
}

export interface HistoryEntry {
  diff: DocumentDiff;
  /** Consecutive entries with the same key merge into one undo step (a drag, typing a title). */
  squash?: string;
  label?: string;
  /** Steps whose id changed in this step, old id first: Undo and Redo keep them chosen. */
  renames?: Array<[from: string, to: string]>;
}

/** A named stopping point: `bailToMark` and `squashToMark` work back to it. */
export interface HistoryMark {
  mark: string;
}

export interface History {
  undo: Array<HistoryEntry | HistoryMark>;
  redo: HistoryEntry[];
}

const LIMIT = 500;
const isMark = (e: HistoryEntry | HistoryMark): e is HistoryMark => 'mark' in e;

export const emptyHistory = (): History => ({ undo: [], redo: [] });

export interface RecordOptions {
  /** Merge with the previous entry when it has the same key. Layout-only moves pass `move:<ids>`. */
  squash?: string;
  label?: string;
  /** Steps whose id the edit changed, old id first. */
  renames?: Array<[from: string, to: string]>;
}

/** Records the edit from `before` to `after`. A no-op edit records nothing. */
export function record(
  history: History,
  before: EditorDocument,
  after: EditorDocument,
  options: RecordOptions = {},
): History {
  const diff = diffDocuments(before, after);
  if (isEmptyDiff(diff)) return history;
  const top = history.undo[history.undo.length - 1];
  if (options.squash !== undefined && top && !isMark(top) && top.squash === options.squash) {
    const merged: HistoryEntry = { ...top, diff: squashDiffs(top.diff, diff) };
    const renames = [...(top.renames ?? []), ...(options.renames ?? [])];
    if (renames.length > 0) merged.renames = renames;
    return { undo: [...history.undo.slice(0, -1), merged], redo: [] };
  }
  const entry: HistoryEntry = { diff };
  if (options.squash !== undefined) entry.squash = options.squash;
  if (options.label !== undefined) entry.label = options.label;
  if (options.renames?.length) entry.renames = options.renames;
  const undo = [...history.undo, entry];
  return { undo: undo.length > LIMIT ? undo.slice(undo.length - LIMIT) : undo, redo: [] };
}

export const canUndo = (h: History) => h.undo.some((e) => !isMark(e));

/** The entry Undo would take back, if any. */
export const nextUndo = (h: History): HistoryEntry | undefined =>
  h.undo.findLast((e): e is HistoryEntry => !isMark(e));

/** The entry Redo would do again, if any. */
export const nextRedo = (h: History): HistoryEntry | undefined => h.redo[h.redo.length - 1];
export const canRedo = (h: History) => h.redo.length > 0;

export function undo(history: History, doc: EditorDocument): { history: History; document: EditorDocument } {
  const stack = [...history.undo];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (isMark(entry)) continue;
    return {
      history: { undo: stack, redo: [...history.redo, entry] },
      document: applyDiff(doc, entry.diff, 'before'),
    };
  }
  return { history, document: doc };
}

export function redo(history: History, doc: EditorDocument): { history: History; document: EditorDocument } {
  const entry = history.redo[history.redo.length - 1];
  if (!entry) return { history, document: doc };
  // A redone entry never squashes with the next edit.
  const { squash: _squash, ...plain } = entry;
  return {
    history: { undo: [...history.undo, plain], redo: history.redo.slice(0, -1) },
    document: applyDiff(doc, entry.diff, 'after'),
  };
}

export function markStoppingPoint(history: History, name: string): History {
  return { ...history, undo: [...history.undo, { mark: name }] };
}

const markIndex = (history: History, name: string) =>
  history.undo.findLastIndex((e) => isMark(e) && e.mark === name);

/** Reverts everything since the mark and forgets it (no redo): a cancelled drag or dialog. */
export function bailToMark(
  history: History,
  doc: EditorDocument,
  name: string,
): { history: History; document: EditorDocument } {
  const at = markIndex(history, name);
  if (at < 0) return { history, document: doc };
  let document = doc;
  for (let i = history.undo.length - 1; i > at; i--) {
    const entry = history.undo[i]!;
    if (!isMark(entry)) document = applyDiff(document, entry.diff, 'before');
  }
  return { history: { undo: history.undo.slice(0, at), redo: history.redo }, document };
}

/** Folds everything since the mark into one undo step (a paste and its follow-up moves). */
export function squashToMark(history: History, name: string, label?: string): History {
  const at = markIndex(history, name);
  if (at < 0) return history;
  const entries = history.undo.slice(at + 1).filter((e): e is HistoryEntry => !isMark(e));
  if (entries.length === 0) return { ...history, undo: history.undo.slice(0, at) };
  const diff = entries.slice(1).reduce((acc, e) => squashDiffs(acc, e.diff), entries[0]!.diff);
  const entry: HistoryEntry = { diff };
  if (label !== undefined) entry.label = label;
  const renames = entries.flatMap((e) => e.renames ?? []);
  if (renames.length > 0) entry.renames = renames;
  return { ...history, undo: [...history.undo.slice(0, at), entry] };
}
