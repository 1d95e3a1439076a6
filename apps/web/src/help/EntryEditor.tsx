import {
  Alert,
  Autocomplete,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { refusalOf, useFocusFirstRefused } from '../forms/fieldProblems.ts';
import { EntryVideo } from './EntryVideo.tsx';
import { RichText } from './RichText.tsx';
import { TranslationLink } from './TranslationLink.tsx';
import type { HelpContent, HelpEntry } from './types.ts';

const EMPTY: HelpContent = {
  kind: 'faq',
  audience: 'patients',
  language: 'en',
  category: '',
  tags: [],
  title: '',
  body: '',
  videoUrl: null,
  translationOf: null,
};

const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'es', label: 'Español (Spanish)' },
];

function contentOf(entry: HelpEntry | null): HelpContent {
  if (!entry) return EMPTY;
  const { kind, audience, language, category, tags, title, body, videoUrl, translationOf } = entry;
  return { kind, audience, language, category, tags, title, body, videoUrl, translationOf };
}

/** The entry's fields the server may refuse, in the form's order: each input's id. */
const INPUTS = {
  title: 'help-title',
  category: 'help-category',
  tags: 'help-tags',
  body: 'help-body',
  videoUrl: 'help-video-url',
};

/** Write or edit one entry, with a live preview of how the text will look. */
export function EntryEditor({
  entry,
  categories,
  entries,
  opened,
  saving,
  error,
  onSave,
  onClose,
  onVideoChanged,
}: {
  entry: HelpEntry | null;
  categories: string[];
  /** The clinic's other answers, to link a translation. */
  entries: HelpEntry[];
  opened: boolean;
  saving: boolean;
  error: unknown;
  onSave: (content: HelpContent) => void;
  onClose: () => void;
  /** The clip was attached or taken off: the entry's new revision, for the text to save on top of. */
  onVideoChanged: (entry: HelpEntry) => void;
}) {
  const [draft, setDraft] = useState<HelpContent>(() => contentOf(entry));
  const set = <K extends keyof HelpContent>(key: K, value: HelpContent[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  // A refused field is said under it; a refusal naming none of them above the buttons.
  const refusal = refusalOf(
    error instanceof ApiError && error.code === 'VALIDATION_FAILED' ? error : null,
    Object.keys(INPUTS),
  );
  const issues = refusal.above;
  const focusRefused = useFocusFirstRefused();
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per refusal, not per keystroke
  useEffect(() => focusRefused(refusal.fields, INPUTS), [error]);
  const ready = draft.title.trim().length >= 3 && draft.body.trim() !== '' && draft.category.trim() !== '';

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': 'Close' }}
      title={entry ? 'Edit help entry' : 'New help entry'}
      size="xl"
      data-testid="help-entry-editor"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) onSave({ ...draft, videoUrl: draft.videoUrl?.trim() ? draft.videoUrl.trim() : null });
        }}
      >
        <Stack gap="sm">
          <Group gap="md" wrap="wrap">
            <div>
              <Text size="sm" fw={500} id="help-kind-label" mb={4}>
                Kind
              </Text>
              <SegmentedControl
                aria-labelledby="help-kind-label"
                value={draft.kind}
                onChange={(v) => set('kind', v as HelpContent['kind'])}
                data={[
                  { value: 'faq', label: 'Question (FAQ)' },
                  { value: 'howto', label: 'How-to' },
                ]}
              />
            </div>
            <div>
              <Text size="sm" fw={500} id="help-audience-label" mb={4}>
                Who reads it
              </Text>
              <SegmentedControl
                aria-labelledby="help-audience-label"
                value={draft.audience}
                onChange={(v) => set('audience', v as HelpContent['audience'])}
                data={[
                  { value: 'patients', label: 'Patients (public page)' },
                  { value: 'staff', label: 'Staff only' },
                ]}
                data-testid="help-audience"
              />
            </div>
            <Select
              label="Language"
              data={LANGUAGES}
              value={draft.language}
              onChange={(v) => set('language', v ?? 'en')}
              allowDeselect={false}
              w={200}
            />
          </Group>
          <TextInput
            label={draft.kind === 'faq' ? 'Question' : 'Task'}
            description="Plain words, as a patient or colleague would ask it"
            required
            value={draft.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            id={INPUTS.title}
            error={refusal.fields.title}
            data-testid="help-title-input"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Autocomplete
              label="Category"
              required
              data={categories}
              value={draft.category}
              onChange={(v) => set('category', v)}
              id={INPUTS.category}
              error={refusal.fields.category}
              data-testid="help-category-input"
            />
            <TagsInput
              label="Search words (tags)"
              description="Words people might search for; press Enter after each"
              value={draft.tags}
              onChange={(v) => set('tags', v)}
              id={INPUTS.tags}
              error={refusal.fields.tags}
              maxTags={20}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Textarea
              label="Answer"
              description="Blank line = new paragraph · “- ” list · “1. ” steps · **bold** · [link text](https://…)"
              required
              autosize
              minRows={8}
              maxRows={18}
              value={draft.body}
              onChange={(e) => set('body', e.currentTarget.value)}
              id={INPUTS.body}
              error={refusal.fields.body}
              data-testid="help-body-input"
            />
            <div>
              <Text size="sm" fw={500} mb={4} id="help-preview-label">
                Preview
              </Text>
              <Paper withBorder p="sm" aria-labelledby="help-preview-label" role="region" mih={120}>
                {draft.body.trim() ? (
                  <Text size="sm" component="div">
                    <RichText source={draft.body} />
                  </Text>
                ) : (
                  <Text size="sm" c="gray.7">
                    The answer appears here as readers will see it.
                  </Text>
                )}
              </Paper>
            </div>
          </SimpleGrid>
          <TranslationLink
            entryId={entry?.id ?? null}
            language={draft.language}
            audience={draft.audience}
            entries={entries}
            value={draft.translationOf}
            onChange={(id) => set('translationOf', id)}
          />
          {entry ? (
            <EntryVideo entry={entry} onChanged={onVideoChanged} />
          ) : (
            <Text size="sm" c="gray.7" data-testid="help-video-later">
              Clinic video: Save the entry first, then open it again (the pencil) to attach a clip with its
              captions.
            </Text>
          )}
          <TextInput
            label="Video link (optional)"
            description="An https:// link to a short clinic video; shown as a link, never embedded"
            value={draft.videoUrl ?? ''}
            onChange={(e) => set('videoUrl', e.currentTarget.value)}
            id={INPUTS.videoUrl}
            error={refusal.fields.videoUrl}
            type="url"
          />
          {issues && (
            <Alert color="red" title="Please check the entry">
              {issues}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} disabled={!ready} data-testid="help-save">
              {entry ? 'Save changes' : 'Save as draft'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
