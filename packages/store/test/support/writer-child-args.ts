import { sourceEntry } from '../../../../scripts/source-entry.mjs';

/** How to run `writer-child.ts` on the database at `url`: Node's arguments, on the sources. */
export const writerChildArgs = (url: string): string[] => [
  sourceEntry(new URL('./writer-child.ts', import.meta.url).pathname),
  url,
];
