import { useEffect, useState } from 'react';
// Type only, as for the help itself: this small bundle does not parse with zod.
import type { PublicClinicHours } from '../types.ts';

/**
 * The clinic's hours and closed days, fresh: asked apart from the help entries (which caches keep for
 * minutes), again when the patient comes back to the page, since a closure (a snow day) is news.
 * Null until the first answer arrives.
 */
export function usePublicHours(clinic: string, lang: string, attempt: number): PublicClinicHours | null {
  const [hours, setHours] = useState<PublicClinicHours | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      // In the page's language: closed days named in it where the clinic named them so.
      fetch(`/api/public/help/${encodeURIComponent(clinic)}/hours?lang=${encodeURIComponent(lang)}`, {
        credentials: 'omit',
        // Always asked again (a 304 when nothing changed): shared caches may keep it for a minute.
        // A retry after a failed page skips every cache, as the help's own retry does.
        cache: attempt > 0 ? 'reload' : 'no-cache',
        headers: { accept: 'application/json' },
      })
        .then(async (res) => {
          if (live && res.ok) setHours((await res.json()) as PublicClinicHours);
        })
        // Keeps what it showed: the next visit to the page asks again.
        .catch(() => undefined);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [clinic, lang, attempt]);
  return hours;
}
