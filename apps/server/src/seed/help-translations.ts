import type { HelpContent, Store } from '@portalflow/store';
import { DEMO_HELP_CLINIC, DEMO_HELP_TRANSLATIONS } from './help-content.ts';

type Pair = (typeof DEMO_HELP_TRANSLATIONS)[number];
type Answer = Pick<HelpContent, 'audience' | 'language' | 'title'>;

/**
 * Patient answers of the demo with no counterpart in a pair (a new answer written in one language
 * only), and pair titles no answer has (a renamed answer its pair did not follow): each as
 * "language: title". Staff answers are in English only and are not counted.
 */
export function untranslatedDemoAnswers(answers: Answer[], pairs: Pair[] = DEMO_HELP_TRANSLATIONS): string[] {
  const patients = answers.filter((a) => a.audience === 'patients');
  const paired = new Set(pairs.flatMap((p) => [`en: ${p.en}`, `es: ${p.es}`]));
  const written = new Set(patients.map((a) => `${a.language}: ${a.title}`));
  return [
    ...[...written].filter((a) => !paired.has(a)),
    ...[...paired].filter((p) => !written.has(p)).map((p) => `${p} (no such answer)`),
  ];
}

/** The English answer a Spanish demo answer translates, by title; none when it is in no pair. */
export const englishOf = (spanishTitle: string): string | undefined =>
  DEMO_HELP_TRANSLATIONS.find((p) => p.es === spanishTitle)?.en;

/**
 * A demo database from a version that wrote the answers unlinked: each pair still titled as the seed
 * wrote it, neither half linked to anything, is linked now (the Spanish one names the English one),
 * by no one (the system), in the answer's history. Returns how many pairs were linked.
 */
export async function linkDemoTranslations(store: Store, now: () => string): Promise<number> {
  const entries = await store.listHelpEntries({ clinic: DEMO_HELP_CLINIC.slug, audience: 'patients' });
  const linkedTo = new Set(entries.flatMap((e) => (e.translationOf ? [e.translationOf] : [])));
  const unlinked = (language: string, title: string) =>
    entries.find(
      (e) => e.language === language && e.title === title && !e.translationOf && !linkedTo.has(e.id),
    );
  let linked = 0;
  for (const pair of DEMO_HELP_TRANSLATIONS) {
    const en = unlinked('en', pair.en);
    const es = unlinked('es', pair.es);
    if (!en || !es) continue;
    const result = await store.updateHelpEntry({
      id: es.id,
      expectedRevision: es.revision,
      patch: { translationOf: en.id },
      userId: null,
      at: now(),
    });
    if (result.ok) linked++;
  }
  return linked;
}
