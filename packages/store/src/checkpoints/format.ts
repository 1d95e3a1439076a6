import { canonicalJson } from '@portalflow/engine';
import { sha256Hex } from '../hash.ts';
import type { ChainHead } from '../types.ts';

export const CHECKPOINT_FORMAT = 'portalflow-checkpoint/1';

/** What the signature covers. `previous` links each checkpoint to the one before it. */
export interface CheckpointBody {
  seq: number;
  createdAt: string;
  /** Instances and stored events when it was taken. */
  instances: number;
  events: number;
  /** SHA-256 over every head, one `instanceId\tseq\thash\n` line each, in the file's order. */
  headsDigest: string;
  /** `bodyDigest` of checkpoint `seq - 1`; null for the first. */
  previous: string | null;
  /** First 16 hex digits of SHA-256 over the signing key's public key (SPKI DER). */
  keyId: string;
}

/** One checkpoint file: the signed body, its signature, the public key, and the heads it summarises. */
export interface CheckpointFile {
  format: typeof CHECKPOINT_FORMAT;
  body: CheckpointBody;
  /** Ed25519 over `canonicalJson(body)`, base64. */
  signature: string;
  /** The signer's public key (SPKI PEM), for reading; trust comes from `--public-key`. */
  publicKey: string;
  /** `[instanceId, seq, hash]` of every instance at `createdAt`. */
  heads: Array<[string, number, string]>;
}

export function headsDigest(heads: ReadonlyArray<readonly [string, number, string]>): string {
  let text = '';
  for (const [id, seq, hash] of heads) text += `${id}\t${seq}\t${hash}\n`;
  return sha256Hex(text);
}

export const headTuples = (heads: readonly ChainHead[]): Array<[string, number, string]> =>
  heads.map((h) => [h.instanceId, h.seq, h.hash]);

export const signedText = (body: CheckpointBody): string => canonicalJson(body);

export const bodyDigest = (body: CheckpointBody): string => sha256Hex(signedText(body));

/** `checkpoint-000042.json`: names sort in sequence order. */
export const checkpointName = (seq: number) => `checkpoint-${String(seq).padStart(6, '0')}.json`;

export const CHECKPOINT_NAME = /^checkpoint-(\d{6,})\.json$/;
