import { type Range, segments } from '@portalflow/engine/text';

/** Text with the matched words of a search marked. */
export function Highlighted({ text, ranges }: { text: string; ranges?: readonly Range[] }) {
  return (
    <>
      {segments(text, ranges).map((s, i) =>
        s.mark ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one text never reorder
          <mark key={i} className="pf-mark">
            {s.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one text never reorder
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
