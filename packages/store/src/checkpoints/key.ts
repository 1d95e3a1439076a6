import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError } from '../errors.ts';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key. */
  publicPem: string;
  keyId: string;
  /** True when this call generated the key file. */
  created: boolean;
}

export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** An Ed25519 public key from SPKI PEM (a `.pub` file or a checkpoint's `publicKey`). */
export function readPublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 public key');
  return key;
}

/**
 * The checkpoint signing key at `path` (PKCS#8 PEM), generated on first use: written with mode 0600
 * (exclusive create, so two processes starting together end up with one key), its public key beside it
 * as `<path>.pub`. Keep the file off the database's volume and back up the `.pub` where verifiers can
 * pin it: whoever holds the private key can sign a rewritten history.
 */
export function loadOrCreateSigningKey(path: string): SigningKey {
  let created = false;
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync('ed25519');
    const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    try {
      writeFileSync(path, privatePem, { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600); // the umask may have narrowed it further, never widened; be exact
      writeFileSync(`${path}.pub`, pair.publicKey.export({ type: 'spki', format: 'pem' }) as string, {
        mode: 0o644,
      });
      created = true;
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
    }
    pem = readFileSync(path, 'utf8');
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    throw new StoreError(
      'CHECKPOINT_KEY_INVALID',
      `The checkpoint key ${path} is readable by other users; chmod 600 it`,
    );
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new StoreError('CHECKPOINT_KEY_INVALID', `The checkpoint key ${path} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    keyId: keyIdOf(publicKey),
    created,
  };
}
