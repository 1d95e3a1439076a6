import { canonicalJson } from '@portalflow/engine';
import { GENESIS_HASH, sha256Hex } from '../hash.ts';
import type { FieldChange, TrackingChainCheck, TrackingEntryChange } from './types.ts';

/** What a tracking entry's audit row hashes: its place in the chain and every value it changed. */
export interface EntryChangeFields {
  entryId: string;
  seq: number;
  at: string;
  actor: string;
  action: TrackingEntryChange['action'];
  changes: FieldChange[];
  prevHash: string;
}

/** `SHA-256(canonicalJson({ entryId, seq, at, actor, action, changes, prevHash }))`, hex. */
export function entryChangeHash(f: EntryChangeFields): string {
  return sha256Hex(
    canonicalJson({
      entryId: f.entryId,
      seq: f.seq,
      at: f.at,
      actor: f.actor,
      action: f.action,
      changes: f.changes,
      prevHash: f.prevHash,
    }),
  );
}

/** The audited view of an entry: its owner, day and each field, flattened to `fields.<name>`. */
export function auditedValues(entry: {
  userId: string;
  kind: string;
  day: string;
  fields: Record<string, unknown>;
}): Record<string, unknown> {
  const out: Record<string, unknown> = { userId: entry.userId, kind: entry.kind, day: entry.day };
  for (const [k, v] of Object.entries(entry.fields)) if (v !== undefined) out[`fields.${k}`] = v;
  return out;
}

/** Old → new for every value that differs (absent counts as null), in field-name order. */
export function diffValues(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: FieldChange[] = [];
  for (const field of names) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (canonicalJson(from) !== canonicalJson(to)) changes.push({ field, from, to });
  }
  return changes;
}

/** Checks an entry's audit rows, in seq order: numbering, links and each row's hash. */
export function verifyEntryChain(entryId: string, rows: readonly TrackingEntryChange[]): TrackingChainCheck {
  let prev = GENESIS_HASH;
  for (const [i, row] of rows.entries()) {
    const fail = (reason: string): TrackingChainCheck => ({ ok: false, entryId, seq: row.seq, reason });
    if (row.seq !== i + 1) return fail(`entry '${entryId}' change ${row.seq}: expected change ${i + 1}`);
    if (row.prevHash !== prev)
      return fail(`entry '${entryId}' change ${row.seq}: does not link to the one before`);
    if (entryChangeHash(row) !== row.hash)
      return fail(`entry '${entryId}' change ${row.seq}: content does not match its stored hash`);
    prev = row.hash;
  }
  return { ok: true, count: rows.length, lastHash: prev };
}
