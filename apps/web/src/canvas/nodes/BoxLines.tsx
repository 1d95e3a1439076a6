import type { BoxText } from '../types.ts';

/**
 * Lines of a box's text exactly as the diagram package wrapped them (one element a line, never
 * re-wrapped or cut by the browser), so the canvas shows what the SVG export and handbook show.
 */
export function BoxLines({
  text,
  className,
  centred = false,
}: {
  text: BoxText;
  className: string;
  centred?: boolean;
}) {
  return (
    <div
      className={`pf-lines ${className}`}
      style={
        centred
          ? { top: text.top, left: 0, right: 0, textAlign: 'center' }
          : { top: text.top, left: text.left }
      }
    >
      {text.lines.map((line, i) => (
        // A trailing space keeps the words apart when the text is read as one (screen readers, search).
        // biome-ignore lint/suspicious/noArrayIndexKey: a line's place is its identity
        <div key={i}>{i < text.lines.length - 1 && !line.endsWith('-') ? `${line} ` : line}</div>
      ))}
    </div>
  );
}
