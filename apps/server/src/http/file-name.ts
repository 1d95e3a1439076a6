/**
 * The moment a downloaded file stands as of, for its name: UTC to the minute, without the colon a
 * file name cannot hold ("2026-03-20T1200Z"). Taken from the server's clock, so a front-office
 * computer whose own clock is wrong still gets the file named for when the server read it.
 */
export function asOfStamp(iso: string): string {
  return `${iso.slice(0, 13)}${iso.slice(14, 16)}Z`;
}

/** `Content-Disposition` for a download named `name` (the names built here hold no quote). */
export const attachmentNamed = (name: string): string => `attachment; filename="${name}"`;
