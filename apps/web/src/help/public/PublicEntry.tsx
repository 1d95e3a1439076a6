import type { Range } from '@portalflow/engine/text';
import { Highlighted } from '../Highlighted.tsx';
import { keepPlayedVideo } from '../offline/registerHelpWorker.ts';
import { RichText } from '../RichText.tsx';
import type { PublicHelpEntry } from '../types.ts';
import { VideoLink } from '../VideoLink.tsx';
import { clinicDate } from './clinicDate.ts';
import { HelpVideo } from './HelpVideo.tsx';
import type { Strings } from './strings.ts';

/** One question: its title is a button that shows or hides the answer (a disclosure). */
export function PublicEntry({
  entry,
  open,
  onToggle,
  title,
  snippet,
  strings,
  lang,
  timeZone,
}: {
  entry: PublicHelpEntry;
  open: boolean;
  onToggle: () => void;
  title?: Range[];
  snippet?: { text: string; ranges: Range[] };
  strings: Strings;
  lang: string;
  /** The clinic's: the day it was updated there. */
  timeZone: string | undefined;
}) {
  const panel = `answer-${entry.id}`;
  const updated = clinicDate(entry.updatedAt, lang, timeZone);
  return (
    <li className="ph-entry" data-testid={`public-entry-${entry.id}`} lang={entry.language}>
      <h3 className="ph-entry-title">
        <button type="button" aria-expanded={open} aria-controls={panel} onClick={onToggle}>
          <span className="ph-chevron" aria-hidden>
            {open ? '−' : '+'}
          </span>
          <span>
            <Highlighted text={entry.title} ranges={title} />
            {entry.kind === 'howto' && <span className="ph-tag">{strings.howto}</span>}
          </span>
        </button>
      </h3>
      {!open && snippet?.text && (
        <p className="ph-snippet">
          <Highlighted text={snippet.text} ranges={snippet.ranges} />
        </p>
      )}
      <div id={panel} className="ph-answer" hidden={!open} data-testid="public-answer">
        {open && (
          <>
            <RichText source={entry.body} />
            {entry.video && (
              <HelpVideo
                video={entry.video}
                lang={lang}
                label={`${strings.video}: ${entry.title}`}
                transcriptLabel={strings.transcript}
                unavailableLabel={strings.videoUnavailable}
                onPlay={keepPlayedVideo}
              />
            )}
            {entry.videoUrl && <VideoLink href={entry.videoUrl} label={strings.watch} />}
            <p className="ph-updated">{strings.updated(updated)}</p>
          </>
        )}
      </div>
    </li>
  );
}
