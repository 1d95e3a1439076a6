import { useEffect, useState } from 'react';
import { keepForOffline } from '../offline/registerHelpWorker.ts';
// Type only: the patients' page stays a small bundle without zod, so its one answer is not parsed.
import type { PublicHelpSite } from '../types.ts';

export type Loaded =
  | { state: 'loading' }
  | { state: 'ready'; site: PublicHelpSite }
  | { state: 'not-found' }
  | { state: 'failed' };

/** The clinic's public help, fetched once (the server lets browsers cache it for a few minutes). */
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
          setLoaded({ state: 'ready', site: (await res.json()) as PublicHelpSite });
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
