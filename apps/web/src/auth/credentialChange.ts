/**
 * A change of this browser's own credentials (a new password, signing out the other sessions) ends the
 * old session on the server, and with it the live stream, before its answer brings the new session's
 * cookie. Asked in between, "am I still signed in?" goes out with the old cookie and is answered "no":
 * so that question waits until every change under way has its answer.
 */
const underWay = new Set<Promise<unknown>>();

/** Runs `change` as a credential change: the session checks wait for its answer. */
export function changingCredentials<T>(change: Promise<T>): Promise<T> {
  underWay.add(change);
  const settled = () => underWay.delete(change);
  change.then(settled, settled);
  return change;
}

/** Resolves once no credential change is under way (at once when none is). */
export async function credentialsSettled(): Promise<void> {
  while (underWay.size > 0) await Promise.allSettled([...underWay]);
}

export const credentialsChanging = (): boolean => underWay.size > 0;
