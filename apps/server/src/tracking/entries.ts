/** The kinds of manual tracking entries and their fields are part of the contract (what clients send). */
export {
  CreateEntryBody,
  ENTRY_FIELDS,
  ENTRY_KINDS,
  type EntryKind,
  PatchEntryBody,
} from '@portalflow/contract';
