/**
 * A change of this browser's own credentials (a new password, signing out the other sessions) ends the
 * old session on the server, and with it the live stream, before its answer brings the new session's
 * cookie. Asked in between, "am I still signed in?" goes out with the old cookie and is answered "no":
 * so that question waits until every change under way has its answer. A request sent with the old
 * cookie can also be answered "no" after the change has settled: the generation tells it apart.
 */
const underWay = new Set<Promise<unknown>>();
let generation = 0;
const listeners = new Set<() => void>();

/** Runs `change` as a credential change: the session checks wait for its answer. */
export function changingCredentials<T>(change: Promise<T>): Promise<T> {
  underWay.add(change);
  // Only an answered change brings a new cookie; a refused one leaves the session as it was.
  const answered = () => {
    underWay.delete(change);
    generation += 1;
    for (const listener of listeners) listener();
  };
  change.then(answered, () => underWay.delete(change));
  return change;
}

/** Resolves once no credential change is under way (at once when none is). */
export async function credentialsSettled(): Promise<void> {
  while (underWay.size > 0) await Promise.allSettled([...underWay]);
}

export const credentialsChanging = (): boolean => underWay.size > 0;

/** Counts the credential changes answered so far: a request notes it when sent. */
export const credentialsGeneration = (): number => generation;

/**
 * Whether a "signed out" answer to a request sent at generation `sentAt` may be stale: sent with a
 * cookie a change has replaced since, or while one is under way. Such an answer is a reason to ask
 * again, not a sign-out.
 */
export const maybeStale = (sentAt: number): boolean => credentialsChanging() || sentAt !== generation;

/** Calls `listener` whenever a change has been answered (for `useSyncExternalStore`). */
export function onCredentialsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
