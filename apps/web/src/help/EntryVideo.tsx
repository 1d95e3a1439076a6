import { Alert, Button, FileInput, Group, Stack, Text } from '@mantine/core';
import { attachHelpVideo, removeHelpVideo } from '@portalflow/contract';
import { captionText } from '@portalflow/engine/text';
import { useState } from 'react';
import { call } from '../api/call.ts';
import { callMultipart } from '../api/callMultipart.ts';
import { ApiError, newIdempotencyKey } from '../api/client.ts';
import { HelpVideo } from './public/HelpVideo.tsx';
import type { HelpEntry } from './types.ts';

/** The languages a clip can carry captions in, named as their readers name them. */
const CAPTION_LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'es', label: 'Español' },
];

const TYPE_NAMES: Record<string, string> = { 'video/mp4': 'MP4', 'video/webm': 'WebM' };

const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const problem = (error: unknown) =>
  error instanceof ApiError ? `${error.message} (${error.code})` : 'The video could not be sent. Try again.';

/**
 * The clinic's own short clip on an entry: chosen with its captions (the entry's language required),
 * played here as readers will see it, or taken off. It goes on a saved entry, and each change is a new
 * revision of it, handed back so the text being edited saves on top of it.
 */
export function EntryVideo({
  entry,
  onChanged,
}: {
  entry: HelpEntry;
  onChanged: (entry: HelpEntry) => void;
}) {
  const [video, setVideo] = useState<File | null>(null);
  const [captions, setCaptions] = useState<Record<string, File | null>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const languages = [...CAPTION_LANGUAGES].sort((a, b) =>
    a.value === entry.language ? -1 : b.value === entry.language ? 1 : 0,
  );

  const run = async (change: () => Promise<{ entry: HelpEntry }>) => {
    setBusy(true);
    setError(null);
    try {
      onChanged((await change()).entry);
      setVideo(null);
      setCaptions({});
    } catch (e) {
      setError(problem(e));
    } finally {
      setBusy(false);
    }
  };
  const attach = () =>
    run(() =>
      callMultipart(attachHelpVideo, {
        params: { id: entry.id },
        parts: {
          revision: String(entry.revision),
          video,
          ...Object.fromEntries(Object.entries(captions).map(([lang, f]) => [`captions-${lang}`, f])),
        },
        idempotencyKey: newIdempotencyKey(),
      }),
    );
  const takeOff = () =>
    run(() => call(removeHelpVideo, { params: { id: entry.id }, query: { revision: entry.revision } }));

  const attached = entry.video;
  return (
    <Stack gap="xs" data-testid="help-video-section">
      <Text size="sm" fw={500}>
        Clinic video (optional)
      </Text>
      {attached ? (
        <>
          <Text size="sm" data-testid="help-video-attached">
            {TYPE_NAMES[attached.type] ?? attached.type}, {size(attached.bytes)}, captions in{' '}
            {attached.captions
              .map((c) => CAPTION_LANGUAGES.find((l) => l.value === c.language)?.label ?? c.language)
              .join(', ')}
          </Text>
          <div style={{ maxWidth: 360 }}>
            <HelpVideo
              video={{
                src: `/api/help/entries/${entry.id}/video/${attached.sha256}`,
                type: attached.type,
                captions: attached.captions.map((c) => ({
                  language: c.language,
                  src: `/api/help/entries/${entry.id}/captions/${c.language}`,
                })),
                transcript: captionText(
                  attached.captions.find((c) => c.language === entry.language)?.vtt ?? '',
                ),
              }}
              lang={entry.language}
              label={`Video: ${entry.title}`}
              transcriptLabel="Transcript"
            />
          </div>
          <Group>
            <Button variant="default" color="red" loading={busy} onClick={takeOff}>
              Take the video off
            </Button>
          </Group>
        </>
      ) : (
        <>
          <Text size="xs" c="gray.7">
            MP4 or WebM, up to 50 MB, with captions (a WebVTT file) in the answer's language; played in the
            page, and what it says is found by search.
          </Text>
          <FileInput
            label="Video file"
            accept="video/mp4,video/webm"
            clearable
            value={video}
            onChange={setVideo}
          />
          {languages.map((l) => (
            <FileInput
              key={l.value}
              label={`Captions in ${l.label}`}
              description={l.value === entry.language ? "Required: the answer's language" : 'Optional'}
              accept=".vtt,text/vtt"
              clearable
              value={captions[l.value] ?? null}
              onChange={(f) => setCaptions((c) => ({ ...c, [l.value]: f }))}
            />
          ))}
          <Group>
            <Button variant="default" loading={busy} disabled={!video} onClick={attach}>
              Attach video
            </Button>
          </Group>
        </>
      )}
      {error && (
        <Alert color="red" title="Video not changed" data-testid="help-video-error">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
