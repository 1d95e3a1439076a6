import { canonicalJson } from '@portalflow/engine';
import { GENESIS_HASH, hashInput, sha256Hex } from './hash.ts';
import type { StoredEvent } from './records.ts';

/** Why a history failed verification. */
export type ChainFault =
  | 'hash-mismatch'
  | 'broken-link'
  | 'sequence-gap'
  | 'wrong-instance'
  | 'head-mismatch'
  | 'not-found';

export type ChainCheck =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; instanceId: string; seq: number; fault: ChainFault; reason: string };

export type ChainFailure = Extract<ChainCheck, { ok: false }>;

export interface ChainReport {
  ok: boolean;
  instances: number;
  events: number;
  failures: ChainFailure[];
}

/**
 * Checks one instance's events, in seq order from 1: each seq follows the last, each `prevHash` is the
 * previous event's hash (64 zeros first), and each stored hash matches the event's content. The first
 * fault found is reported by instance and seq.
 */
export function verifyChain(rows: readonly StoredEvent[]): ChainCheck {
  const instanceId = rows[0]?.instanceId ?? '';
  let prev = GENESIS_HASH;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.instanceId !== instanceId) {
      return failure(instanceId, row.seq, 'wrong-instance', `belongs to instance '${row.instanceId}'`);
    }
    if (row.seq !== i + 1) {
      return failure(
        instanceId,
        row.seq,
        'sequence-gap',
        `expected event ${i + 1} here; events are missing or out of order`,
      );
    }
    if (row.prevHash !== prev) return brokenLink(instanceId, i + 1);
    if (!eventMatchesHash(row)) return altered(instanceId, i + 1);
    prev = row.hash;
  }
  return { ok: true, count: rows.length, lastHash: prev };
}

/**
 * One instance's events as the store reads them for an audit: in seq order, in columns (compact, so the
 * loop below runs at hashing speed), each hash input assembled by SQLite from the row as it was read.
 */
export interface PreparedChain {
  instanceId: string;
  seqs: number[];
  prevHashes: string[];
  hashes: string[];
  inputs: string[];
}

/**
 * `verifyChain` for a prepared chain, starting at index `from`. Internal: the inputs are trusted to come
 * from the same rows, which only the store's own read guarantees. A `hash-mismatch` here may still be
 * a legitimate event whose SQL encoding differs from canonicalJson's: confirm with `eventMatchesHash`.
 */
export function verifyPreparedChain(chain: PreparedChain, from = 0): ChainCheck {
  const { instanceId, seqs, prevHashes, hashes, inputs } = chain;
  let prev = from === 0 ? GENESIS_HASH : hashes[from - 1]!;
  for (let i = from; i < seqs.length; i++) {
    if (seqs[i] !== i + 1) {
      return failure(
        instanceId,
        seqs[i]!,
        'sequence-gap',
        `expected event ${i + 1} here; events are missing or out of order`,
      );
    }
    if (prevHashes[i] !== prev) return brokenLink(instanceId, i + 1);
    if (sha256Hex(inputs[i]!) !== hashes[i]) return altered(instanceId, i + 1);
    prev = hashes[i]!;
  }
  return { ok: true, count: seqs.length, lastHash: prev };
}

/**
 * Whether an event's stored hash matches its content. The hash covers the payload's value, not its
 * text: the store writes canonical JSON, which is hashed as is; any other text is re-encoded first.
 */
export function eventMatchesHash(row: StoredEvent): boolean {
  if (sha256Hex(hashInput(row, row.payload)) === row.hash) return true;
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    return false;
  }
  const canonical = canonicalJson(payload);
  return canonical !== row.payload && sha256Hex(hashInput(row, canonical)) === row.hash;
}

const brokenLink = (instanceId: string, seq: number) =>
  failure(
    instanceId,
    seq,
    'broken-link',
    `prev_hash does not match the hash of event ${seq - 1}; event ${seq - 1} or ${seq} was altered`,
  );

const altered = (instanceId: string, seq: number) =>
  failure(instanceId, seq, 'hash-mismatch', 'content does not match its stored hash; the event was altered');

function failure(instanceId: string, seq: number, fault: ChainFault, reason: string): ChainFailure {
  return { ok: false, instanceId, seq, fault, reason: `Instance '${instanceId}' event ${seq}: ${reason}` };
}

/** The instance row must point at the last event: catches a deleted tail that a chain alone cannot. */
export function checkHead(
  instanceId: string,
  head: { revision: number; lastHash: string },
  chain: ChainCheck,
): ChainCheck {
  if (!chain.ok) return chain;
  if (chain.count !== head.revision || chain.lastHash !== head.lastHash) {
    return {
      ok: false,
      instanceId,
      seq: head.revision,
      fault: 'head-mismatch',
      reason: `Instance '${instanceId}' is at revision ${head.revision} but its history has ${chain.count} events ending in a different hash; events were removed or the instance row was altered`,
    };
  }
  return chain;
}
