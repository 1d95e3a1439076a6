import type { PatternCheck } from '@portalflow/engine';
import { useEffect, useState } from 'react';

/**
 * Form fields' patterns (a chart number's form) are checked with the engine's RE2, as the server
 * checks them. RE2 is ~40 kB compressed, more than a tenth of what My work loads, and most forms
 * have no pattern: it is fetched when a form with one is on screen (`usePatternChecks`), and a send
 * waits for it (`loadPatternChecks`), so nothing unchecked leaves the browser.
 */
type Fits = typeof import('./patternEngine.ts')['fitsPattern'];
let fits: Fits | undefined;
let loading: Promise<void> | undefined;

export function loadPatternChecks(): Promise<void> {
  loading ??= import('./patternEngine.ts').then(
    (engine) => {
      fits = engine.fitsPattern;
    },
    (error: unknown) => {
      loading = undefined; // fetched again next time (a network blip)
      throw error;
    },
  );
  return loading;
}

/** The check `checkAnswers` takes: undefined (not known yet) until RE2 has come. */
export const patternCheck: PatternCheck = (pattern, value) => fits?.(pattern, value);

/** Whether the pattern checks have come; fetches them when a field among `fields` has a pattern. */
export function usePatternChecks(fields: readonly { pattern?: string | undefined }[]): boolean {
  const needed = fields.some((f) => f.pattern !== undefined);
  const [ready, setReady] = useState(fits !== undefined);
  useEffect(() => {
    if (!needed || ready) return;
    let shown = true;
    loadPatternChecks().then(
      () => shown && setReady(true),
      () => undefined,
    );
    return () => {
      shown = false;
    };
  }, [needed, ready]);
  return ready;
}
