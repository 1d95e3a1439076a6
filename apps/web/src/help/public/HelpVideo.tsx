import { useState } from 'react';
import './video.css';
import type { PublicHelpVideo } from '../types.ts';
import { Transcript } from './Transcript.tsx';

/**
 * The clinic's own short video, played in the page on a phone: inline (no forced full screen), only
 * its size and length loaded until played, captions in the page's language shown by default.
 */
export function HelpVideo({
  video,
  lang,
  label,
  transcriptLabel,
  unavailableLabel,
  onPlay,
}: {
  video: PublicHelpVideo;
  lang: string;
  label: string;
  /** "Transcript" in the page's words: the clip's text is shown under it, collapsed. */
  transcriptLabel: string;
  /** Said when the clip cannot be fetched (offline, never played on this phone): where its words are. */
  unavailableLabel?: string;
  /** Called each time it starts playing (staff help keeps a played video for offline use). */
  onPlay?: (video: PublicHelpVideo) => void;
}) {
  const [unavailable, setUnavailable] = useState(false);
  const shown = video.captions.some((c) => c.language === lang) ? lang : video.captions[0]?.language;
  return (
    <figure className="ph-video">
      {/* biome-ignore lint/a11y/useMediaCaption: the captions are the <track> elements below */}
      <video
        controls
        playsInline
        preload="metadata"
        aria-label={label}
        data-testid="help-video"
        onPlay={onPlay && (() => onPlay(video))}
      >
        <source src={video.src} type={video.type} onError={() => setUnavailable(true)} />
        {video.captions.map((c) => (
          <track
            key={c.language}
            kind="captions"
            src={c.src}
            srcLang={c.language}
            label={LANGUAGE_LABELS[c.language] ?? c.language}
            default={c.language === shown}
          />
        ))}
      </video>
      {unavailable && unavailableLabel && (
        <p className="ph-video-unavailable" role="status" data-testid="help-video-unavailable">
          {unavailableLabel}
        </p>
      )}
      <Transcript text={video.transcript} label={transcriptLabel} />
    </figure>
  );
}

const LANGUAGE_LABELS: Record<string, string> = { en: 'English', es: 'Español' };
