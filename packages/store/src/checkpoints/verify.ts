import { type KeyObject, verify } from 'node:crypto';
import { join } from 'node:path';
import type { Store } from '../types.ts';
import {
  bodyDigest,
  CHECKPOINT_FORMAT,
  type CheckpointBody,
  type CheckpointFile,
  headsDigest,
  signedText,
} from './format.ts';
import { keyIdOf, readPublicKey } from './key.ts';
import { listCheckpointFiles, readCheckpoint } from './write.ts';

/** What can be wrong with a checkpoint, or with the history measured against it. */
export type CheckpointFault =
  /** The directory holds no checkpoint at all. */
  | 'none'
  /** Not a checkpoint file (unreadable JSON, missing fields). */
  | 'malformed'
  /** The signature does not verify: the file was forged or edited. */
  | 'bad-signature'
  /** Signed by a key other than the pinned one (or than the first checkpoint's, when none is pinned). */
  | 'unknown-key'
  /** The listed heads do not match the signed digest or count. */
  | 'digest-mismatch'
  /** A checkpoint is missing from the sequence, or does not link to the one before it. */
  | 'broken-sequence'
  /** The history is shorter than a checkpoint says: events or whole instances were removed. */
  | 'truncated'
  /** An event a checkpoint signed now has a different hash: history was rewritten and re-hashed. */
  | 'rewritten';

export interface CheckpointFinding {
  fault: CheckpointFault;
  /** The checkpoint file it concerns. */
  file: string;
  instanceId?: string;
  seq?: number;
  message: string;
}

export interface CheckpointReport {
  ok: boolean;
  checkpoints: number;
  /** The newest checkpoint that verified, if any. */
  latest: CheckpointBody | null;
  /** Distinct heads compared with the stored history. */
  headsChecked: number;
  findings: CheckpointFinding[];
}

export function signatureValid(file: CheckpointFile, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(signedText(file.body)), publicKey, Buffer.from(file.signature, 'base64'));
  } catch {
    return false;
  }
}

function wellFormed(file: unknown): file is CheckpointFile {
  const f = file as CheckpointFile;
  const b = f?.body;
  return (
    f?.format === CHECKPOINT_FORMAT &&
    typeof f.signature === 'string' &&
    typeof f.publicKey === 'string' &&
    Array.isArray(f.heads) &&
    typeof b === 'object' &&
    b !== null &&
    Number.isInteger(b.seq) &&
    Number.isInteger(b.instances) &&
    Number.isInteger(b.events) &&
    typeof b.headsDigest === 'string' &&
    typeof b.createdAt === 'string' &&
    (b.previous === null || typeof b.previous === 'string') &&
    f.heads.every(
      (h) =>
        Array.isArray(h) && typeof h[0] === 'string' && Number.isInteger(h[1]) && typeof h[2] === 'string',
    )
  );
}

/**
 * Compares a checkpoint's heads with the stored events: each signed head must still be there with the
 * same hash, and the history must hold at least as many events. Heads in `checked` are skipped (most
 * heads repeat from one checkpoint to the next).
 */
export async function checkHeadsHold(
  store: Pick<Store, 'chainHeads' | 'eventHashes'>,
  file: CheckpointFile,
  name: string,
  checked: Set<string>,
  currentEvents?: number,
): Promise<CheckpointFinding[]> {
  const findings: CheckpointFinding[] = [];
  const events = currentEvents ?? (await store.chainHeads()).events;
  if (events < file.body.events) {
    findings.push({
      fault: 'truncated',
      file: name,
      message: `${name} signed ${file.body.events} events; the database holds ${events}`,
    });
  }
  const todo = file.heads.filter(([id, seq]) => !checked.has(`${id}\0${seq}`));
  const hashes = await store.eventHashes(todo.map(([instanceId, seq]) => ({ instanceId, seq })));
  todo.forEach(([instanceId, seq, hash], i) => {
    checked.add(`${instanceId}\0${seq}`);
    const stored = hashes[i];
    if (stored === hash) return;
    findings.push(
      stored === null || stored === undefined
        ? {
            fault: 'truncated',
            file: name,
            instanceId,
            seq,
            message: `Instance '${instanceId}' had ${seq} events at ${name}; event ${seq} is gone`,
          }
        : {
            fault: 'rewritten',
            file: name,
            instanceId,
            seq,
            message: `Instance '${instanceId}' event ${seq} differs from the one ${name} signed; its history was rewritten`,
          },
    );
  });
  return findings;
}

export interface VerifyCheckpointsInput {
  store: Pick<Store, 'chainHeads' | 'eventHashes'>;
  dir: string;
  /** SPKI PEM (or key) to trust. Without it, the first checkpoint's embedded key is used and reported. */
  publicKey?: string | KeyObject;
}

/**
 * Verifies every checkpoint in `dir` (signature, heads digest, sequence and links) and measures the
 * stored history against each: fewer events, a missing head event, or a head with another hash is
 * reported. Chains themselves are checked by `store.verifyAll()`; run both (the CLI does).
 */
export async function verifyCheckpoints(input: VerifyCheckpointsInput): Promise<CheckpointReport> {
  const findings: CheckpointFinding[] = [];
  const files = listCheckpointFiles(input.dir);
  let trusted: KeyObject | null =
    input.publicKey === undefined
      ? null
      : typeof input.publicKey === 'string'
        ? readPublicKey(input.publicKey)
        : input.publicKey;
  if (files.length === 0)
    findings.push({ fault: 'none', file: input.dir, message: `No checkpoint files in ${input.dir}` });
  const { events } = await input.store.chainHeads();
  const checked = new Set<string>();
  let previous: CheckpointFile | null = null;
  let expectedSeq = files[0]?.seq ?? 1;
  let latest: CheckpointBody | null = null;
  if (files.length > 0 && files[0]!.seq !== 1) {
    findings.push({
      fault: 'broken-sequence',
      file: files[0]!.name,
      message: `The first checkpoint is number ${files[0]!.seq}; earlier ones are missing`,
    });
  }
  for (const { name, seq } of files) {
    // Whatever is wrong with this one, the next is judged on its own (its link cannot be checked).
    const skip = () => {
      previous = null;
      expectedSeq = seq + 1;
    };
    let file: unknown;
    try {
      file = readCheckpoint(join(input.dir, name));
    } catch (error) {
      findings.push({ fault: 'malformed', file: name, message: `${name}: ${(error as Error).message}` });
      skip();
      continue;
    }
    if (!wellFormed(file) || file.body.seq !== seq) {
      findings.push({ fault: 'malformed', file: name, message: `${name} is not a checkpoint file` });
      skip();
      continue;
    }
    if (!trusted) {
      try {
        trusted = readPublicKey(file.publicKey);
      } catch {
        findings.push({ fault: 'malformed', file: name, message: `${name} carries no usable public key` });
        skip();
        continue;
      }
    }
    if (file.body.keyId !== keyIdOf(trusted)) {
      findings.push({
        fault: 'unknown-key',
        file: name,
        message: `${name} is signed by key ${file.body.keyId}, not the trusted ${keyIdOf(trusted)}`,
      });
      skip();
      continue;
    }
    if (!signatureValid(file, trusted)) {
      findings.push({
        fault: 'bad-signature',
        file: name,
        message: `${name}: the signature does not match its contents; it was forged or edited`,
      });
      skip();
      continue;
    }
    if (headsDigest(file.heads) !== file.body.headsDigest || file.heads.length !== file.body.instances) {
      findings.push({
        fault: 'digest-mismatch',
        file: name,
        message: `${name}: the listed heads are not the ones signed`,
      });
      skip();
      continue;
    }
    if (seq !== expectedSeq || (previous && file.body.previous !== bodyDigest(previous.body))) {
      findings.push({
        fault: 'broken-sequence',
        file: name,
        message: `${name} does not follow checkpoint ${expectedSeq - 1}; a checkpoint was removed or replaced`,
      });
    }
    findings.push(...(await checkHeadsHold(input.store, file, name, checked, events)));
    previous = file;
    expectedSeq = seq + 1;
    latest = file.body;
  }
  return {
    ok: findings.length === 0,
    checkpoints: files.length,
    latest,
    headsChecked: checked.size,
    findings,
  };
}
