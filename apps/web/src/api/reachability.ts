/**
 * Whether the last answer from the server came from it: false after a request that could not reach
 * it, or that the service worker answered with its saved copy. Browsers do not always say they are
 * offline (`navigator.onLine` stays true behind a dead Wi-Fi access point, and under some emulated
 * outages), and the server may be down while the network is up: either way the page shows saved
 * data, and should say so.
 */
let reachable = true;
const listeners = new Set<() => void>();

/** The header the service worker adds to an answer it took from its cache (see public/sw.js). */
export const SAVED_COPY_HEADER = 'portalflow-saved-copy';

function set(next: boolean): void {
  if (next === reachable) return;
  reachable = next;
  for (const listener of listeners) listener();
}

/** Called with every API answer: a saved copy means the server was not reached. */
export function noteResponse(response: Response): void {
  set(response.headers.get(SAVED_COPY_HEADER) === null);
}

/** Called when a request failed before any answer (no network, server down). */
export function noteUnreachable(): void {
  set(false);
}

export const serverReachable = (): boolean => reachable;

export function onReachabilityChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
