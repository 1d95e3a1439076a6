import { Select, Text } from '@mantine/core';
import type { HelpEntry } from './types.ts';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Spanish' };
const languageName = (lang: string) => LANGUAGE_NAMES[lang] ?? lang.toUpperCase();

/**
 * The same answer in another language: linked, a patient who switches language on the public page
 * stays on this answer. Offered: the clinic's answers for the same readers in the other languages.
 */
export function TranslationLink({
  entryId,
  language,
  audience,
  entries,
  value,
  onChange,
}: {
  entryId: string | null;
  language: string;
  audience: HelpEntry['audience'];
  entries: HelpEntry[];
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const options = entries
    .filter((e) => e.id !== entryId && e.language !== language && e.audience === audience)
    .map((e) => ({
      value: e.id,
      label: `${languageName(e.language)}: ${e.title}${e.status === 'draft' ? ' (draft)' : ''}`,
    }));
  // Linked from the other side: already the same answer there, nothing to set here.
  const linkedFrom = entries.filter((e) => entryId !== null && e.translationOf === entryId);
  return (
    <div>
      <Select
        label="Same answer in another language"
        description="Patients who switch language on the help page open this one"
        placeholder={options.length ? 'Not linked' : 'No answer in another language yet'}
        data={options}
        value={value}
        onChange={onChange}
        clearable
        searchable
        nothingFoundMessage="No answer with those words"
        data-testid="help-translation-input"
      />
      {linkedFrom.length > 0 && (
        <Text size="sm" c="gray.7" mt={4} data-testid="help-translation-from">
          Linked from {linkedFrom.map((e) => `${languageName(e.language)}: ${e.title}`).join('; ')}
        </Text>
      )}
    </div>
  );
}
