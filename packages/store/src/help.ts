/** Help center records: FAQ and how-to entries that staff write for staff or for patients. */

export type HelpKind = 'faq' | 'howto';
export type HelpAudience = 'staff' | 'patients';
export type HelpStatus = 'draft' | 'published';
export type HelpAction = 'created' | 'edited' | 'published' | 'unpublished' | 'deleted';

/** A clinic's public help site, addressed by its slug (`/help/<slug>`). */
export interface HelpClinic {
  slug: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** The fields an author writes. */
export interface HelpContent {
  kind: HelpKind;
  audience: HelpAudience;
  /** BCP 47 tag, e.g. `en`, `es`. */
  language: string;
  category: string;
  tags: string[];
  /** The question (FAQ) or the task (how-to). */
  title: string;
  /** Markdown subset: paragraphs, lists, bold, links. */
  body: string;
  videoUrl: string | null;
  /** A clinic-made video uploaded with the entry, or null. */
  video?: HelpVideo | null;
  /** The same answer in another language (an entry id), or null: the public page switches between them. */
  translationOf?: string | null;
}

/** WebVTT captions of a help video in one language. */
export interface HelpCaptions {
  /** BCP 47 tag, e.g. `en`, `es`. */
  language: string;
  vtt: string;
}

/** A clinic-made video stored by content: the file is named by its SHA-256 in the media directory. */
export interface HelpVideo {
  sha256: string;
  type: 'video/mp4' | 'video/webm';
  bytes: number;
  /** At least one language; the entry's own language always among them. */
  captions: HelpCaptions[];
}

export interface HelpEntry extends HelpContent {
  video: HelpVideo | null;
  translationOf: string | null;
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

/** One audited edit: who, when, what it did, and each changed field's old → new value. */
export interface HelpEntryChange {
  entryId: string;
  seq: number;
  at: string;
  userId: string | null;
  action: HelpAction;
  changes: Record<string, { from: unknown; to: unknown }>;
}

export interface HelpEntryFilter {
  clinic?: string;
  audience?: HelpAudience;
  status?: HelpStatus;
  language?: string;
}

export interface NewHelpEntry extends HelpContent {
  clinic: string;
  status?: HelpStatus;
  userId: string | null;
  at?: string;
}

export interface HelpEntryPatch extends Partial<HelpContent> {
  status?: HelpStatus;
}

export type HelpWriteResult =
  | { ok: true; entry: HelpEntry }
  | { ok: false; reason: 'conflict'; current: HelpEntry }
  | { ok: false; reason: 'not-found' };

export interface HelpStore {
  putHelpClinic(input: { slug: string; name: string; at?: string }): Promise<HelpClinic>;
  getHelpClinic(slug: string): Promise<HelpClinic | null>;
  listHelpClinics(): Promise<HelpClinic[]>;
  /** Null when the clinic does not exist. */
  createHelpEntry(input: NewHelpEntry): Promise<HelpEntry | null>;
  getHelpEntry(id: string): Promise<HelpEntry | null>;
  /** Ordered by category, then title. */
  listHelpEntries(filter?: HelpEntryFilter): Promise<HelpEntry[]>;
  /** Changes only the given fields, at the revision the caller read; records old → new. */
  updateHelpEntry(input: {
    id: string;
    expectedRevision: number;
    patch: HelpEntryPatch;
    userId: string | null;
    at?: string;
  }): Promise<HelpWriteResult>;
  deleteHelpEntry(input: {
    id: string;
    expectedRevision: number;
    userId: string | null;
    at?: string;
  }): Promise<HelpWriteResult>;
  /** Oldest first. Kept after the entry is deleted. */
  listHelpEntryChanges(entryId: string): Promise<HelpEntryChange[]>;
  /** The edit history of every entry the clinic has now, by entry, oldest first. */
  listHelpClinicChanges(clinic: string): Promise<HelpEntryChange[]>;
}
