/** How to run `writer-child.ts` on the database at `url`: Node's arguments, sources through tsx. */
export const writerChildArgs = (url: string): string[] => [
  '--conditions=source',
  '--import',
  'tsx',
  new URL('./writer-child.ts', import.meta.url).pathname,
  url,
];
