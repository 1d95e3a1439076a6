/**
 * A workflow's versions as a clinic manager reads them: "Published · version 3", never "v3", which
 * reads as a code.
 */

/** The badge of a workflow whose draft is the version that is live, or of its latest version. */
export const publishedBadge = (version: number) => `Published · version ${version}`;

/** The badge of a draft that differs from what is live (`live`: the version new requests start on). */
export const draftBadge = (live: number | null) => (live === null ? 'Draft' : `Draft · version ${live} live`);

/** The toast after Publish: a new version, or the one that already held this draft. */
export const publishedTitle = (version: number, created: boolean) =>
  created ? `Published as version ${version}` : `Already published as version ${version}`;
