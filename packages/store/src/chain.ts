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
  return walk(rows, (row) => hashInput(row, row.payload));
}

/** A stored event with the text its hash covers, assembled by the database from the row as it was read. */
export interface PreparedEvent extends StoredEvent {
  hashInput: string;
}

/**
 * `verifyChain` for rows read with their hash input built by SQL (`json_quote`, the same escaping as
 * `JSON.stringify`): only hashing is left to do here, which is what makes a full audit fast. Internal:
 * the input is trusted to come from the same row, which only the store's own read guarantees.
 */
export function verifyPreparedChain(rows: readonly PreparedEvent[]): ChainCheck {
  return walk(rows, (row) => row.hashInput);
}

function walk<R extends StoredEvent>(rows: readonly R[], inputOf: (row: R) => string): ChainCheck {
  const instanceId = rows[0]?.instanceId ?? '';
  let prev = GENESIS_HASH;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const seq = i + 1;
    if (row.instanceId !== instanceId)
      return failure(instanceId, row.seq, 'wrong-instance', `belongs to instance '${row.instanceId}'`);
    if (row.seq !== seq) {
      return failure(
        instanceId,
        row.seq,
        'sequence-gap',
        `expected event ${seq} here; events are missing or out of order`,
      );
    }
    if (row.prevHash !== prev) {
      return failure(
        instanceId,
        seq,
        'broken-link',
        `prev_hash does not match the hash of event ${seq - 1}; event ${seq - 1} or ${seq} was altered`,
      );
    }
    if (sha256Hex(inputOf(row)) !== row.hash && !matchesCanonical(row)) {
      return failure(
        instanceId,
        seq,
        'hash-mismatch',
        'content does not match its stored hash; the event was altered',
      );
    }
    prev = row.hash;
  }
  return { ok: true, count: rows.length, lastHash: prev };
}

/**
 * The slow, exact check before calling an event altered: the hash covers the payload's value, not its
 * text, so text stored in any other form than the canonical one the store writes is re-encoded first.
 */
function matchesCanonical(row: StoredEvent): boolean {
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
