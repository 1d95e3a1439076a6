import {
  Alert,
  Badge,
  Button,
  CloseButton,
  Group,
  Loader,
  Modal,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { captionText, createHelpSearch } from '@portalflow/engine/text';
import { useQueryClient } from '@tanstack/react-query';
import { CloudOff, Search } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Me } from '../api/types.ts';
import { AMBER_TEXT } from '../work/palette.ts';
import { usePeople } from '../work/usePeople.ts';
import './help.css';
import { useFocusOnArrival } from '../shell/focusOnArrival.ts';
import { UnderHeading } from '../shell/headingLevel.tsx';
import { EntryEditor } from './EntryEditor.tsx';
import { EntryHistory } from './EntryHistory.tsx';
import { FaqResults } from './FaqResults.tsx';
import { useHelpActions } from './helpActions.ts';
import { firstLanguage, helpLanguages } from './languages.ts';
import { ManageEntries } from './ManageEntries.tsx';
import { keepForOffline, registerHelpWorker } from './offline/registerHelpWorker.ts';
import { useOnline } from './offline/useOnline.ts';
import { canReadHelpHistory, canWriteHelp, type HelpEntry } from './types.ts';
import { useHelpClinics, useHelpEntries } from './useHelpData.ts';
import { useSearchInAddress } from './useSearchInAddress.ts';

type Audience = 'all' | 'staff' | 'patients';

/**
 * An entry as the search reads it. What its video says is searchable too, in the entry's own language
 * only: a snippet must not mix an English answer with its clip's Spanish captions.
 */
const searchable = (e: HelpEntry) => ({
  ...e,
  captions: captionText(e.video?.captions.find((c) => c.language === e.language)?.vtt ?? ''),
});

/**
 * Help & FAQ for staff: search every published answer (staff job aids and what patients are told),
 * instantly and offline; writers also manage entries, drafts and the patients' public page.
 */
export function FaqPage({ me }: { me: Me }) {
  const roles = me.user.roles;
  const writer = canWriteHelp(roles);
  const online = useOnline();
  const [query, setQuery] = useSearchInAddress();
  const [audience, setAudience] = useState<Audience>('all');
  const [category, setCategory] = useState<string | null>(null);
  const [tab, setTab] = useState<string | null>('browse');
  const [editing, setEditing] = useState<HelpEntry | 'new' | null>(null);
  const [historyOf, setHistoryOf] = useState<HelpEntry | null>(null);
  const [deleting, setDeleting] = useState<HelpEntry | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  useFocusOnArrival(searchRef);
  const { nameOf } = usePeople(me);
  const actions = useHelpActions();
  const queryClient = useQueryClient();

  useEffect(() => registerHelpWorker(), []);

  const clinics = useHelpClinics();
  const [clinicChoice, setClinicChoice] = useState<string | null>(null);
  const clinic = clinicChoice ?? clinics.data?.[0]?.slug;
  const entries = useHelpEntries(clinic);
  useEffect(() => {
    if (clinic && entries.isSuccess)
      keepForOffline([
        '/api/session',
        '/api/help/clinics',
        `/api/help/entries?clinic=${encodeURIComponent(clinic)}`,
      ]);
  }, [clinic, entries.isSuccess]);

  const published = useMemo(
    () => (entries.data ?? []).filter((e) => e.status === 'published'),
    [entries.data],
  );
  const categories = useMemo(() => [...new Set(published.map((e) => e.category))].sort(), [published]);
  const languages = useMemo(() => helpLanguages(published), [published]);
  // Undefined until chosen: the reader's own language once the entries are known.
  const [languageChoice, setLanguage] = useState<string | null | undefined>(undefined);
  const language =
    languageChoice === undefined ? firstLanguage(languages, navigator.languages) : languageChoice;
  const filtered = useMemo(
    () =>
      published.filter(
        (e) => (audience === 'all' || e.audience === audience) && (!category || e.category === category),
      ),
    [published, audience, category],
  );
  const pool = useMemo(
    () => filtered.filter((e) => !language || e.language === language),
    [filtered, language],
  );
  // Built when the entries or filters change; every keystroke only searches it.
  const search = useMemo(() => createHelpSearch(pool.map(searchable)), [pool]);
  const matches = useMemo(() => {
    if (query.trim()) return search(query);
    return [...pool]
      .sort((a, b) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title))
      .map((entry) => ({ entry, title: [], snippet: { text: '', ranges: [] } }));
  }, [pool, search, query]);
  // Nothing in the language chosen: the words may be the patient's own language ("factura"), so the
  // answers that match in the other languages are offered.
  const elsewhere = useMemo(() => {
    if (!query.trim() || matches.length > 0 || !language) return [];
    return languages
      .filter((l) => l.value !== language)
      .map((l) => ({
        ...l,
        count: createHelpSearch(filtered.filter((e) => e.language === l.value).map(searchable))(query).length,
      }))
      .filter((l) => l.count > 0);
  }, [query, matches, language, languages, filtered]);

  const clinicName = clinics.data?.find((c) => c.slug === clinic)?.name;
  const loading = clinics.isPending || (clinic !== undefined && entries.isPending);
  const failed = clinics.isError || entries.isError;

  return (
    <ScrollArea h="100%" type="auto">
      <Stack p="md" gap="md" maw={980} data-testid="faq-page">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <div>
            <Title order={2} size="h3">
              Help &amp; FAQ
            </Title>
            <Text size="sm" c="gray.8">
              Answers for staff and what patients are told{clinicName ? ` at ${clinicName}` : ''}. Works
              offline once opened.
            </Text>
          </div>
          <Group gap="xs">
            {!online && (
              <Badge
                color="orange"
                c={AMBER_TEXT}
                variant="light"
                leftSection={<CloudOff size={12} aria-hidden />}
                data-testid="faq-offline"
              >
                Offline: saved copy
              </Badge>
            )}
            {(clinics.data?.length ?? 0) > 1 && (
              <Select
                size="xs"
                aria-label="Clinic"
                data={(clinics.data ?? []).map((c) => ({ value: c.slug, label: c.name }))}
                value={clinic ?? null}
                onChange={setClinicChoice}
                allowDeselect={false}
              />
            )}
            {clinic && (
              <Button
                size="xs"
                variant="default"
                component="a"
                href={`/help/${clinic}`}
                target="_blank"
                rel="noopener"
                data-testid="faq-public-link"
              >
                Patients' help page
              </Button>
            )}
          </Group>
        </Group>

        {failed && !entries.data && (
          <Alert color="red" title="Help could not be loaded">
            {online
              ? 'The server did not answer. Try again in a moment.'
              : 'You are offline and this device has no saved copy yet. Open this page once while online.'}
          </Alert>
        )}
        {!loading && !failed && clinics.data?.length === 0 && (
          <Alert color="gray" title="No help site yet">
            An admin or help writer creates the clinic's help site first.
          </Alert>
        )}

        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          {writer && (
            <Tabs.List mb="sm">
              <Tabs.Tab value="browse">Browse and search</Tabs.Tab>
              <Tabs.Tab value="manage" data-testid="help-manage-tab">
                Manage entries
              </Tabs.Tab>
            </Tabs.List>
          )}
          <Tabs.Panel value="browse">
            <Stack gap="sm">
              <TextInput
                ref={searchRef}
                size="md"
                label="Search help"
                placeholder="e.g. locked out, activation code, proxy form"
                leftSection={<Search size={18} aria-hidden />}
                value={query}
                onChange={(e) => setQuery(e.currentTarget.value)}
                rightSection={
                  query ? (
                    <CloseButton
                      aria-label="Clear search"
                      onClick={() => {
                        setQuery('');
                        searchRef.current?.focus();
                      }}
                    />
                  ) : null
                }
                data-testid="faq-search"
              />
              <Group gap="sm" wrap="wrap">
                <SegmentedControl
                  size="xs"
                  aria-label="Readers"
                  value={audience}
                  onChange={(v) => setAudience(v as Audience)}
                  data={[
                    { value: 'all', label: 'All' },
                    { value: 'staff', label: 'For staff' },
                    { value: 'patients', label: 'For patients' },
                  ]}
                  data-testid="faq-audience"
                />
                <Select
                  size="xs"
                  aria-label="Category"
                  placeholder="All categories"
                  data={categories}
                  value={category}
                  onChange={setCategory}
                  clearable
                  w={200}
                />
                {languages.length > 1 && (
                  <Select
                    size="xs"
                    aria-label="Language"
                    placeholder="All languages"
                    data={languages}
                    value={language}
                    onChange={setLanguage}
                    clearable
                    w={160}
                    data-testid="faq-language"
                  />
                )}
                <Text size="xs" c="gray.8" aria-live="polite" data-testid="faq-count">
                  {loading ? '' : `${matches.length} ${matches.length === 1 ? 'answer' : 'answers'}`}
                </Text>
              </Group>
              {loading ? (
                <Loader role="status" aria-label="Loading help" size="sm" />
              ) : (
                // Under the page's "Help & FAQ": a search's empty result is the next heading down.
                <UnderHeading level={2}>
                  <FaqResults
                    matches={matches}
                    query={query.trim()}
                    onClear={() => setQuery('')}
                    elsewhere={elsewhere}
                    onShowLanguage={setLanguage}
                  />
                </UnderHeading>
              )}
            </Stack>
          </Tabs.Panel>
          {writer && (
            <Tabs.Panel value="manage">
              <ManageEntries
                entries={entries.data ?? []}
                nameOf={nameOf}
                canHistory={canReadHelpHistory(roles)}
                onNew={() => setEditing('new')}
                onEdit={setEditing}
                onHistory={setHistoryOf}
                onPublish={(entry, publish) => actions.setStatus.mutate({ entry, publish })}
                onDelete={setDeleting}
              />
            </Tabs.Panel>
          )}
        </Tabs>
      </Stack>

      {editing !== null && clinic && (
        <EntryEditor
          // The same editor stays open when a clip changes the revision: the text being written is kept.
          key={editing === 'new' ? 'new' : editing.id}
          opened
          entry={editing === 'new' ? null : editing}
          categories={[...new Set((entries.data ?? []).map((e) => e.category))].sort()}
          entries={entries.data ?? []}
          saving={actions.save.isPending}
          error={actions.save.error}
          onClose={() => {
            setEditing(null);
            actions.save.reset();
          }}
          onVideoChanged={(entry) => {
            setEditing(entry);
            void queryClient.invalidateQueries({ queryKey: ['help'] });
          }}
          onSave={(content) =>
            actions.save.mutate(
              { clinic, entry: editing === 'new' ? null : editing, content },
              { onSuccess: () => setEditing(null) },
            )
          }
        />
      )}
      <EntryHistory
        entry={historyOf}
        nameOf={(id) => nameOf(id, 'A former colleague')}
        onClose={() => setHistoryOf(null)}
      />
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        closeButtonProps={{ 'aria-label': 'Close' }}
        title="Delete this entry?"
      >
        <Text size="sm">
          “{deleting?.title}” disappears for its readers. Its edit history is kept for the audit.
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDeleting(null)}>
            Keep it
          </Button>
          <Button
            color="red"
            onClick={() => {
              if (deleting) actions.remove.mutate(deleting);
              setDeleting(null);
            }}
            data-testid="help-confirm-delete"
          >
            Delete
          </Button>
        </Group>
      </Modal>
    </ScrollArea>
  );
}
