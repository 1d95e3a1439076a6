/**
 * Where the lead's unsaved editor work is kept (see keptWork.ts): this browser's local storage, one
 * item per person and workflow, so that another person signed in here later never opens it. Signing
 * out forgets all of it, with the rest of what was theirs.
 */
const PREFIX = 'portalflow.editor.work.';

/** Writes wait this long after the last edit: typing does not write the whole workflow per key. */
const KEEP_AFTER_MS = 300;

const keyOf = (userId: string, workflowId: string) => `${PREFIX}${userId}:${workflowId}`;

export function readKept(userId: string, workflowId: string): string | null {
  try {
    return localStorage.getItem(keyOf(userId, workflowId));
  } catch {
    return null;
  }
}

/** Keeps `text` (null: nothing left to keep). Storage refused or full: kept for this page only. */
export function writeKept(userId: string, workflowId: string, text: string | null): void {
  try {
    if (text === null) localStorage.removeItem(keyOf(userId, workflowId));
    else localStorage.setItem(keyOf(userId, workflowId), text);
  } catch {
    /* the beforeunload warning still covers unsaved changes */
  }
}

let pending: (() => void) | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Runs `write` once the edits pause (a later call replaces an earlier one not yet run). */
export function keepSoon(write: () => void): void {
  pending = write;
  clearTimeout(timer);
  timer = setTimeout(flushKept, KEEP_AFTER_MS);
}

/** Runs the waiting write now: the page is going away, or the editor is closing. */
export function flushKept(): void {
  clearTimeout(timer);
  const write = pending;
  pending = null;
  write?.();
}

/** Sign-out: every person's kept work in this browser goes, and a waiting write is not run. */
export function forgetKeptWork(): void {
  clearTimeout(timer);
  pending = null;
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX)) localStorage.removeItem(key);
    }
  } catch {
    /* nothing was kept */
  }
}
