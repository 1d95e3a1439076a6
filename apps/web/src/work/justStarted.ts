import { useSyncExternalStore } from 'react';

/** A request this screen just started, offered for withdrawal for a while. */
export interface StartedNotice {
  instanceId: string;
  label: string;
  pool?: string | null;
  /** How many files were attached with it. */
  files: number;
}

/**
 * The newest only: one started after another takes its place (stacked, they pushed the list down
 * to a row or two); the older ones are withdrawn from Request status or their task.
 */
const MAX = 1;
let notices: readonly StartedNotice[] = [];
const listeners = new Set<() => void>();
/**
 * The notice that takes the focus when it shows: the one just announced, once. Shown again later (back
 * on My work within its 20 seconds) it leaves the focus where the person put it.
 */
let toFocus: string | null = null;

function set(next: readonly StartedNotice[]): void {
  notices = next;
  for (const listener of listeners) listener();
}

/** Says a request was started (newest first); the same request again replaces its notice. */
export function announceStarted(notice: StartedNotice): void {
  toFocus = notice.instanceId;
  set([notice, ...notices.filter((n) => n.instanceId !== notice.instanceId)].slice(0, MAX));
}

/** Whether this notice is to take the focus now (true once, for the one just announced). */
export function takesFocus(instanceId: string): boolean {
  if (toFocus !== instanceId) return false;
  toFocus = null;
  return true;
}

export function dismissStarted(instanceId: string): void {
  if (notices.some((n) => n.instanceId === instanceId))
    set(notices.filter((n) => n.instanceId !== instanceId));
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** The requests just started here, newest first. */
export const useStartedNotices = (): readonly StartedNotice[] =>
  useSyncExternalStore(subscribe, () => notices);
