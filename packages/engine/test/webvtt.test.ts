import { describe, expect, it } from 'vitest';
import { captionText, parseWebVtt, searchHelp } from '../src/index.ts';

const VALID = `WEBVTT - refill video

NOTE written by the front desk

1
00:00:00.000 --> 00:00:02.500
Open <b>Medications</b> in the portal.

00:02.500 --> 00:05.000 align:start
Choose &quot;Request refill&quot; &amp; send.
`;

describe('WebVTT captions', () => {
  it('reads cues with and without ids, hours, settings and tags', () => {
    const parsed = parseWebVtt(VALID);
    expect(parsed).toEqual({
      ok: true,
      cues: [
        { start: 0, end: 2.5, text: 'Open Medications in the portal.' },
        { start: 2.5, end: 5, text: 'Choose &quot;Request refill&quot; & send.' },
      ],
    });
    expect(captionText(VALID)).toContain('Medications');
  });

  it.each([
    ['no signature', '00:00.000 --> 00:01.000\nHi', 1, /starts with the line "WEBVTT"/],
    ['SRT-style commas', 'WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nHi', 4, /timing line/],
    ['end before start', 'WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nHi', 3, /end after it starts/],
    ['no cues', 'WEBVTT\n\n', 3, /no cues/],
    ['minutes over 59', 'WEBVTT\n\n00:61:00.000 --> 00:62:00.000\nHi', 3, /timing line/],
  ])('refuses %s with the line', (_name, source, line, message) => {
    const parsed = parseWebVtt(source);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.line).toBe(line);
      expect(parsed.message).toMatch(message);
    }
    expect(captionText(source)).toBe('');
  });

  it('help search finds an entry by what its video says, with a captions snippet', () => {
    const entries = [
      {
        id: 'a',
        title: 'Refills',
        body: 'Ask for more medicine.',
        category: 'Medicines',
        tags: [],
        captions: captionText(VALID),
      },
      { id: 'b', title: 'Lab results', body: 'When results appear.', category: 'Results', tags: [] },
    ];
    const [hit, ...rest] = searchHelp(entries, 'portal');
    expect(hit?.entry.id).toBe('a');
    expect(rest).toEqual([]);
    expect(hit?.snippet.text).toContain('portal');
    expect(hit?.snippet.ranges.length).toBeGreaterThan(0);
  });
});
