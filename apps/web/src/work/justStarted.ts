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

function set(next: readonly StartedNotice[]): void {
  notices = next;
  for (const listener of listeners) listener();
}

/** Says a request was started (newest first); the same request again replaces its notice. */
export function announceStarted(notice: StartedNotice): void {
  set([notice, ...notices.filter((n) => n.instanceId !== notice.instanceId)].slice(0, MAX));
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
