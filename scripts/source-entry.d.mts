/** The path of a bundle of the TypeScript `entry` (an absolute path) on the workspace's sources. */
export function sourceEntry(entry: string): string;
