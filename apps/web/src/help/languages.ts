/** A language the help is written in, named in itself ("English", "español") so its readers find it. */
export interface HelpLanguage {
  value: string;
  label: string;
}

function ownName(tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The languages of the entries, the clinic's usual one (`en`) first, then by tag. */
export function helpLanguages(entries: ReadonlyArray<{ language: string }>): HelpLanguage[] {
  const tags = [...new Set(entries.map((e) => e.language))].sort((a, b) =>
    a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b),
  );
  return tags.map((value) => ({ value, label: ownName(value) }));
}

/**
 * Which language the list opens in: the reader's own (the browser's) when answers are written in it,
 * else English when there are English answers, else every language (null). Staff reading English
 * should not meet Spanish answers first because "Cuentas" sorts before "Portal".
 */
export function firstLanguage(
  languages: readonly HelpLanguage[],
  preferred: readonly string[],
): string | null {
  const have = new Set(languages.map((l) => l.value));
  for (const tag of preferred) {
    if (have.has(tag)) return tag;
    const primary = tag.split('-')[0]!;
    if (have.has(primary)) return primary;
  }
  return have.has('en') ? 'en' : null;
}
