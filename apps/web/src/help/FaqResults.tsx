import { Accordion, Badge, Group, Stack, Text } from '@mantine/core';
import { captionText, type HelpMatch } from '@portalflow/engine/text';
import { SearchX } from 'lucide-react';
import { EmptyState } from '../shell/EmptyState.tsx';
import { AMBER_TEXT } from '../work/palette.ts';
import { Highlighted } from './Highlighted.tsx';
import { keepForOffline } from './offline/registerHelpWorker.ts';
import { HelpVideo } from './public/HelpVideo.tsx';
import { stringsFor } from './public/strings.ts';
import { RichText } from './RichText.tsx';
import type { HelpEntry, HelpVideoRecord, PublicHelpVideo } from './types.ts';
import { VideoLink } from './VideoLink.tsx';

/** A video a staff member played is kept for offline use, with its captions (see the worker, sw.js). */
const keepVideoForOffline = (video: PublicHelpVideo) =>
  keepForOffline([video.src, ...video.captions.map((c) => c.src)]);

/**
 * Staff play an entry's video from the signed-in API (no-store), with the session cookie; its
 * transcript is the captions in the entry's own language.
 */
const staffVideo = (entry: HelpEntry, v: HelpVideoRecord): PublicHelpVideo => ({
  src: `/api/help/entries/${entry.id}/video/${v.sha256}`,
  type: v.type,
  captions: v.captions.map((c) => ({
    language: c.language,
    src: `/api/help/entries/${entry.id}/captions/${c.language}`,
  })),
  transcript: captionText(v.captions.find((c) => c.language === entry.language)?.vtt ?? ''),
});

function EntryBadges({ entry }: { entry: HelpEntry }) {
  return (
    <Group gap={4} wrap="wrap">
      <Badge size="xs" variant="outline" color="gray.8">
        {entry.category}
      </Badge>
      <Badge size="xs" variant="outline" color={entry.audience === 'staff' ? 'indigo.9' : 'teal.9'}>
        {entry.audience === 'staff' ? 'For staff' : 'For patients'}
      </Badge>
      {entry.kind === 'howto' && (
        <Badge size="xs" variant="outline" color="gray.8">
          How-to
        </Badge>
      )}
      {entry.language !== 'en' && (
        <Badge size="xs" variant="outline" color="gray.8" lang={entry.language}>
          {entry.language.toUpperCase()}
        </Badge>
      )}
      {entry.status === 'draft' && (
        <Badge size="xs" color="orange" variant="light" c={AMBER_TEXT}>
          Draft
        </Badge>
      )}
    </Group>
  );
}

/** Entries as an accordion: ranked with highlighted words while searching, by category otherwise. */
export function FaqResults({
  matches,
  query,
  onClear,
  elsewhere = [],
  onShowLanguage,
}: {
  matches: Array<Pick<HelpMatch<HelpEntry>, 'entry' | 'title' | 'snippet'>>;
  query: string;
  onClear: () => void;
  /** Languages other than the one chosen with answers for this search: offered when it has none. */
  elsewhere?: Array<{ value: string; label: string; count: number }>;
  onShowLanguage?: (language: string) => void;
}) {
  if (matches.length === 0) {
    return (
      <EmptyState
        size="sm"
        icon={<SearchX size={28} aria-hidden />}
        title={query ? `No answers for “${query}”` : 'No help entries yet'}
        description={
          query
            ? 'Try fewer words or check the spelling, e.g. "lockout", "activation code" or "proxy". Still nothing? Ask your supervisor.'
            : 'Help writers can add the first entry under Manage entries.'
        }
        data-testid="faq-empty"
      >
        {query && elsewhere.length > 0 && (
          <Stack gap={4} align="center" data-testid="faq-elsewhere">
            {elsewhere.map((l) => (
              <Text size="sm" key={l.value}>
                {l.count === 1 ? '1 answer' : `${l.count} answers`} in {l.label} for “{query}”.{' '}
                <button type="button" className="pf-link-button" onClick={() => onShowLanguage?.(l.value)}>
                  Show the answers in {l.label}
                </button>
              </Text>
            ))}
          </Stack>
        )}
        {query && (
          <EmptyState.Actions>
            <button type="button" className="pf-link-button" onClick={onClear}>
              Clear the search
            </button>
          </EmptyState.Actions>
        )}
      </EmptyState>
    );
  }
  return (
    <Accordion
      multiple
      variant="separated"
      chevronPosition="left"
      className="pf-faq-results"
      data-testid="faq-results"
    >
      {matches.map(({ entry, title, snippet }) => (
        <Accordion.Item key={entry.id} value={entry.id} data-testid={`faq-entry-${entry.id}`}>
          <Accordion.Control>
            <Stack gap={2}>
              <Text fw={600} size="sm" component="span" lang={entry.language}>
                <Highlighted text={entry.title} ranges={title} />
              </Text>
              {query && snippet.text && (
                <Text size="xs" c="gray.8" component="span" lang={entry.language} data-testid="faq-snippet">
                  <Highlighted text={snippet.text} ranges={snippet.ranges} />
                </Text>
              )}
              <EntryBadges entry={entry} />
            </Stack>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="xs" lang={entry.language} className="pf-faq-answer">
              <Text size="sm" component="div">
                <RichText source={entry.body} />
              </Text>
              {entry.video && (
                <HelpVideo
                  video={staffVideo(entry, entry.video)}
                  lang={entry.language}
                  label={entry.title}
                  transcriptLabel={stringsFor(entry.language).transcript}
                  onPlay={keepVideoForOffline}
                />
              )}
              {entry.videoUrl && <VideoLink href={entry.videoUrl} />}
              {entry.tags.length > 0 && (
                <Text size="xs" c="gray.8">
                  Tags: {entry.tags.join(', ')}
                </Text>
              )}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
