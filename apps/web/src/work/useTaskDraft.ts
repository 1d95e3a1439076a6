import { getTaskDraft, saveTaskDraft, TaskDraft } from '@portalflow/contract';
import type { FormField } from '@portalflow/engine';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, parseAnswer, pathOf } from '../api/call.ts';
import { ApiError, send } from '../api/client.ts';
import type { FormValues } from './form.ts';
import type { NoteDraft } from './NoteBox.tsx';
import { type DraftBody, type DraftProblem, draftAnswers, mergeDraft } from './taskDraft.ts';

/** How long typing pauses before what was typed is saved. */
const PAUSE_MS = 1000;
/** How long to wait before trying again when the server could not be reached. */
const RETRY_MS = 5000;

export interface DraftContent {
  fields: readonly FormField[];
  values: FormValues;
  note: NoteDraft;
}

const EMPTY: DraftBody = { values: {}, note: '', forNextRole: false };

/** What the form holds, as a draft keeps it. */
const bodyOf = (c: DraftContent): DraftBody => ({
  values: draftAnswers(c.fields, c.values),
  note: c.note.body,
  forNextRole: c.note.forNextRole,
});

/** A draft put back as what the form holds. */
const contentOf = (fields: readonly FormField[], d: DraftBody): DraftContent => ({
  fields,
  values: d.values,
  note: { body: d.note, forNextRole: d.forNextRole },
});

/** Why the server did not take or give the draft, in words (a failing server by its code). */
function problemWords(error: unknown): string {
  return error instanceof ApiError && error.status >= 500
    ? `the server had a problem (${error.code})`
    : 'the server could not be reached';
}

/** The draft a refusal carries (a newer one, or a colleague's not seen). */
function draftIn(error: ApiError): TaskDraft | null {
  const parsed = TaskDraft.nullable().safeParse((error.details as { draft?: unknown } | undefined)?.draft);
  return parsed.success ? parsed.data : null;
}

/**
 * The draft of the task the reader holds (`taskId`; null when they hold none): read once when the
 * task is opened, then saved on the server about a second after typing pauses, when a field is left
 * and when the page is hidden or closed — never in the browser's storage. Saves go one at a time,
 * each over the revision the last one returned; a newer draft saved elsewhere (another tab) is taken
 * in place of what is shown (`generation` rises, so the form starts again from it) with a notice.
 */
export function useTaskDraft(taskId: string | null) {
  // The task whose draft has been read (or found unreadable). Ready is worked out from it in the same
  // render that brings a newly held task: a flag set in an effect left the form open for a moment
  // after a claim, and what was typed then was thrown away when the draft arrived and rebuilt it.
  const [readFor, setReadFor] = useState<string | null>(null);
  // Held again later (put back, claimed again) the draft is read again: forgotten as soon as the task
  // changes, in the render itself (React renders again before anything is shown).
  const [heldNow, setHeldNow] = useState(taskId);
  if (heldNow !== taskId) {
    setHeldNow(taskId);
    setReadFor(null);
  }
  const ready = taskId === null || (heldNow === taskId && readFor === taskId);
  const [restored, setRestored] = useState<TaskDraft | null>(null);
  const [generation, setGeneration] = useState(0);
  // Raised with `generation` only when the form is rebuilt under the person's typing (a newer draft, or
  // one read late, taken in with what they typed): their place in the form is kept then.
  const [mergedIn, setMergedIn] = useState(0);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const [newer, setNewer] = useState(false);
  // Who typed the answers a finish was refused over (the task's previous holder), to say so.
  const [unseenFrom, setUnseenFrom] = useState<string | null>(null);
  const revision = useRef(0);
  // The draft as this tab last knew it on the server: what it typed since is told apart from it.
  const base = useRef<DraftBody>(EMPTY);
  // Whether the task's draft has been read: nothing is saved before (it would be saved over unread).
  const loaded = useRef(false);
  const pending = useRef<DraftContent | null>(null);
  // What the form held when last typed in, saved or not.
  const lastTyped = useRef<DraftContent | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Saves belong to the task they were typed on: one of an earlier task is never sent for this one.
  const current = useRef(taskId);
  const stopped = useRef(false);
  // The retry after a failed save goes through `flush`, which is made from the save itself.
  const flushLater = useRef<() => Promise<void>>(() => Promise.resolve());
  // A save on its way, and a save the server refused (the task had left the reader): what it carried
  // did not reach the task's draft.
  const inFlight = useRef(false);
  const lost = useRef(false);
  // The task the reader held last, and whether everything typed on it reached its draft.
  const left = useRef<{ taskId: string; unsent: boolean } | null>(null);
  const unsentNow = () => pending.current !== null || inFlight.current || lost.current;

  useEffect(() => {
    if (current.current !== null && current.current !== taskId)
      left.current = {
        taskId: current.current,
        unsent: pending.current !== null || inFlight.current || lost.current,
      };
    current.current = taskId;
    lost.current = false;
    stopped.current = false;
    loaded.current = false;
    revision.current = 0;
    base.current = EMPTY;
    pending.current = null;
    lastTyped.current = null;
    setRestored(null);
    setSavedAt(null);
    setProblem(null);
    setNewer(false);
    setUnseenFrom(null);
    if (taskId === null) return;
    let live = true;
    let again: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      call(getTaskDraft, { params: { id: taskId } })
        .then((answer) => {
          if (!live) return;
          const draft = answer.draft;
          loaded.current = true;
          revision.current = draft?.revision ?? 0;
          base.current = draft ?? EMPTY;
          setProblem(null);
          const typed = pending.current;
          if (!typed) {
            setRestored(draft);
            setGeneration((g) => g + 1);
            // The form starts again from what was read: whoever is in it (a claim by keyboard puts the
            // focus in its first field) keeps their place.
            setMergedIn((m) => m + 1);
          } else {
            // Typed while the draft could not be read: what was typed stays over it, answer by answer,
            // and the two are saved together.
            const merged = mergeDraft(EMPTY, draft, bodyOf(typed));
            pending.current = contentOf(typed.fields, merged);
            if (draft) {
              setRestored({ ...draft, ...merged });
              setGeneration((g) => g + 1);
              setMergedIn((m) => m + 1);
            }
            clearTimeout(timer.current);
            timer.current = setTimeout(() => void flushLater.current(), PAUSE_MS);
          }
          setReadFor(taskId);
        })
        .catch((error: unknown) => {
          if (!live) return;
          if (error instanceof ApiError && error.status < 500) {
            // Not the reader's any more: the form starts empty and nothing is saved over.
            stopped.current = true;
          } else {
            // Unreachable or failing: said, the form is usable (what is typed is kept here), and the
            // draft is read again until it can be.
            setProblem({ when: 'load', why: problemWords(error) });
            again = setTimeout(load, RETRY_MS);
          }
          setReadFor(taskId);
        });
    void load();
    return () => {
      live = false;
      clearTimeout(again);
      clearTimeout(timer.current);
    };
  }, [taskId]);

  /**
   * A draft newer than this tab's is taken in, with what was typed here since the last save (`mine`)
   * kept over it, answer by answer, and saved again over the newer revision: neither is lost unseen.
   */
  const takeIn = useCallback((draft: TaskDraft | null, mine: DraftContent | null) => {
    revision.current = draft?.revision ?? 0;
    loaded.current = true;
    const typed = mine ?? contentOf([], base.current);
    const merged = mergeDraft(base.current, draft, bodyOf(typed));
    base.current = draft ?? EMPTY;
    pending.current = mine ? contentOf(mine.fields, merged) : null;
    setRestored(draft ? { ...draft, ...merged } : null);
    setSavedAt(null);
    setGeneration((g) => g + 1);
    setMergedIn((m) => m + 1);
    clearTimeout(timer.current);
    if (pending.current) timer.current = setTimeout(() => void flushLater.current(), PAUSE_MS);
  }, []);

  const saveOnce = useCallback(
    async (keepalive: boolean) => {
      const id = current.current;
      const content = pending.current;
      if (!id || !content || stopped.current || !loaded.current) return;
      pending.current = null;
      const body = {
        baseRevision: revision.current,
        values: draftAnswers(content.fields, content.values),
        note: content.note.body,
        forNextRole: content.note.forNextRole,
      };
      setSaving(true);
      inFlight.current = true;
      try {
        const answer = keepalive
          ? parseAnswer(
              saveTaskDraft,
              await send<unknown>(pathOf(saveTaskDraft, { id }, undefined), {
                method: 'PUT',
                body: JSON.stringify(body),
                contentType: 'application/json',
                keepalive: true,
              }),
            )
          : await call(saveTaskDraft, { params: { id }, body });
        if (current.current !== id) return;
        revision.current = answer.draft?.revision ?? revision.current;
        base.current = body;
        setSavedAt(answer.draft?.savedAt ?? null);
        setProblem(null);
      } catch (error) {
        if (current.current !== id) return;
        if (error instanceof ApiError && error.code === 'TASK_DRAFT_NEWER') {
          takeIn(draftIn(error), pending.current ?? content);
          setNewer(true);
        } else if (error instanceof ApiError && error.status < 500) {
          // The task left the reader (finished, handed on, moved): nothing more is saved for it.
          stopped.current = true;
          lost.current = true;
        } else {
          // Unreachable or failing: kept in memory only, said in words, and tried again.
          pending.current = pending.current ?? content;
          setProblem({ when: 'save', why: problemWords(error) });
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void flushLater.current(), RETRY_MS);
        }
      } finally {
        inFlight.current = false;
        if (current.current === id) setSaving(false);
      }
    },
    [takeIn],
  );

  /** Saves what is waiting now (after any save already on its way); resolves once it is written. */
  const flush = useCallback(
    (keepalive = false): Promise<void> => {
      clearTimeout(timer.current);
      chain.current = chain.current.then(() => saveOnce(keepalive));
      return chain.current;
    },
    [saveOnce],
  );
  flushLater.current = flush;

  /** Something was typed: saved once typing pauses. */
  const change = useCallback(
    (content: DraftContent) => {
      if (current.current === null || stopped.current) return;
      pending.current = content;
      lastTyped.current = content;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), PAUSE_MS);
    },
    [flush],
  );

  // Closing the tab, reloading or switching away saves what was typed since the last pause.
  useEffect(() => {
    const hide = () => {
      if (document.visibilityState === 'hidden' && pending.current) void flush(true);
    };
    const leave = () => {
      if (pending.current) void flush(true);
    };
    document.addEventListener('visibilitychange', hide);
    window.addEventListener('pagehide', leave);
    return () => {
      document.removeEventListener('visibilitychange', hide);
      window.removeEventListener('pagehide', leave);
    };
  }, [flush]);

  return {
    ready,
    restored,
    generation,
    mergedIn,
    savedAt,
    saving,
    problem,
    newer,
    dismissNewer: () => setNewer(false),
    /**
     * Whether everything typed on the task went into its draft on the server (which stays with the task
     * when it moves away): nothing waiting, on its way, or refused.
     */
    allSaved: (id: string): boolean =>
      current.current === id ? !unsentNow() : left.current?.taskId === id && !left.current.unsent,
    /** The task was finished here: what waits is not sent (the server removed the draft with it). */
    unseenFrom,
    dismissUnseen: () => setUnseenFrom(null),
    /** The draft revision the form was filled from, sent with a finish (0: none could be read). */
    seen: (): number => (loaded.current ? revision.current : 0),
    /**
     * A finish refused over a colleague's draft never shown here (409 TASK_DRAFT_UNSEEN): the draft is
     * taken in with what the person typed kept over it, and said. True when the error was that.
     */
    unseenRefusal: (error: unknown): boolean => {
      if (!(error instanceof ApiError) || error.code !== 'TASK_DRAFT_UNSEEN') return false;
      const draft = draftIn(error);
      takeIn(draft, pending.current ?? lastTyped.current);
      setUnseenFrom(draft?.savedBy.displayName ?? 'A colleague');
      return true;
    },
    discard: () => {
      clearTimeout(timer.current);
      pending.current = null;
      stopped.current = true;
    },
    change,
    flush,
  };
}
