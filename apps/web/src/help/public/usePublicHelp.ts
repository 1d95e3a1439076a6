import { useEffect, useState } from 'react';
import { keepForOffline } from '../offline/registerHelpWorker.ts';
// Type only: the patients' page stays a small bundle without zod, so its one answer is not parsed.
import type { PublicHelpSite } from '../types.ts';

export type Loaded =
  | { state: 'loading' }
  | {
      state: 'ready';
      site: PublicHelpSite;
      /** Answers this phone saved earlier, shown offline: when they were saved (null if not known). */
      savedCopy: { at: Date | null } | null;
    }
  | { state: 'not-found' }
  | { state: 'failed' };

/**
 * The help worker (sw.js) marks the copy it saved when the network cannot be reached; a browser that
 * knows it is offline may also answer from its own cache. Either way the server's Date says when the
 * answers were saved.
 */
function savedCopy(res: Response): { at: Date | null } | null {
  if (res.headers.get('Portalflow-Saved-Copy') !== '1' && navigator.onLine) return null;
  const at = new Date(res.headers.get('date') ?? '');
  return { at: Number.isNaN(at.getTime()) ? null : at };
}

/** The clinic's public help, fetched once (browsers ask the server again each time: a 304 when unchanged). */
export function usePublicHelp(clinic: string, attempt: number): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    const url = `/api/public/help/${encodeURIComponent(clinic)}`;
    fetch(url, {
      credentials: 'omit',
      // A retry skips the browser's cached copy.
      cache: attempt > 0 ? 'reload' : 'default',
      headers: { accept: 'application/json' },
    })
      .then(async (res) => {
        if (!live) return;
        if (res.status === 404) setLoaded({ state: 'not-found' });
        else if (!res.ok) setLoaded({ state: 'failed' });
        else {
          setLoaded({
            state: 'ready',
            site: (await res.json()) as PublicHelpSite,
            savedCopy: savedCopy(res),
          });
          // Kept by the help worker: the page opens again without a network (public, no patient data).
          keepForOffline([url]);
        }
      })
      .catch(() => live && setLoaded({ state: 'failed' }));
    return () => {
      live = false;
    };
  }, [clinic, attempt]);
  return loaded;
}
