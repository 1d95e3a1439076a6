import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Intake secrets at rest. Verifying a webhook's HMAC needs the secret itself, so it cannot be hashed
 * like a password or an API token: it is sealed with AES-256-GCM under a key kept outside the database
 * (a file, mode 0600, made on first use), so a copy of the database alone does not let anyone sign
 * webhooks. Sealed form: `v1.` + base64 of iv (12 bytes) ‖ tag (16 bytes) ‖ ciphertext; the key's id
 * is bound in as associated data so a sealed secret cannot be moved to another key row.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The box whose key is in `file` (32 bytes, base64), creating the file if it does not exist. */
  static fromFile(file: string): SecretBox {
    try {
      return new SecretBox(SecretBox.parse(readFileSync(file, 'utf8'), file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    mkdirSync(dirname(file), { recursive: true });
    try {
      // `wx`: two processes starting together must not each write a different key.
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return new SecretBox(SecretBox.parse(readFileSync(file, 'utf8'), file));
  }

  private static parse(text: string, file: string): Buffer {
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} must hold 32 bytes, base64-encoded`);
    return key;
  }

  seal(plain: string, boundTo: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
  }

  /** The secret, or null when it was sealed under another key or for another row (or tampered with). */
  open(sealed: string, boundTo: string): string | null {
    if (!sealed.startsWith('v1.')) return null;
    const raw = Buffer.from(sealed.slice(3), 'base64');
    if (raw.length < 29) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(boundTo));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
