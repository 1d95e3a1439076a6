/**
 * WebVTT captions: a small, strict reader for the files clinics attach to help videos. It checks what
 * a player needs (the `WEBVTT` signature and each cue's `start --> end` timing) and returns the cue
 * text, which is what help search indexes. Pure: no I/O.
 */

export interface CaptionCue {
  /** Seconds from the start of the video. */
  start: number;
  end: number;
  text: string;
}

export type CaptionParse = { ok: true; cues: CaptionCue[] } | { ok: false; line: number; message: string };

/** `hh:mm:ss.ttt` (hours optional), as the WebVTT spec writes cue timestamps. */
const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;

function seconds(stamp: string): number | null {
  const m = TIMESTAMP.exec(stamp);
  if (!m) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

/** Cue text may carry tags (`<v Nurse>`, `<i>`) and entities; search and snippets want words only. */
const plainCue = (text: string) =>
  text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');

export function parseWebVtt(source: string): CaptionParse {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? ''))
    return { ok: false, line: 1, message: 'A WebVTT file starts with the line "WEBVTT"' };
  const cues: CaptionCue[] = [];
  let i = 1;
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++;
      continue;
    }
    // A block: NOTE / STYLE / REGION blocks are skipped; otherwise an optional id line, then timing.
    const first = lines[i]!;
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) {
      while (i < lines.length && lines[i]!.trim() !== '') i++;
      continue;
    }
    let timingLine = i;
    if (!first.includes('-->')) timingLine = i + 1;
    const timing = lines[timingLine] ?? '';
    const m = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/.exec(timing);
    const start = m ? seconds(m[1]!) : null;
    const end = m ? seconds(m[2]!) : null;
    if (start === null || end === null)
      return {
        ok: false,
        line: timingLine + 1,
        message: 'A cue needs a timing line such as "00:00:01.000 --> 00:00:04.000"',
      };
    if (end <= start) return { ok: false, line: timingLine + 1, message: 'A cue must end after it starts' };
    i = timingLine + 1;
    const text: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '') {
      if (lines[i]!.includes('-->'))
        return { ok: false, line: i + 1, message: 'A blank line must separate cues' };
      text.push(plainCue(lines[i]!));
      i++;
    }
    cues.push({ start, end, text: text.join('\n') });
  }
  if (cues.length === 0) return { ok: false, line: lines.length, message: 'The captions have no cues' };
  return { ok: true, cues };
}

/** The spoken words of valid captions, one line per cue; empty for captions that do not parse. */
export function captionText(source: string): string {
  const parsed = parseWebVtt(source);
  return parsed.ok ? parsed.cues.map((c) => c.text).join('\n') : '';
}
