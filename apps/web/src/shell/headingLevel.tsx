import { createContext, type ReactNode, useContext } from 'react';

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/** Directly under the shell's one h1 (the product's name), a part of a screen's heading is an h2. */
const Level = createContext<HeadingLevel>(2);

/**
 * The part of a screen under a heading of `level` (a list under its h2 "Done"): a heading placed
 * inside without knowing where it sits (an empty state's title) takes the next level, so a
 * screen-reader user's heading list stays in order, with no level skipped.
 */
export function UnderHeading({ level, children }: { level: 1 | 2 | 3 | 4 | 5; children: ReactNode }) {
  return <Level.Provider value={(level + 1) as HeadingLevel}>{children}</Level.Provider>;
}

/** The level of a heading placed here. */
export const useHeadingLevel = (): HeadingLevel => useContext(Level);
