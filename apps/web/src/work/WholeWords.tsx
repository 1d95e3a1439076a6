import { Fragment } from 'react';

/**
 * Text that wraps only between its words, never inside one: a hyphenated name wraps as
 * "Maria-Guadalupe" / "Fernandez-Oyelaran", not "Fernandez-" / "Oyelaran", in a narrow column. The
 * text stays as it is (no non-breaking hyphens swapped in), so it copies and searches as typed.
 */
export function WholeWords({ children }: { children: string }) {
  return children.split(' ').map((word, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the words of one fixed text, in order
    <Fragment key={i}>
      {/* The space stays outside the word: inside it, it would not break either. */}
      {i > 0 && ' '}
      <span style={{ whiteSpace: 'nowrap' }}>{word}</span>
    </Fragment>
  ));
}
