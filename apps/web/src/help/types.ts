import type { Range } from '@portalflow/engine/text';

export type HelpKind = 'faq' | 'howto';
export type HelpAudience = 'staff' | 'patients';
export type HelpStatus = 'draft' | 'published';

export interface HelpClinic {
  slug: string;
  name: string;
}

/** What authors write. */
export interface HelpContent {
  kind: HelpKind;
  audience: HelpAudience;
  language: string;
  category: string;
  tags: string[];
  title: string;
  body: string;
  videoUrl: string | null;
}

/** A clinic-made video on an entry: the file by its hash, captions per language. */
export interface HelpVideoRecord {
  sha256: string;
  type: string;
  bytes: number;
  captions: Array<{ language: string; vtt: string }>;
}

/** A help entry as staff see it (`/api/help/entries`). */
export interface HelpEntry extends HelpContent {
  /** Uploaded through the API (`POST /api/help/entries/{id}/video`); played in the FAQ. */
  video?: HelpVideoRecord | null;
  id: string;
  clinic: string;
  status: HelpStatus;
  revision: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  publishedAt: string | null;
}

/** A help entry as the public page gets it (`/api/public/help/<clinic>`). */
export interface PublicHelpEntry {
  id: string;
  kind: HelpKind;
  language: string;
  category: string;
  tags: string[];
  title: string;
  body: string;
  videoUrl: string | null;
  /** The clinic's own video, with captions; played in the page. */
  video: PublicHelpVideo | null;
  updatedAt: string;
}

export interface PublicHelpVideo {
  src: string;
  type: string;
  captions: Array<{ language: string; src: string }>;
  transcript: string;
}

export interface PublicHelpSite {
  clinic: HelpClinic;
  languages: string[];
  entries: PublicHelpEntry[];
}

export interface HelpEntryChange {
  entryId: string;
  seq: number;
  at: string;
  userId: string | null;
  action: 'created' | 'edited' | 'published' | 'unpublished' | 'deleted';
  changes: Record<string, { from: unknown; to: unknown }>;
}

export type { Range };

/** Who may write help: mirrors the server (admins, designers and the portal support role). */
export const HELP_SUPPORT_ROLE = 'portal-enrollment-specialist';
export const canWriteHelp = (roles: string[]) =>
  roles.includes('admin') || roles.includes('designer') || roles.includes(HELP_SUPPORT_ROLE);
export const canReadHelpHistory = (roles: string[]) => canWriteHelp(roles) || roles.includes('auditor');
