import type { DraftAnswer, TaskDraft, TaskDraftMark } from '@portalflow/contract';
import type { FormField } from '@portalflow/engine';
import { formatDay, formatTime, formatWhen } from '../shell/time.ts';
import type { FormValues } from './form.ts';

/**
 * The answers a draft keeps: the form's own fields as their inputs hold them (half-typed number text
 * too), left-out and emptied ones not at all — the step declares every one, so the server takes them.
 */
export function draftAnswers(fields: readonly FormField[], values: FormValues): Record<string, DraftAnswer> {
  const out: Record<string, DraftAnswer> = {};
  for (const field of fields) {
    const v = values[field.id];
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))
      out[field.id] = v;
  }
  return out;
}

/** Whether a kept answer can go back into its input (a choice still offered, a yes/no as one). */
function restorable(field: FormField, value: unknown): boolean {
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'select':
      return typeof value === 'string' && (field.options ?? []).includes(value);
    case 'number':
      return typeof value === 'number' || typeof value === 'string';
    default:
      return typeof value === 'string';
  }
}

/** The form's starting values with a draft's answers over them, and which fields the draft filled in. */
export function withDraft(
  fields: readonly FormField[],
  start: FormValues,
  draft: TaskDraft | null,
): { values: FormValues; restored: Set<string> } {
  const values = { ...start };
  const restored = new Set<string>();
  for (const field of fields) {
    const kept = draft?.values[field.id];
    if (kept === undefined || kept === null || !restorable(field, kept)) continue;
    values[field.id] = kept;
    restored.add(field.id);
  }
  return { values, restored };
}

/** Who typed a restored answer, under its field: the reader, or the task's holder before them. */
export function restoredLabel(draft: TaskDraft, meId: string): string {
  return draft.savedBy.id === meId ? 'Restored from your draft' : `Typed by ${draft.savedBy.displayName}`;
}

/** The draft could not be read (`load`) or saved (`save`), and why in words. */
export interface DraftProblem {
  when: 'load' | 'save';
  why: string;
}

/** The line beside the form that says what is kept: restored, saving, saved at a time, or not saved. */
export function draftStatusText(
  state: {
    saving: boolean;
    problem: DraftProblem | null;
    savedAt: string | null;
    restored: TaskDraft | null;
  },
  meId: string,
): string | null {
  const p = state.problem;
  if (p?.when === 'load')
    return `Your draft could not be loaded: ${p.why}. What you type stays on this screen only and is saved once the server answers; trying again…`;
  if (p?.when === 'save')
    return `Draft not saved: ${p.why}. What you typed stays on this screen only; trying again…`;
  if (state.saving) return 'Saving draft…';
  if (state.savedAt) return `Draft saved ${formatTime(state.savedAt)}`;
  const r = state.restored;
  if (!r) return null;
  return r.savedBy.id === meId
    ? `Your draft from ${formatTime(r.savedAt)} is filled in below.`
    : `${r.savedBy.displayName} typed these answers before the task came to you (saved ${formatTime(r.savedAt)}); check them before you finish.`;
}

/** What a draft holds, without who saved it when. */
export type DraftBody = Pick<TaskDraft, 'values' | 'note' | 'forNextRole'>;

/**
 * A newer draft saved elsewhere (another tab) with what this tab typed since `base` (the draft as it
 * last knew it) kept over it, answer by answer: what only the other tab changed comes from it, what
 * this tab changed stays as typed here.
 */
export function mergeDraft(base: DraftBody, newer: DraftBody | null, mine: DraftBody): DraftBody {
  const values = { ...(newer?.values ?? {}) };
  for (const key of new Set([...Object.keys(base.values), ...Object.keys(mine.values)])) {
    if (mine.values[key] === base.values[key]) continue;
    if (key in mine.values) values[key] = mine.values[key]!;
    else delete values[key];
  }
  const noteChanged = mine.note !== base.note;
  return {
    values,
    note: noteChanged ? mine.note : (newer?.note ?? ''),
    forNextRole:
      mine.forNextRole !== base.forNextRole ? mine.forNextRole : (newer?.forNextRole ?? mine.forNextRole),
  };
}

/**
 * "Half done by Keisha Brown, 9:14 AM" (the day too when not today): a task with a draft kept, as its
 * pool row and its read-only view say it — who and when, never the answers.
 */
export function halfDoneText(mark: TaskDraftMark, now = Date.now()): string {
  const when =
    formatDay(mark.savedAt, now) === 'Today' ? formatTime(mark.savedAt) : formatWhen(mark.savedAt, now);
  return `Half done by ${mark.savedBy.displayName}, ${when}`;
}
