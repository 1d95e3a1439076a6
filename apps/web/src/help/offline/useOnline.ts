import { useSyncExternalStore } from 'react';
import { onReachabilityChange, serverReachable } from '../../api/reachability.ts';

function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  const stop = onReachabilityChange(onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
    stop();
  };
}

/**
 * Whether the page is showing live answers: the browser believes it has a network connection and
 * the last API request reached the server (not the service worker's saved copy).
 */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine && serverReachable(),
    () => true,
  );
}
