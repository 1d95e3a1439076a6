import { randomUUID, sign } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../errors.ts';
import type { Store } from '../types.ts';
import {
  bodyDigest,
  CHECKPOINT_FORMAT,
  CHECKPOINT_NAME,
  type CheckpointBody,
  type CheckpointFile,
  checkpointName,
  headsDigest,
  headTuples,
  signedText,
} from './format.ts';
import { loadOrCreateSigningKey, type SigningKey } from './key.ts';
import { checkHeadsHold, signatureValid } from './verify.ts';

export interface WriteCheckpointInput {
  store: Pick<Store, 'chainHeads' | 'eventHashes'>;
  dir: string;
  keyFile: string;
  now: () => string;
}

export interface WrittenCheckpoint {
  path: string;
  body: CheckpointBody;
  keyCreated: boolean;
}

/** The checkpoint files in `dir`, by sequence number. */
export function listCheckpointFiles(dir: string): Array<{ seq: number; name: string }> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((name) => ({ name, match: CHECKPOINT_NAME.exec(name) }))
    .filter((f) => f.match)
    .map((f) => ({ name: f.name, seq: Number(f.match![1]) }))
    .sort((a, b) => a.seq - b.seq);
}

export function readCheckpoint(path: string): CheckpointFile {
  return JSON.parse(readFileSync(path, 'utf8')) as CheckpointFile;
}

/**
 * Creates the file whole or not at all, and never over another: written to a temporary name and
 * fsynced, then hard-linked to its real name (which fails if another process took that number), so a
 * crash mid-write leaves no half-written checkpoint.
 */
function writeExclusive(dir: string, name: string, text: string): boolean {
  const temp = join(dir, `.${name}.${process.pid}.${randomUUID()}.tmp`);
  const fd = openSync(temp, 'wx', 0o444);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, join(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
  return true;
}

/**
 * Signs the current head of every history into the next checkpoint file. Refuses (CHECKPOINT_FAILED)
 * when the history no longer extends the previous checkpoint — a checkpoint must never bless an
 * edited history — or when the previous file's signature is not this key's.
 */
export async function writeCheckpoint(input: WriteCheckpointInput): Promise<WrittenCheckpoint> {
  const key = loadOrCreateSigningKey(input.keyFile);
  mkdirSync(input.dir, { recursive: true });
  for (let attempt = 0; attempt < 5; attempt++) {
    const files = listCheckpointFiles(input.dir);
    const last = files.at(-1);
    const previous = last ? readCheckpoint(join(input.dir, last.name)) : null;
    if (previous) await assertExtends(input, key, previous, last!.name);
    const state = await input.store.chainHeads();
    const heads = headTuples(state.heads);
    const body: CheckpointBody = {
      seq: (last?.seq ?? 0) + 1,
      createdAt: input.now(),
      instances: heads.length,
      events: state.events,
      headsDigest: headsDigest(heads),
      previous: previous ? bodyDigest(previous.body) : null,
      keyId: key.keyId,
    };
    const file: CheckpointFile = {
      format: CHECKPOINT_FORMAT,
      body,
      signature: sign(null, Buffer.from(signedText(body)), key.privateKey).toString('base64'),
      publicKey: key.publicPem,
      heads,
    };
    const name = checkpointName(body.seq);
    if (writeExclusive(input.dir, name, `${JSON.stringify(file)}\n`)) {
      return { path: join(input.dir, name), body, keyCreated: key.created };
    }
  }
  throw new StoreError('CHECKPOINT_FAILED', `Could not take a checkpoint number in ${input.dir}`);
}

async function assertExtends(
  input: WriteCheckpointInput,
  key: SigningKey,
  previous: CheckpointFile,
  name: string,
): Promise<void> {
  if (!signatureValid(previous, key.publicKey)) {
    throw new StoreError(
      'CHECKPOINT_FAILED',
      `${name} is not signed by this key; run portalflow verify --checkpoints before writing more`,
    );
  }
  const findings = await checkHeadsHold(input.store, previous, name, new Set());
  if (findings.length > 0) {
    throw new StoreError(
      'CHECKPOINT_FAILED',
      `The history no longer extends ${name} (${findings.length} finding(s), first: ${findings[0]!.message})`,
    );
  }
}
