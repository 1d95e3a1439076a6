import { spawnSync } from 'node:child_process';
import { totpCode } from '@portalflow/server';
import { describe, expect, it } from 'vitest';
import { binArgs } from './support/bin.ts';

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [...binArgs, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('portalflow totp', () => {
  it('prints the code an authenticator app shows for the setup key', () => {
    const key = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const before = totpCode(key, Date.now());
    const r = cli('totp', key, '--json');
    const after = totpCode(key, Date.now());
    expect(r.code, r.err).toBe(0);
    const { code, secondsLeft } = JSON.parse(r.out);
    expect([before, after]).toContain(code);
    expect(secondsLeft).toBeGreaterThan(0);
    expect(secondsLeft).toBeLessThanOrEqual(30);
  }, 30_000);

  it('refuses something that is not a key, without a stack trace', () => {
    const r = cli('totp', 'not-a-key!');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/setup key/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(cli('totp').code).toBe(2);
  }, 30_000);
});
