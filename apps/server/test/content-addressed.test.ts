import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentPath, releaseBytes, settleAside, storeBytes } from '../src/files/content-addressed.ts';

/** Files named by their hash, on a real directory: removal that never loses bytes still named. */

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'portalflow-files-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const bytes = (text: string) => new TextEncoder().encode(text);

describe('content-addressed files', () => {
  it('releaseBytes keeps bytes still named, deletes the rest, and leaves nothing set aside', async () => {
    const dir = tempDir();
    const kept = await storeBytes(dir, bytes('kept'));
    const gone = await storeBytes(dir, bytes('gone'));
    await releaseBytes(dir, kept.sha256, async () => true);
    await releaseBytes(dir, gone.sha256, async () => false);
    expect(existsSync(contentPath(dir, kept.sha256))).toBe(true);
    expect(existsSync(contentPath(dir, gone.sha256))).toBe(false);
    expect(readdirSync(dir)).toEqual([kept.sha256]);
  });

  it('puts the bytes back when the question fails, and says why', async () => {
    const dir = tempDir();
    const file = await storeBytes(dir, bytes('asked'));
    await expect(
      releaseBytes(dir, file.sha256, async () => {
        throw new Error('database closed');
      }),
    ).rejects.toThrow('database closed');
    expect(readdirSync(dir)).toEqual([file.sha256]);
  });

  it('settleAside finishes a removal a stopped process left: named bytes back, others deleted, recent ones left', async () => {
    const dir = tempDir();
    const named = await storeBytes(dir, bytes('still named'));
    const unnamed = await storeBytes(dir, bytes('no longer named'));
    renameSync(contentPath(dir, named.sha256), join(dir, '.removing-a'));
    renameSync(contentPath(dir, unnamed.sha256), join(dir, '.removing-b'));
    const inUse = async (sha256: string) => sha256 === named.sha256;

    // Just set aside: a removal under way in another process, left alone.
    expect(await settleAside(dir, inUse)).toEqual({ restored: 0, deleted: 0 });
    expect(readdirSync(dir).sort()).toEqual(['.removing-a', '.removing-b']);

    const later = Date.now() + 2 * 60_000;
    expect(await settleAside(dir, inUse, later)).toEqual({ restored: 1, deleted: 1 });
    expect(readdirSync(dir)).toEqual([named.sha256]);
    expect(readFileSync(contentPath(dir, named.sha256), 'utf8')).toBe('still named');
  });

  it('settleAside on a directory not made yet does nothing', async () => {
    expect(await settleAside(join(tempDir(), 'none'), async () => true)).toEqual({ restored: 0, deleted: 0 });
  });
});
