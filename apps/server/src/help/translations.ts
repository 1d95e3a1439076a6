import type { HelpEntry, Store } from '@portalflow/store';
import { ApiError } from '../http/errors.ts';

/**
 * A writer links an answer to the same answer in another language. Refused unless the other entry is
 * this clinic's, in another language, and not the entry itself.
 */
export async function checkTranslation(
  store: Store,
  entry: { id?: string; clinic: string; language: string },
  translationOf: string | null | undefined,
): Promise<void> {
  if (!translationOf) return;
  const other = await store.getHelpEntry(translationOf);
  if (!other || other.clinic !== entry.clinic || other.id === entry.id)
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      'translationOf: the linked answer is not one of this clinic',
    );
  if (other.language === entry.language)
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      'translationOf: the linked answer is in the same language; link the answer in another language',
    );
}

/**
 * For each entry, the same answer in the other languages (language → id), among the entries given:
 * links go both ways and through each other (English ↔ Spanish ↔ Vietnamese links all three).
 */
export function translationsOf(entries: HelpEntry[]): Map<string, Record<string, string>> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const root = new Map(entries.map((e) => [e.id, e.id]));
  const find = (id: string): string => {
    const up = root.get(id)!;
    return up === id ? id : find(up);
  };
  for (const e of entries)
    if (e.translationOf && byId.has(e.translationOf)) root.set(find(e.id), find(e.translationOf));
  const groups = new Map<string, HelpEntry[]>();
  for (const e of entries) groups.set(find(e.id), [...(groups.get(find(e.id)) ?? []), e]);
  const result = new Map<string, Record<string, string>>();
  for (const e of entries) {
    const others: Record<string, string> = {};
    for (const o of groups.get(find(e.id)) ?? [])
      if (o.language !== e.language && !(o.language in others)) others[o.language] = o.id;
    result.set(e.id, others);
  }
  return result;
}
